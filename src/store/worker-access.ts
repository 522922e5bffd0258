import type { WorkerFailure } from '../workers/protocol';
import { StudioWorkerClient, WorkerError } from '../workers/worker-client';

let client: StudioWorkerClient | null = null;

/** The worker starts on first use, so tests and the first paint never wait for it. */
export function worker(): StudioWorkerClient {
  client ??= new StudioWorkerClient();
  return client;
}

/** Turns anything thrown into a failure for the UI; unexpected errors are logged, never swallowed. */
export function failureOf(error: unknown): WorkerFailure {
  if (error instanceof WorkerError) return error.failure;
  console.error(error);
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
