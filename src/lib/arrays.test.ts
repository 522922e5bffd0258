import { describe, expect, it } from 'vitest';
import { appendAll, maxOf, minOf } from './arrays';

describe('array helpers', () => {
  it('append and find extremes of arrays of a million elements', () => {
    const big = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(appendAll([-1], big).length).toBe(1_000_001);
    expect(maxOf(big)).toBe(big.reduce((a, b) => (a > b ? a : b)));
    expect(minOf(big, 5)).toBe(0);
  });

  it('fall back to the bound for empty input and skip NaN', () => {
    expect(maxOf([], 1)).toBe(1);
    expect(minOf([], 0)).toBe(0);
    expect(maxOf([Number.NaN, 2, Number.NaN], 0)).toBe(2);
    expect(minOf(new Float32Array([3, -2, Number.NaN]))).toBe(-2);
  });
});
