/**
 * A data load the person is waiting for comes before the worker's start-up calls (issue 19, the CSV
 * hand-over). The page asks the worker for its backend probe and the saved-model list as soon as it has
 * started, which is often the moment a file is chosen; answered beside the parse, they took the worker's
 * thread from it (WebGL context creation for the probe, and TensorFlow.js's import and backend start for
 * the list). Calls that can wait call `loadsSettled()` first: it resolves at once when no load runs, else
 * when the last running load has finished (loaded, failed or cancelled).
 */
let running = 0;
let waiters: (() => void)[] = [];

/** Marks a load as running; call the returned function once it has finished (any outcome). */
export function loadStarted(): () => void {
  running++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    running--;
    // In a later task: the load's own answer is posted first (the waiting probe's WebGL context creation ran in
    // the microtasks before it and delayed the summary). A load started meanwhile keeps them waiting.
    setTimeout(release, 0);
  };
}

function release(): void {
  if (running > 0) return;
  const ready = waiters;
  waiters = [];
  for (const resolve of ready) resolve();
}

/** Resolves when no load is running (at once when none is). Never rejects. */
export function loadsSettled(): Promise<void> {
  if (running === 0) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}

/** Runs `work` with a load marked as running. */
export async function asLoad<T>(work: () => Promise<T>): Promise<T> {
  const finished = loadStarted();
  try {
    return await work();
  } finally {
    finished();
  }
}
