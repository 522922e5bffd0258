import { describe, expect, it } from 'vitest';
import { sortFloat64 } from './sort-float64';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function expectSameAsBuiltIn(values: Float64Array): void {
  const expected = values.slice().sort();
  const actual = values.slice();
  sortFloat64(actual);
  // Object.is tells -0 from +0 and matches NaN with NaN.
  for (let i = 0; i < values.length; i++) {
    if (!Object.is(actual[i], expected[i])) throw new Error(`index ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

describe('sortFloat64', () => {
  it('sorts mixed-sign decimals like the built-in sort (radix path)', () => {
    const next = random(1);
    const values = Float64Array.from({ length: 50_000 }, () => Math.round((next() * 2e5 - 1e5) * 100) / 100);
    expectSameAsBuiltIn(values);
  });

  it('keeps -0 before +0, puts NaN last and handles infinities, tiny and huge magnitudes', () => {
    const next = random(2);
    const specials = [0, -0, Number.NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-300, -1e300];
    const values = Float64Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? specials[i % specials.length] : (next() - 0.5) * 10 ** Math.floor(next() * 20 - 10)));
    expectSameAsBuiltIn(values);
    const sorted = values.slice();
    sortFloat64(sorted);
    expect(Number.isNaN(sorted[sorted.length - 1])).toBe(true);
  });

  it('sorts integers (passes with one digit value are skipped), already sorted and reversed input', () => {
    const next = random(3);
    expectSameAsBuiltIn(Float64Array.from({ length: 30_000 }, () => Math.floor(next() * 60) + 18));
    expectSameAsBuiltIn(Float64Array.from({ length: 30_000 }, (_, i) => i + 1));
    expectSameAsBuiltIn(Float64Array.from({ length: 30_000 }, (_, i) => 30_000 - i));
    expectSameAsBuiltIn(new Float64Array(10_000).fill(3.5));
  });

  it('sorts a view into a larger buffer without touching values outside it', () => {
    const next = random(4);
    const buffer = Float64Array.from({ length: 12_000 }, () => next() - 0.5);
    const outside = [buffer[0], buffer[1], buffer[11_999]];
    const view = buffer.subarray(2, 11_999);
    const expected = view.slice().sort();
    sortFloat64(view);
    expect(Array.from(view)).toEqual(Array.from(expected));
    expect([buffer[0], buffer[1], buffer[11_999]]).toEqual(outside);
  });

  it('uses the built-in sort for short arrays', () => {
    expectSameAsBuiltIn(Float64Array.from([3, -1, 0, -0, Number.NaN, 2.5]));
  });
});
