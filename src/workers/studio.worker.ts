/// <reference lib="webworker" />
/**
 * The studio's one worker: parsing, training and prediction run here so the page never freezes.
 * Thin by design: it routes messages to handler modules (one per feature) that call the domain code.
 */
import { DataError } from '../lib/errors';
import type { JobProgress, WorkerFailure, WorkerRequest, WorkerResponse } from './protocol';
import type { Handler } from './worker-state';
import { CONCURRENT_CALLS, handlers } from './handler-table';
import { throttleBatchProgress } from '../train/progress-throttle';
// One queue for every call that uses TensorFlow.js (and the WASM warm-up): see tf-queue.ts.
import { exclusive } from './tf-queue';

declare const self: DedicatedWorkerGlobalScope;

const jobs = new Map<number, AbortController>();

function post(response: WorkerResponse): void {
  self.postMessage(response);
}

function toFailure(error: unknown): WorkerFailure {
  if (error instanceof DataError) return { code: error.code, message: error.message };
  if (error instanceof Error && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return { code: (error as Error & { code: string }).code, message: error.message };
  }
  console.error('Unexpected worker error', error);
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong inside Tau Studio: ${message}. Your data and notebook are unchanged; please try again.` };
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'cancel') {
    jobs.get(request.id)?.abort();
    return;
  }
  const controller = new AbortController();
  jobs.set(request.id, controller);
  const progress = throttleBatchProgress((p: JobProgress) => post({ kind: 'progress', id: request.id, progress: p }));
  try {
    const handler = handlers[request.call] as Handler<typeof request.call>;
    const run = () => handler(request.payload as never, controller.signal, progress);
    const result = await (CONCURRENT_CALLS.has(request.call) ? run() : exclusive(run));
    post({ kind: 'done', id: request.id, result });
  } catch (error) {
    post({ kind: 'failed', id: request.id, error: toFailure(error) });
  } finally {
    jobs.delete(request.id);
  }
};
