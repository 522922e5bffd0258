import { createRandom, deriveSeed, shuffleInPlace } from '../data/random';
import { appendAll } from '../lib/arrays';

export interface SplitIndices {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

export interface SplitOptions {
  testFraction: number;
  validationFraction: number;
  seed: number;
}

/**
 * Stratified, seeded train/validation/test split over rows 0..labels.length-1.
 * Test size is ceil(N × testFraction) as in scikit-learn's train_test_split; per-class shares are
 * allocated by largest remainder so every split keeps the class proportions, and every class keeps
 * at least one training row.
 */
export function stratifiedSplit(labels: Int32Array, classCount: number, options: SplitOptions): SplitIndices {
  const n = labels.length;
  const byClass: number[][] = Array.from({ length: classCount }, () => []);
  for (let i = 0; i < n; i++) byClass[labels[i]].push(i);
  const random = createRandom(deriveSeed(options.seed, 'split'));
  for (const rows of byClass) shuffleInPlace(rows, random);

  const testTotal = Math.min(n - 1, Math.ceil(n * options.testFraction));
  const validationTotal = Math.min(n - 1 - testTotal, Math.round(n * options.validationFraction));
  const sizes = byClass.map((rows) => rows.length);
  const testShare = allocate(
    sizes,
    testTotal,
    sizes.map((s) => Math.max(0, s - 1)),
  );
  const validationShare = allocate(
    sizes,
    validationTotal,
    sizes.map((s, c) => Math.max(0, s - 1 - testShare[c])),
  );

  const train: number[] = [];
  const validation: number[] = [];
  const test: number[] = [];
  byClass.forEach((rows, c) => {
    appendAll(test, rows.slice(0, testShare[c]));
    appendAll(validation, rows.slice(testShare[c], testShare[c] + validationShare[c]));
    appendAll(train, rows.slice(testShare[c] + validationShare[c]));
  });
  // Interleave classes so a batch is not one class; the training loop shuffles again every epoch.
  const order = (rows: number[]) => {
    shuffleInPlace(rows, random);
    return Int32Array.from(rows);
  };
  return { train: order(train), validation: order(validation), test: order(test) };
}

/** Splits `total` across groups in proportion to `sizes` (largest remainder), never above `caps`. */
function allocate(sizes: number[], total: number, caps: number[]): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  if (n === 0 || total <= 0) return sizes.map(() => 0);
  const exact = sizes.map((s) => (s * total) / n);
  const shares = exact.map((e, c) => Math.min(caps[c], Math.floor(e)));
  let remaining = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((e, c) => ({ c, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.c - b.c);
  while (remaining > 0) {
    let placed = false;
    for (const { c } of order) {
      if (remaining === 0) break;
      if (shares[c] < caps[c]) {
        shares[c]++;
        remaining--;
        placed = true;
      }
    }
    if (!placed) break;
  }
  return shares;
}
