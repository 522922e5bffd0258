/**
 * The one progress throttle, in two places of the same path: the worker drops batch updates that come
 * faster than PROGRESS_INTERVAL_MS (the settings table), and the store applies what arrived at most that
 * often, in one render. Batch progress can come hundreds of times a second (small tables train a batch
 * in well under a millisecond); posting each one costs the worker a structured clone and the page a
 * message and a render. A progress bar needs a few updates a second.
 */
import { PROGRESS_INTERVAL_MS } from '../settings/limits';
import type { JobProgress } from './job';

/**
 * Worker side: batch updates pass at most every `intervalMs`, and the last batch of an epoch always
 * does. Every other phase (epochs, messages, search) passes at once.
 */
export function throttleBatchProgress(send: (p: JobProgress) => void, intervalMs = PROGRESS_INTERVAL_MS, now: () => number = () => performance.now()): (p: JobProgress) => void {
  let lastSent = -Infinity;
  return (p) => {
    if (p.phase === 'training') {
      const time = now();
      if (p.batch !== p.batches && time - lastSent < intervalMs) return;
      lastSent = time;
    }
    send(p);
  };
}

/** Page side: collects progress messages and hands them over, in order, at most every `intervalMs`. */
export class ProgressBuffer<T = JobProgress> {
  private pending: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(
    private readonly apply: (batch: T[]) => void,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}
  push(progress: T): void {
    this.pending.push(progress);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }
  /** Hands over what is pending now (the job ended). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.apply(batch);
  }
}
