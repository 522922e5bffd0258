import { describe, expect, it } from 'vitest';
import { ChunkedValues } from './chunked-values';

describe('ChunkedValues', () => {
  it('keeps every pushed value in order across chunk boundaries and takes an exact-size array', () => {
    const values = new ChunkedValues((n) => new Float64Array(n));
    const count = 300_001;
    for (let i = 0; i < count; i++) values.push(i % 3 === 0 ? Number.NaN : i * 0.5);
    expect(values.length).toBe(count);
    const seen: number[] = [];
    values.forEach((v, i) => {
      if (i >= count - 3) seen.push(v);
    });
    expect(seen).toEqual([(count - 3) * 0.5, (count - 2) * 0.5, Number.NaN]);
    const taken = values.take();
    expect(taken).toBeInstanceOf(Float64Array);
    expect(taken.length).toBe(count);
    expect(taken.buffer.byteLength).toBe(count * 8);
    for (let i = 0; i < count; i++) if (!Object.is(taken[i], i % 3 === 0 ? Number.NaN : i * 0.5)) throw new Error(`value ${i}: ${taken[i]}`);
    expect(values.length).toBe(0);
  });

  it('stores codes as Int32 and takes an empty array when nothing was pushed', () => {
    const codes = new ChunkedValues((n) => new Int32Array(n));
    expect(codes.take()).toEqual(new Int32Array(0));
    for (let i = 0; i < 1000; i++) codes.push(i - 1);
    expect(Array.from(codes.take().subarray(0, 3))).toEqual([-1, 0, 1]);
  });
});
