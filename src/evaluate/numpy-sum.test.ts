import { describe, expect, it } from 'vitest';
import { numpySum } from './numpy-sum';

/** Values whose sums round differently by summation order; built from exact operations only. */
function values(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ((((i * 7919) % 1009) - 504) / 7) * 2 ** ((i % 11) - 5);
  return out;
}

function naiveSum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

describe('numpySum', () => {
  // Expected values printed by numpy 1.24 `np.sum` on the same arrays.
  const numpy: [number, number][] = [
    [5, -1.5535714285714297],
    [8, 96.44642857142856],
    [100, 1624.0178571428569],
    [129, 4181.174107142858],
    [1000, -24172.642857142862],
    [8193, -4769.428571428574],
    [20000, -3068.401785714308],
  ];
  it.each(numpy)('sums %i values bit-for-bit as numpy does', (n, expected) => {
    expect(numpySum(values(n))).toBe(expected);
  });
  it('differs from naive left-to-right summation (so the order matters)', () => {
    expect(naiveSum(values(1000))).not.toBe(numpySum(values(1000)));
  });
  it('sums a sub-range and treats empty as 0', () => {
    expect(numpySum([1, 2, 3, 4], 1, 3)).toBe(5);
    expect(numpySum([])).toBe(0);
  });
});
