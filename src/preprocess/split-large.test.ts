import { describe, expect, it } from 'vitest';
import { stratifiedSplit } from './split';

// Issue 13: split.ts spread a class's rows into push(...), which throws RangeError past V8's argument limit
// (~120k); a class of 300,000 rows must split like any other.
describe('stratifiedSplit on a class larger than the engine’s argument limit', () => {
  it('splits 300,000 rows of one class (and 10 of another) into an exact partition', () => {
    const labels = new Int32Array(300_010);
    labels.fill(1, 300_000);
    const split = stratifiedSplit(labels, 2, { testFraction: 0.2, validationFraction: 0.1, seed: 7 });
    expect(split.test.length).toBe(60_002);
    expect(split.validation.length).toBe(30_001);
    expect(split.train.length).toBe(300_010 - 60_002 - 30_001);
    const seen = new Uint8Array(labels.length);
    for (const part of [split.train, split.validation, split.test]) for (const row of part) seen[row] += 1;
    expect(seen.every((count) => count === 1)).toBe(true);
    expect(split.test.filter((row) => labels[row] === 1).length).toBe(2);
  });
});
