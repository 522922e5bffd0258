import { describe, expect, it } from 'vitest';
import { WASM_MAX_THREADS, threadsFor, wasmThreadCount } from './wasm-threads';

describe('wasmThreadCount', () => {
  it('uses every core up to 4, half above, at most the preallocated workers', () => {
    expect([1, 2, 3, 4].map(wasmThreadCount)).toEqual([1, 2, 3, 4]);
    expect(wasmThreadCount(8)).toBe(4);
    expect(wasmThreadCount(12)).toBe(6);
    expect(wasmThreadCount(64)).toBe(WASM_MAX_THREADS);
  });

  it('falls back to one thread when the browser does not say', () => {
    expect(wasmThreadCount(undefined)).toBe(1);
    expect(wasmThreadCount(0)).toBe(1);
    expect(wasmThreadCount(Number.NaN)).toBe(1);
  });

  it('gives convolutional workloads the threads and keeps dense table models on one', () => {
    expect(threadsFor('image', 2)).toBe(2);
    expect(threadsFor('image', 16)).toBe(8);
    expect(threadsFor('tabular', 2)).toBe(1);
    expect(threadsFor('tabular', 16)).toBe(1);
  });
});
