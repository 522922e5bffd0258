/**
 * Array helpers that never spread data-sized arrays into a call (`push(...big)`, `Math.max(...big)`
 * copy every element onto the stack and throw RangeError past ~100,000 elements).
 */

/** Appends every item of `items` to `target` (in order) and returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values` and `floor` (`floor` alone when `values` is empty). NaN values are skipped. */
export function maxOf(values: Iterable<number>, floor = Number.NEGATIVE_INFINITY): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** The smallest of `values` and `ceiling` (`ceiling` alone when `values` is empty). NaN values are skipped. */
export function minOf(values: Iterable<number>, ceiling = Number.POSITIVE_INFINITY): number {
  let min = ceiling;
  for (const v of values) if (v < min) min = v;
  return min;
}
