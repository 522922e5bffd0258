import { deriveSeed } from '../data/random';

/** The seed of trial `trialId` in a search seeded with `searchSeed`: reproducible, independent per trial. */
export function trialSeed(searchSeed: number, trialId: number): number {
  return deriveSeed(searchSeed, `trial-${trialId}`);
}

/** The seed of one training run: a trial's fold at a rung (weights and shuffles differ per fold). */
export function runSeed(searchSeed: number, trialId: number, fold: number): number {
  return deriveSeed(trialSeed(searchSeed, trialId), `fold-${fold}`);
}
