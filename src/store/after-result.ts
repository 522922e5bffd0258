/**
 * Work that follows a training result but is not part of it (embedding the weights in the notebook, and the
 * autosave that follows) waits until the result's headline is on the page and a frame has passed — the
 * moment the runner counts a run as finished (issue 19: the wait after pressing Train ends at the headline).
 */
import { nextTask } from '../lib/yield';
import { RESULT_HEADLINE_MARK } from '../train/run-timings';

/** Longest wait for the headline (a result that renders no headline, a busy page): then the work runs anyway. */
export const AFTER_RESULT_MAX_WAIT_MS = 2000;

/** Calls `work` once a headline mark at or after `since` (performance.now()) exists and the next frame passed. */
export function afterResultShown(work: () => void, since = performance.now(), maxWaitMs = AFTER_RESULT_MAX_WAIT_MS): void {
  const deadline = since + maxWaitMs;
  const shown = () => performance.getEntriesByName(RESULT_HEADLINE_MARK).some((e) => e.startTime >= since);
  const poll = () => {
    if (shown() || performance.now() > deadline) afterFrame(work);
    else setTimeout(poll, 8);
  };
  poll();
}

/**
 * After the next frame (a hidden tab gets no frames: then after 250 ms), in a task of its own at background
 * priority where the browser has `scheduler.postTask` (the result's own stages and input go first).
 */
function afterFrame(work: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    work();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => nextTask(run));
  setTimeout(run, 250);
}
