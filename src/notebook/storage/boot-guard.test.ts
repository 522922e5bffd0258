import { describe, expect, it } from 'vitest';
import { beginStart, confirmStart, type SmallStore } from './boot-guard';

const memory = (): SmallStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};

describe('boot guard', () => {
  it('plays safe after two starts in a row that never rendered, and leaves safe mode after a good start', () => {
    const store = memory();
    expect(beginStart(store).safeMode).toBe(false); // crashes
    expect(beginStart(store).safeMode).toBe(false); // crashes again
    expect(beginStart(store).safeMode).toBe(true);
    confirmStart(store);
    expect(beginStart(store).safeMode).toBe(false);
  });

  it('a confirmed start never counts', () => {
    const store = memory();
    for (let i = 0; i < 5; i++) {
      expect(beginStart(store).safeMode).toBe(false);
      confirmStart(store);
    }
  });

  it('survives garbage and missing storage', () => {
    const store = memory();
    store.data.set('tau-studio:unconfirmed-starts', 'NaN{');
    expect(beginStart(store).safeMode).toBe(false);
    expect(beginStart(null).safeMode).toBe(false);
  });
});
