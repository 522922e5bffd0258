import { useEffect, useState } from 'react';
import { nextTask } from '../../lib/yield';

/**
 * Incremental rendering for panels that receive a big value at once (a training result): the first
 * commit shows stage 1 only (the headline), and each later stage commits in its own task, so the page
 * paints and handles input between them instead of running one long task.
 *
 * Stages advance through a plain task (`scheduler.postTask` where the browser has it, else a 0 ms
 * timer), not `requestIdleCallback`, which a headless page without input may never call. The later
 * stages run at background priority: the frame that paints the headline, input and timers go first,
 * so the headline is on screen before the tables and charts below it are built (issue 19, 1b/4b).
 */
export function useStagedReveal(key: unknown, stages: number): number {
  const [state, setState] = useState({ key, shown: 1 });
  // A new key restarts at stage 1 in this very render (React's "adjust state while rendering" pattern),
  // so the first commit of a new result never carries the later stages.
  const current = state.key === key ? state : { key, shown: 1 };
  if (current !== state) setState(current);
  const shown = Math.min(current.shown, stages);
  useEffect(() => {
    if (shown >= stages) return;
    return nextTask(() => setState((s) => (s.key === key ? { key, shown: s.shown + 1 } : s)));
  }, [key, shown, stages]);
  return shown;
}
