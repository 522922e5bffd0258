/**
 * Parts of the page rendered after start-up (`AfterStartup`): the notebook counts as rendered (the one to
 * reopen on the next start, `confirmRendered`) only once every such part has committed, so a section
 * that crashes the page on its deferred render is not confirmed before it ran.
 */
let pending = 0;
let waiters: (() => void)[] = [];

function settle(): void {
  if (pending > 0) return;
  const ready = waiters;
  waiters = [];
  for (const resolve of ready) resolve();
}

/** One deferred part: `done()` when its content has committed or it went away (idempotent). */
export function deferredPart(): { done(): void } {
  pending++;
  let finished = false;
  return {
    done() {
      if (finished) return;
      finished = true;
      pending--;
      // After the current task: parts that commit in the same render all count before anyone is told.
      setTimeout(settle, 0);
    },
  };
}

/** Resolves once no deferred part is waiting (at once when none is). */
export function deferredPartsRendered(): Promise<void> {
  if (pending === 0) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}

/** How many deferred parts have not rendered yet (tests). */
export function deferredPending(): number {
  return pending;
}
