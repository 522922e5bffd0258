import { afterEach, describe, expect, it, vi } from 'vitest';
import { tableHandlers } from './table-handlers';
import { loadsSettled } from '../load-precedence';
import type { TableSummary } from '../protocol';

const tick = (ms = 1) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const never = new AbortController().signal;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function load(text: string, name: string): Promise<TableSummary> {
  return tableHandlers['load-table']({ kind: 'file', file: new File([text], name) }, never, () => undefined);
}

describe("a loaded table's hand-over to the page", () => {
  it('holds the start-up calls back until the page asks for the first rows, then lets them run', async () => {
    // The warm-up that follows finds no WebAssembly-capable browser here; its warning is expected.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const summary = await load('a,b\n1,x\n2,y\n3,z\n', 'small.csv');
    expect(summary.rows).toBe(3);
    expect(summary.loadMarks && summary.loadMarks.received <= summary.loadMarks.parsed && summary.loadMarks.parsed <= summary.loadMarks.profiled).toBe(true);
    let settled = false;
    void loadsSettled().then(() => (settled = true));
    await tick(20);
    expect(settled).toBe(false);
    const rows = await tableHandlers.rows({ datasetId: summary.id, start: 0, count: 2 }, never, () => undefined);
    expect(rows).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
    await tick(5);
    expect(settled).toBe(true);
    await tick(20);
    expect(warn.mock.calls.every((c) => String(c[0]).startsWith('WASM warm-up failed'))).toBe(true);
  });

  it('lets them run after a while when the page asks for no rows, and a failed load holds nothing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await load('a\n1\n', 'one.csv');
    let settled = false;
    void loadsSettled().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(600);
    expect(settled).toBe(true);
    vi.useRealTimers();

    await expect(tableHandlers['load-table']({ kind: 'url', url: 'http://127.0.0.1:9/missing.csv', name: 'missing.csv' }, never, () => undefined)).rejects.toMatchObject({
      code: 'fetch_failed',
    });
    let afterFailure = false;
    void loadsSettled().then(() => (afterFailure = true));
    await tick(5);
    expect(afterFailure).toBe(true);
  });
});
