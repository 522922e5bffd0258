import { describe, expect, it } from 'vitest';
import { afterResultShown } from './after-result';
import { RESULT_HEADLINE_MARK } from '../train/run-timings';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Waits until `done()` or 5 s (timers run late on a loaded machine; the assertions after it decide). */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!done() && Date.now() < deadline) await wait(10);
}

describe('afterResultShown (weights embedding waits for the headline)', () => {
  it('does not run before the headline mark, and runs after it in a later task', async () => {
    let ran = 0;
    afterResultShown(() => ran++, performance.now(), 5000);
    await wait(60);
    expect(ran).toBe(0);
    performance.mark(RESULT_HEADLINE_MARK);
    expect(ran).toBe(0);
    // No frames here (no requestAnimationFrame in Node): the 250 ms fallback runs it, once.
    await until(() => ran > 0);
    expect(ran).toBe(1);
    await wait(300);
    expect(ran).toBe(1);
  });

  it('ignores a headline of an earlier result and runs anyway after the longest wait', async () => {
    performance.mark(RESULT_HEADLINE_MARK);
    await wait(5);
    let ran = 0;
    afterResultShown(() => ran++, performance.now(), 100);
    await wait(60);
    expect(ran).toBe(0);
    await until(() => ran > 0);
    expect(ran).toBe(1);
  });
});
