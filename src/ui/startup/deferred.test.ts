import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module (its count is per page). */
async function fresh() {
  vi.resetModules();
  return import('./deferred');
}

describe('deferred parts of the first render', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves at once when nothing is deferred', async () => {
    const deferred = await fresh();
    let done = false;
    void deferred.deferredPartsRendered().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(true);
  });

  it('waits for every part, counts a part once however often it finishes, and tells after the task', async () => {
    const deferred = await fresh();
    const a = deferred.deferredPart();
    const b = deferred.deferredPart();
    let done = false;
    void deferred.deferredPartsRendered().then(() => (done = true));
    a.done();
    a.done(); // a clean-up that runs twice must not count for b
    await vi.advanceTimersByTimeAsync(10);
    expect(done).toBe(false);
    expect(deferred.deferredPending()).toBe(1);
    b.done();
    expect(done).toBe(false); // not inside the commit that finished it
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    expect(deferred.deferredPending()).toBe(0);
  });

  it('a part added before the timer fires keeps waiters waiting', async () => {
    const deferred = await fresh();
    const a = deferred.deferredPart();
    let done = false;
    void deferred.deferredPartsRendered().then(() => (done = true));
    a.done();
    const c = deferred.deferredPart();
    await vi.advanceTimersByTimeAsync(10);
    expect(done).toBe(false);
    c.done();
    await vi.advanceTimersByTimeAsync(10);
    expect(done).toBe(true);
  });
});
