import { describe, expect, it, vi } from 'vitest';
import { asLoad, loadsSettled, loadStarted } from './load-precedence';
import { parseCsvBlob } from '../data/csv/parse-csv';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('a running data load goes before the start-up calls', () => {
  it('resolves at once when no load runs', async () => {
    let settled = false;
    void loadsSettled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(true);
  });

  it('waits for every running load, whatever its outcome, and only once for a repeated finish', async () => {
    const first = loadStarted();
    const second = loadStarted();
    let settled = false;
    void loadsSettled().then(() => (settled = true));
    first();
    first(); // a second call of the same finish does not count as the other load's
    await tick();
    expect(settled).toBe(false);
    second();
    await tick();
    expect(settled).toBe(true);
  });

  it('runs a start-up call after a real CSV load that was running when it was asked, not beside it', async () => {
    const order: string[] = [];
    const text = 'a,b\n' + Array.from({ length: 20_000 }, (_, i) => `${i},${i % 7}`).join('\n');
    const load = asLoad(async () => {
      const parsed = await parseCsvBlob(new Blob([text]), { fileName: 'big.csv', chunkBytes: 16 * 1024, onProgress: () => order.push('chunk') });
      order.push('loaded');
      return parsed;
    });
    const probe = loadsSettled().then(() => order.push('probe'));
    const parsed = await load;
    await probe;
    expect(parsed.table.rowCount).toBe(20_000);
    expect(order.filter((o) => o === 'chunk').length).toBeGreaterThan(0);
    expect(order.at(-1)).toBe('probe');
    expect(order.at(-2)).toBe('loaded');
  });

  it('a failed load releases the waiting calls', async () => {
    let settled = false;
    const failing = asLoad(async () => {
      await tick();
      throw new Error('unreadable file');
    });
    void loadsSettled().then(() => (settled = true));
    await expect(failing).rejects.toThrow('unreadable file');
    await tick();
    expect(settled).toBe(true);
  });
});

describe('the backend probe', () => {
  it('creates no WebGL context until the pause (a running load) has ended', async () => {
    const { probeBackends } = await import('../runtime/backends');
    const order: string[] = [];
    class FakeCanvas {
      getContext(): null {
        order.push('webgl context');
        return null;
      }
    }
    // Node has neither: a browser without WebGPU whose WebGL context creation is recorded.
    vi.stubGlobal('navigator', {});
    vi.stubGlobal('OffscreenCanvas', FakeCanvas);
    try {
      const finished = loadStarted();
      const probing = probeBackends(() => loadsSettled().then(() => void order.push('pause over')));
      await tick();
      expect(order).toEqual([]);
      finished();
      const probes = await probing;
      expect(order).toEqual(['pause over', 'webgl context']);
      expect(probes.find((p) => p.name === 'webgl')?.available).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('the order of answers when a load ends', () => {
  it("releases the waiting calls only after the load's own continuation (its answer is posted first)", async () => {
    const order: string[] = [];
    const load = asLoad(async () => {
      await tick();
      void loadsSettled().then(() => order.push('prewarm probe'));
      return 'summary';
    }).then((summary) => order.push(`post ${summary}`));
    const probe = loadsSettled().then(() => order.push('probe'));
    await Promise.all([load, probe]);
    await tick();
    expect(order).toEqual(['post summary', 'probe', 'prewarm probe']);
  });

  it('keeps the calls waiting when another load starts before they are released', async () => {
    let settled = false;
    const first = loadStarted();
    void loadsSettled().then(() => (settled = true));
    first();
    const second = loadStarted();
    await tick();
    await tick();
    expect(settled).toBe(false);
    second();
    await tick();
    expect(settled).toBe(true);
  });
});
