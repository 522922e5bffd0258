import type { JobProgress } from '../train/job';

/**
 * Batch progress can come hundreds of times a second (small tables train a batch in well under a
 * millisecond); posting each one costs the worker a structured clone and the page a message to handle.
 * A progress bar needs a few updates a second: batch updates pass at most every `intervalMs`, and the
 * last batch of an epoch always does. Every other phase passes at once.
 */
export function throttleBatchProgress(send: (p: JobProgress) => void, intervalMs = 100, now: () => number = () => performance.now()): (p: JobProgress) => void {
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
