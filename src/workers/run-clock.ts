import { RunClock, type RunMark } from '../train/run-timings';
import type { JobProgress } from '../train/job';

/**
 * The worker's marks of the latest training run (issue 19: where the time around a run goes). The
 * runner asks for them with the `run-timings` call; the UI does not use them.
 */
let latest: RunClock | null = null;
/** `run-timings` calls with `wait`: answered when the run in progress (or the next to start) settles. */
let waiters: ((marks: RunMark[]) => void)[] = [];

/**
 * Starts a new run's clock and returns a progress function that also stamps marks from the job's phases;
 * `settle` (the run ended, result or failure) answers the `run-timings` calls waiting for it.
 */
export function startRunClock(progress: (p: JobProgress) => void): { clock: RunClock; progress: (p: JobProgress) => void; settle: () => void } {
  const clock = new RunClock();
  latest = clock;
  clock.mark('worker-received');
  return {
    clock,
    progress: (p) => {
      if (p.phase === 'training' || p.phase === 'epoch') clock.mark('first-batch');
      else if (p.phase === 'evaluating') clock.mark('trained');
      progress(p);
    },
    settle: () => {
      const waiting = waiters;
      waiters = [];
      for (const answer of waiting) answer([...clock.marks]);
    },
  };
}

/** A `train` handler with its run's clock: the run settles (waiting `run-timings` calls answered) however it ends. */
export function withRunClock<P, R>(
  run: (payload: P, signal: AbortSignal, progress: (p: JobProgress) => void, clock: RunClock) => Promise<R>,
): (payload: P, signal: AbortSignal, progress: (p: JobProgress) => void) => Promise<R> {
  return async (payload, signal, report) => {
    const { clock, progress, settle } = startRunClock(report);
    try {
      return await run(payload, signal, progress, clock);
    } finally {
      settle();
    }
  };
}

export function latestRunMarks(): RunMark[] | null {
  return latest ? [...latest.marks] : null;
}

/**
 * The marks of the run in progress, or of the next run to start, once it settles; null when the call is
 * cancelled first (the page's train call never reached the worker). The runner asks right after its
 * train call, so the answer leaves the worker with the result instead of behind the calls that follow
 * a result (the model summary's drift reference, the weights read).
 */
export function runMarksWhenSettled(signal: AbortSignal): Promise<RunMark[] | null> {
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve) => {
    const answer = (marks: RunMark[]) => {
      signal.removeEventListener('abort', cancel);
      resolve(marks);
    };
    const cancel = () => {
      waiters = waiters.filter((w) => w !== answer);
      resolve(null);
    };
    waiters.push(answer);
    signal.addEventListener('abort', cancel, { once: true });
  });
}
