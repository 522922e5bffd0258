import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackendProbe } from '../runtime/backends';
import { prewarmed, prewarmTableBackend, type WarmRuntime } from './prewarm';
import { exclusive } from './tf-queue';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 2));

/**
 * A TF.js runtime as far as backends go: switching takes a few ticks, and a switch that another switch
 * overlaps ends on the wrong backend and fails, as tf-runtime's activateBackend does ("WASM could not start").
 */
function fakeRuntime() {
  let backend: string | null = null;
  let switching = 0;
  const log: string[] = [];
  const rt = {
    tf: { engine: () => ({ backendName: backend }) },
    async activateBackend(name: string): Promise<void> {
      switching++;
      log.push(`start ${name}`);
      await tick();
      backend = name;
      await tick();
      const overlapped = switching > 1;
      switching--;
      log.push(`end ${name}`);
      if (overlapped || backend !== name) throw new Error(`${name} could not start`);
    },
  };
  return { rt, log, backend: () => backend };
}

const probes: BackendProbe[] = [{ name: 'wasm', available: true } as BackendProbe, { name: 'cpu', available: true } as BackendProbe];

describe('WASM warm-up', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a backend switch asked for during the warm-up waits for it (one queue): no failed warm-up, no overlap', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fake = fakeRuntime();
    // Probing takes a moment, as the real one does (WebGPU adapter request), so the switch below arrives mid-warm-up.
    const warm = prewarmTableBackend({ probes: async () => (await tick(), probes), runtime: async () => fake.rt as WarmRuntime });
    // What a prediction or "choose-backend" does: an exclusive call that switches the backend.
    const choose = exclusive(() => fake.rt.activateBackend('cpu'));
    await Promise.all([warm, choose]);
    expect(warn).not.toHaveBeenCalled();
    expect(fake.log).toEqual(['start wasm', 'end wasm', 'start cpu', 'end cpu']);
    expect(fake.backend()).toBe('cpu');
  });

  it('waits for a TF.js call already running, then skips the switch when a backend is active', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fake = fakeRuntime();
    const training = exclusive(async () => {
      await fake.rt.activateBackend('cpu');
      await tick();
    });
    const warm = prewarmTableBackend({ probes: async () => probes, runtime: async () => fake.rt as WarmRuntime });
    await Promise.all([training, warm]);
    expect(warn).not.toHaveBeenCalled();
    expect(fake.log).toEqual(['start cpu', 'end cpu']);
    expect(fake.backend()).toBe('cpu');
  });

  it('prewarmed() waits for a running warm-up and never rejects; a failing warm-up is reported and does not block the queue', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const rt: WarmRuntime = {
      tf: { engine: () => ({ backendName: null }) },
      activateBackend: async () => {
        await gate;
        throw new Error('WASM could not start');
      },
    };
    const warm = prewarmTableBackend({ probes: async () => probes, runtime: async () => rt });
    await tick();
    let waited = false;
    const waiting = prewarmed().then(() => (waited = true));
    await tick();
    expect(waited).toBe(false);
    release();
    await Promise.all([warm, waiting]);
    expect(waited).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('WASM could not start'));
    await expect(exclusive(async () => 'next')).resolves.toBe('next');
  });
});
