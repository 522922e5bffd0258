import type * as tf from '@tensorflow/tfjs';
import { buildModel } from '../models/build-model';
import type { ModelSpec } from '../models/spec';
import type { TrainSettings } from './settings';
import { seedMathRandom } from './seeded-scope';
import { predictProbabilities } from '../models/predict-probabilities';
import { isFullBatchLogreg, trainFullBatchLogreg } from './full-batch-logreg';
import { trainModel, type TrainingData, type TrainingOptions, type TrainingOutcome } from './train-loop';

/**
 * The data a candidate trains on: every prepared row; which rows train and validate is passed separately.
 * `vocabularySize`: word ids of a sequence encoding (the text CNN's embedding input size).
 */
export type CandidateData = Omit<TrainingData, 'train' | 'validation'> & { vocabularySize?: number };

export interface CandidateRun {
  model: tf.LayersModel;
  outcome: TrainingOutcome;
}

/**
 * The one seam between model search (src/search) and the training code: build `spec`, train it with
 * `settings` on `trainRows` (early stopping on `validationRows` when given), with Math.random seeded
 * from `settings.seed` for dropout. The caller owns (and disposes) the returned model.
 */
export async function trainCandidate(
  spec: ModelSpec,
  settings: TrainSettings,
  data: CandidateData,
  trainRows: Int32Array,
  validationRows: Int32Array,
  hooks: Pick<TrainingOptions, 'shouldStop' | 'onEpoch' | 'onBatch' | 'augment'> = {},
): Promise<CandidateRun> {
  if (isFullBatchLogreg(spec)) {
    const { model, outcome } = await trainFullBatchLogreg(spec, data, trainRows, validationRows, settings.seed, hooks.shouldStop);
    if (outcome.history.length > 0) hooks.onEpoch?.(outcome.history[0], outcome.history);
    return { model, outcome };
  }
  const model = buildModel(spec, data.exampleShape, data.classCount, settings.seed, 'softmax', data.vocabularySize);
  const restore = seedMathRandom(settings.seed);
  try {
    const outcome = await trainModel(model, { ...data, train: trainRows, validation: validationRows }, settings, { ...hooks, l2: spec.l2 });
    return { model, outcome };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    restore();
  }
}

/** Class probabilities of a candidate for `rows`, row-major. */
export function predictCandidate(model: tf.LayersModel, data: CandidateData, rows: Int32Array): Promise<Float32Array> {
  return predictProbabilities(model, data.features, data.exampleShape, rows);
}
