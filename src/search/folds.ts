import { createRandom, deriveSeed, shuffleInPlace } from '../data/random';

export interface Fold {
  train: Int32Array;
  validation: Int32Array;
}

/** Tables up to this many training rows are scored by k-fold cross-validation; larger ones by a holdout. */
export const CV_MAX_ROWS = 5000;

/**
 * Stratified k-fold over `rows` (indices into the data): rows of each class are shuffled and dealt
 * round-robin to the folds, the deal continuing across classes, so fold sizes differ by at most one and
 * every class is spread as evenly as it can be. Every row is in exactly one validation fold.
 */
export function stratifiedKFold(rows: Int32Array, label: (row: number) => number, k: number, seed: number): Fold[] {
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError('Cross-validation needs at least 2 folds.');
  if (rows.length < k) throw new RangeError(`Cross-validation with ${k} folds needs at least ${k} rows; there are ${rows.length}.`);
  const byClass = new Map<number, number[]>();
  for (const row of rows) {
    const c = label(row);
    const list = byClass.get(c);
    if (list) list.push(row);
    else byClass.set(c, [row]);
  }
  const random = createRandom(deriveSeed(seed, 'folds'));
  const assigned: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const list = byClass.get(c) as number[];
    shuffleInPlace(list, random);
    for (const row of list) {
      assigned[next].push(row);
      next = (next + 1) % k;
    }
  }
  return assigned.map((validation, f) => {
    const train: number[] = [];
    assigned.forEach((part, g) => {
      if (g !== f) for (const row of part) train.push(row);
    });
    shuffleInPlace(train, random);
    return { train: Int32Array.from(train), validation: Int32Array.from(validation) };
  });
}

/** One stratified holdout: `fraction` of each class validates (at least one row when the class has two). */
export function stratifiedHoldout(rows: Int32Array, label: (row: number) => number, fraction: number, seed: number): Fold {
  const byClass = new Map<number, number[]>();
  for (const row of rows) {
    const c = label(row);
    const list = byClass.get(c);
    if (list) list.push(row);
    else byClass.set(c, [row]);
  }
  const random = createRandom(deriveSeed(seed, 'holdout'));
  const train: number[] = [];
  const validation: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const list = byClass.get(c) as number[];
    shuffleInPlace(list, random);
    const take = list.length < 2 ? 0 : Math.max(1, Math.round(list.length * fraction));
    list.forEach((row, i) => (i < take ? validation : train).push(row));
  }
  shuffleInPlace(train, random);
  return { train: Int32Array.from(train), validation: Int32Array.from(validation) };
}

/**
 * Repeated stratified k-fold: `repeats` independent stratified k-fold partitions of `rows`, concatenated
 * (repeats × k folds). Repeat 0 is `stratifiedKFold(rows, label, k, seed)` itself, so a search's own folds
 * are the first k; repeat r > 0 deals the rows again from the seed derived as `repeat-r`. Each repeat is
 * stratified and covers every row once; the whole is reproducible from the seed.
 */
export function repeatedStratifiedKFold(rows: Int32Array, label: (row: number) => number, k: number, repeats: number, seed: number): Fold[] {
  if (!(Number.isInteger(repeats) && repeats >= 1)) throw new RangeError('Repeated cross-validation needs at least 1 repeat.');
  const folds: Fold[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const fold of stratifiedKFold(rows, label, k, r === 0 ? seed : deriveSeed(seed, `repeat-${r}`))) folds.push(fold);
  }
  return folds;
}

/** Holdout for big tables, k-fold otherwise (k = `folds`, clamped to what the smallest class allows). */
export function validationFolds(rows: Int32Array, label: (row: number) => number, folds: number | 'holdout', seed: number): Fold[] {
  if (folds === 'holdout' || rows.length > CV_MAX_ROWS) return [stratifiedHoldout(rows, label, 0.2, seed)];
  return stratifiedKFold(rows, label, Math.max(2, Math.min(folds, rows.length)), seed);
}

/**
 * The folds that score a grid family (the exact logistic regression's C values, each fit one cheap solve):
 * the search's own folds repeated `repeats` times with fresh deals (see repeatedStratifiedKFold), so the
 * first `folds` of them are exactly validationFolds(...). A holdout (large tables) is not repeated.
 */
export function gridValidationFolds(rows: Int32Array, label: (row: number) => number, folds: number | 'holdout', seed: number, repeats: number): Fold[] {
  if (folds === 'holdout' || rows.length > CV_MAX_ROWS) return validationFolds(rows, label, folds, seed);
  return repeatedStratifiedKFold(rows, label, Math.max(2, Math.min(folds, rows.length)), repeats, seed);
}
