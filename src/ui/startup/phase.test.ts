import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module (its phase state is per page) with fake timers. */
async function freshPhase() {
  vi.resetModules();
  return import('./phase');
}

describe('start-up phases', () => {
  beforeEach(() => {
    // Timers only: the real performance timeline carries the mark.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    performance.clearMarks('tau:interactive');
  });
  afterEach(() => {
    vi.useRealTimers();
    performance.clearMarks('tau:interactive');
  });

  it('defers work until the page is interactive and then idle, and marks tau:interactive once', async () => {
    const phase = await freshPhase();
    let started = false;
    void phase.afterStartup().then(() => (started = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(false);
    expect(phase.startupPassed()).toBe(false);
    expect(performance.getEntriesByName('tau:interactive')).toHaveLength(0);

    phase.markInteractive();
    phase.markInteractive(); // StrictMode runs effects twice: still one mark
    expect(performance.getEntriesByName('tau:interactive')).toHaveLength(1);
    // No requestIdleCallback in Node: the next task is the idle moment.
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toBe(true);
    expect(phase.startupPassed()).toBe(true);
  });

  it('starts deferred work anyway when the app never becomes interactive (a failed first render)', async () => {
    const phase = await freshPhase();
    let started = false;
    void phase.afterStartup().then(() => (started = true));
    await vi.advanceTimersByTimeAsync(4999);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toBe(true);
    expect(performance.getEntriesByName('tau:interactive')).toHaveLength(0);
  });
});
