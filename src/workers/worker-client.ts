import type { CallName, JobProgress, WorkerCalls, WorkerFailure, WorkerRequest, WorkerResponse } from './protocol';

/** An error the worker reported: `code` for programs, `message` for people. */
export class WorkerError extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(failure.message);
    this.name = 'WorkerError';
  }
  get code(): string {
    return this.failure.code;
  }
}

export interface Job<T> {
  id: number;
  promise: Promise<T>;
  /** Asks the worker to stop; training keeps the best model so far, loading changes nothing. */
  cancel(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (p: JobProgress) => void;
}

/** What the page needs of the worker: typed calls (the store's tests give an in-memory one). */
export interface WorkerCaller {
  call<K extends CallName>(call: K, payload: WorkerCalls[K][0], onProgress?: (p: JobProgress) => void): Job<WorkerCalls[K][1]>;
}

/** Main-thread side of the studio worker: typed calls, progress callbacks, cancellation. */
export class StudioWorkerClient implements WorkerCaller {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    this.worker = new Worker(new URL('./studio.worker.ts', import.meta.url), { type: 'module', name: 'tau-studio' });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      const failure = { code: 'worker_crashed', message: `The background worker stopped unexpectedly (${event.message || 'unknown error'}). Reload the page; your notebook is saved.` };
      for (const p of this.pending.values()) p.reject(new WorkerError(failure));
      this.pending.clear();
    };
  }

  call<K extends CallName>(call: K, payload: WorkerCalls[K][0], onProgress?: (p: JobProgress) => void): Job<WorkerCalls[K][1]> {
    const id = this.nextId++;
    const promise = new Promise<WorkerCalls[K][1]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
    });
    this.worker.postMessage({ kind: 'call', id, call, payload } as WorkerRequest);
    return { id, promise, cancel: () => this.worker.postMessage({ kind: 'cancel', id } satisfies WorkerRequest) };
  }

  private receive(message: WorkerResponse): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.kind === 'progress') {
      pending.onProgress?.(message.progress);
      return;
    }
    this.pending.delete(message.id);
    if (message.kind === 'done') pending.resolve(message.result);
    else pending.reject(new WorkerError(message.error));
  }
}
