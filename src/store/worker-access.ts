import type { WorkerFailure } from '../workers/protocol';
import { StudioWorkerClient, WorkerError, type WorkerCaller } from '../workers/worker-client';

let client: WorkerCaller | null = null;

/** The worker starts on first use, so tests and the first paint never wait for it. */
export function worker(): WorkerCaller {
  client ??= new StudioWorkerClient();
  return client;
}

/** Replaces the worker (store tests in Node, where there is no Worker). */
export function setWorkerCaller(caller: WorkerCaller): void {
  client = caller;
}

/** Turns anything thrown into a failure for the UI; unexpected errors are logged, never swallowed. */
export function failureOf(error: unknown): WorkerFailure {
  if (error instanceof WorkerError) return error.failure;
  console.error(error);
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
