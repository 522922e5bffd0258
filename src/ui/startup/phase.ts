/**
 * The page's start-up phases (issue 19, target 4b: cold start to interactive). The first paint carries
 * the notebook's controls; work it does not need — the automation handle, the backend probe (which
 * starts the worker and loads TF.js there), panels below the fold that pull in charts — waits for
 * `afterStartup()`: the first idle moment after `markInteractive()`, so it does not compete with the
 * first render for the main thread and the network.
 */

/** The longest wait for an idle moment once the page is interactive. */
const IDLE_TIMEOUT_MS = 1000;
/**
 * When the app never reaches its first effect (the top-level error boundary caught a failing render),
 * deferred work still starts this long after this module loaded: the automation handle, in particular,
 * must exist for drivers on a broken page too.
 */
const FALLBACK_MS = 5000;

let interactive = false;
let passed = false;
let resolveInteractive: () => void = () => undefined;
const interactiveReached = new Promise<void>((resolve) => {
  resolveInteractive = resolve;
});

function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 0);
  });
}

function fallback(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, FALLBACK_MS));
}

const started: Promise<void> = Promise.race([interactiveReached.then(idle), fallback()]).then(() => {
  passed = true;
});

/**
 * The first paint with working controls has committed: sets the `tau:interactive` performance mark (the
 * bench's "time to interactive") once per page, however often it is called (React's StrictMode runs
 * effects twice in development).
 */
export function markInteractive(): void {
  if (interactive) return;
  interactive = true;
  performance.mark('tau:interactive');
  resolveInteractive();
}

/** Resolves at the first idle moment after `markInteractive()` (at most ~1 s later), once per page. */
export function afterStartup(): Promise<void> {
  return started;
}

/** Whether `afterStartup()` has resolved: later mounts need not wait for it. */
export function startupPassed(): boolean {
  return passed;
}
