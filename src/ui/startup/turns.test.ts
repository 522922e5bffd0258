import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module (its queue is per page). */
async function fresh() {
  vi.resetModules();
  return import('./turns');
}

describe('turns of the deferred parts', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives one turn at a time, in order, with a task between two turns', async () => {
    const turns = await fresh();
    const order: string[] = [];
    const finishers: Record<string, () => void> = {};
    for (const name of ['a', 'b', 'c'])
      void turns.takeTurn().then((finish) => {
        order.push(name);
        finishers[name] = finish;
      });
    expect(turns.turnsPending()).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['a']);
    // b waits while a holds its turn.
    await vi.advanceTimersByTimeAsync(100);
    expect(order).toEqual(['a']);
    finishers.a();
    finishers.a(); // idempotent
    // Not in the same task: the browser gets a task between two parts' commits.
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(order).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['a', 'b']);
    finishers.b();
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(turns.turnsPending()).toBe(true);
    finishers.c();
    expect(turns.turnsPending()).toBe(false);
  });

  it('ends a turn that is never finished after the limit, so the rest of the page still renders', async () => {
    const turns = await fresh();
    const order: string[] = [];
    void turns.takeTurn().then(() => order.push('stuck'));
    void turns.takeTurn().then((finish) => {
      order.push('next');
      finish();
    });
    await vi.advanceTimersByTimeAsync(turns.TURN_LIMIT_MS - 10);
    expect(order).toEqual(['stuck']);
    await vi.advanceTimersByTimeAsync(20);
    expect(order).toEqual(['stuck', 'next']);
    expect(turns.turnsPending()).toBe(false);
  });
});
