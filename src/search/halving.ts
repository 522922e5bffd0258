/** One rung of successive halving: how many configurations train, for at most how many epochs. */
export interface Rung {
  configs: number;
  epochs: number;
}

/**
 * Successive halving (Jamieson & Talwalkar; the synchronous form of ASHA): `configs` configurations
 * train for `minEpochs`; the best 1/eta of them go on with eta times the epochs, until one is left or
 * the epochs reach `maxEpochs`. The last rung always trains for `maxEpochs`.
 */
export function halvingSchedule(configs: number, minEpochs: number, maxEpochs: number, eta = 3): Rung[] {
  if (!(Number.isInteger(configs) && configs >= 1)) throw new RangeError('A halving schedule needs at least one configuration.');
  if (!(eta >= 2)) throw new RangeError('eta must be at least 2.');
  const top = Math.max(1, Math.floor(maxEpochs));
  let epochs = Math.max(1, Math.min(top, Math.floor(minEpochs)));
  let n = configs;
  const rungs: Rung[] = [{ configs: n, epochs }];
  while (n > 1 && epochs < top) {
    n = Math.max(1, Math.floor(n / eta));
    epochs = Math.min(top, Math.round(epochs * eta));
    rungs.push({ configs: n, epochs });
  }
  const last = rungs[rungs.length - 1];
  if (last.epochs < top) rungs.push({ configs: last.configs, epochs: top });
  return rungs;
}

/** Indices of the `keep` best scores (higher is better; ties keep the earlier index). */
export function topIndices(scores: number[], keep: number): number[] {
  return scores
    .map((score, index) => ({ score, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, Math.max(0, keep))
    .map((s) => s.index);
}
