/**
 * Float64 summation in exactly numpy's order, so means computed here round like
 * the sklearn/numpy ones they are compared with (naive left-to-right summation
 * drifts by a few ulps from numpy's pairwise sum).
 *
 * numpy's `add.reduce` on a contiguous float64 array sums it in buffer-sized
 * blocks of 8192 elements, left to right, and each block with the pairwise
 * scheme of `numpy/core/src/umath/loops_utils.h.src` (8-way unrolled below 128).
 */

const NUMPY_BUFFER_SIZE = 8192;
const PAIRWISE_BLOCK_SIZE = 128;

function pairwiseSum(values: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += values[start + i];
    return res;
  }
  if (n <= PAIRWISE_BLOCK_SIZE) {
    let r0 = values[start],
      r1 = values[start + 1],
      r2 = values[start + 2],
      r3 = values[start + 3];
    let r4 = values[start + 4],
      r5 = values[start + 5],
      r6 = values[start + 6],
      r7 = values[start + 7];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const o = start + i;
      r0 += values[o];
      r1 += values[o + 1];
      r2 += values[o + 2];
      r3 += values[o + 3];
      r4 += values[o + 4];
      r5 += values[o + 5];
      r6 += values[o + 6];
      r7 += values[o + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += values[start + i];
    return res;
  }
  // Halve, keeping the first half a multiple of the unroll factor (as numpy does).
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(values, start, n2) + pairwiseSum(values, start + n2, n - n2);
}

/** Sum of `values[start..end)` as `numpy.sum` computes it for a float64 array. */
export function numpySum(values: ArrayLike<number>, start = 0, end = values.length): number {
  let total = 0;
  for (let block = start; block < end; block += NUMPY_BUFFER_SIZE) {
    total += pairwiseSum(values, block, Math.min(NUMPY_BUFFER_SIZE, end - block));
  }
  return total;
}
