import { SEARCH_FAMILIES } from './families';
import type { SearchSpace, TrialSettings } from './space';

function logUniform([min, max]: [number, number], random: () => number): number {
  const value = Math.exp(Math.log(min) + random() * (Math.log(max) - Math.log(min)));
  return Number(value.toPrecision(3));
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))];
}

/** One random configuration from the space (model family and its sizes, log-scale rates, dropout, batch, text inputs). */
export function sampleTrial(space: SearchSpace, random: () => number): TrialSettings {
  // Grid families (the exact logistic regression) are tried over their whole grid, never sampled.
  const sampled = space.families.filter((f) => !SEARCH_FAMILIES[f].grid);
  const family = pick(sampled.length > 0 ? sampled : space.families, random);
  const learningRate = logUniform(space.learningRate, random);
  const l2 = random() < space.l2Zero ? 0 : logUniform(space.l2, random);
  const batchSize = pick(space.batchSizes, random);
  const own = SEARCH_FAMILIES[family].sample(space, (items) => pick(items, random));
  const trial: TrialSettings = { family, hidden: own.hidden, learningRate, l2, dropout: own.dropout, batchSize, epochs: space.maxEpochs, patience: space.patience };
  if (own.cnn) trial.cnn = own.cnn;
  if (own.textcnn) trial.textcnn = own.textcnn;
  if (own.c !== undefined) {
    trial.c = own.c;
    trial.l2 = 0;
  }
  if (space.text) trial.text = { vocabulary: pick(space.text.vocabularies, random), ngrams: pick(space.text.ngrams, random) };
  return trial;
}

/**
 * The studio's measured defaults go first (each family's default, in family order), so a search never
 * does worse on validation than the old "auto" (which compared the logistic regression and MLP defaults).
 */
export function defaultTrials(space: SearchSpace): TrialSettings[] {
  const batchSize = space.batchSizes.includes(32) ? 32 : space.batchSizes[0];
  const learningRate = space.families.includes('cnn') ? 0.001 : 0.01;
  return space.families
    .filter((family) => !SEARCH_FAMILIES[family].sampledOnly && !SEARCH_FAMILIES[family].grid)
    .map((family) => {
      const own = SEARCH_FAMILIES[family].defaults(space);
      const trial: TrialSettings = { family, hidden: own.hidden, learningRate, l2: own.l2 ?? 0, dropout: own.dropout, batchSize, epochs: space.maxEpochs, patience: space.patience };
      if (own.cnn) trial.cnn = own.cnn;
      if (space.text) trial.text = { vocabulary: space.text.vocabularies[0], ngrams: space.text.ngrams[0] };
      return trial;
    });
}

/** Every grid point of the grid families (the exact logistic regression's C values), in family then grid order. */
export function gridTrials(space: SearchSpace): TrialSettings[] {
  const batchSize = space.batchSizes.includes(32) ? 32 : space.batchSizes[0];
  return space.families.flatMap((family) =>
    (SEARCH_FAMILIES[family].grid?.(space) ?? []).map((own) => {
      const trial: TrialSettings = { family, hidden: own.hidden, learningRate: 0.01, l2: own.l2 ?? 0, dropout: own.dropout, batchSize, epochs: 1, patience: 1 };
      if (own.c !== undefined) trial.c = own.c;
      if (space.text) trial.text = { vocabulary: space.text.vocabularies[0], ngrams: space.text.ngrams[0] };
      return trial;
    }),
  );
}
