import { DEFAULT_LOGREG, DEFAULT_MLP } from '../models/spec';
import type { SearchSpace, TrialSettings } from './space';

function logUniform([min, max]: [number, number], random: () => number): number {
  const value = Math.exp(Math.log(min) + random() * (Math.log(max) - Math.log(min)));
  return Number(value.toPrecision(3));
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))];
}

/** One random configuration from the space (model family, sizes, log-scale rates, dropout, batch). */
export function sampleTrial(space: SearchSpace, random: () => number): TrialSettings {
  const family = pick(space.families, random);
  const learningRate = logUniform(space.learningRate, random);
  const l2 = random() < space.l2Zero ? 0 : logUniform(space.l2, random);
  const batchSize = pick(space.batchSizes, random);
  if (family === 'logreg') {
    return { family, hidden: [], learningRate, l2, dropout: 0, batchSize, epochs: space.maxEpochs, patience: space.patience };
  }
  return { family, hidden: [...pick(space.hidden, random)], learningRate, l2, dropout: pick(space.dropout, random), batchSize, epochs: space.maxEpochs, patience: space.patience };
}

/**
 * The studio's measured defaults go first, so a search never does worse on validation than the
 * old "auto" (which compared exactly these two).
 */
export function defaultTrials(space: SearchSpace): TrialSettings[] {
  const batchSize = space.batchSizes.includes(32) ? 32 : space.batchSizes[0];
  const common = { learningRate: 0.01, batchSize, epochs: space.maxEpochs, patience: space.patience };
  return [
    { family: 'logreg', hidden: [], l2: DEFAULT_LOGREG.l2, dropout: 0, ...common },
    { family: 'mlp', hidden: [...DEFAULT_MLP.hidden], l2: DEFAULT_MLP.l2, dropout: DEFAULT_MLP.dropout, ...common },
  ].filter((t) => space.families.includes(t.family as TrialSettings['family'])) as TrialSettings[];
}
