import { RunClock, type RunMark } from '../train/run-timings';
import type { JobProgress } from '../train/job';

/**
 * The worker's marks of the latest training run (issue 19: where the time around a run goes). The
 * runner asks for them with the `run-timings` call after a run; the UI does not use them.
 */
let latest: RunClock | null = null;

/** Starts a new run's clock and returns a progress function that also stamps marks from the job's phases. */
export function startRunClock(progress: (p: JobProgress) => void): { clock: RunClock; progress: (p: JobProgress) => void } {
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
  };
}

export function latestRunMarks(): RunMark[] | null {
  return latest ? [...latest.marks] : null;
}
