import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { prepareTable } from '../preprocess/prepare';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { buildModel } from '../models/build-model';
import { DEFAULT_LOGREG, DEFAULT_MLP } from '../models/spec';
import { DEFAULT_TRAIN } from './settings';
import { judgeEpoch } from './epoch-verdict';
import { trainModel, type EpochRecord, type TrainingData } from './train-loop';
import { TrainingDivergedError } from './training-diverged';

/** Iris with one training value made NaN: every loss from the first batch on is NaN. */
function poisonedIris(): TrainingData {
  const parsed = parseCsvText(readFileSync(new URL('../../public/samples/iris.csv', import.meta.url), 'utf8'));
  const prepared = prepareTable(parsed.table, profileTable(parsed.table), { ...DEFAULT_PREPARE, target: 'species' });
  const inputs = prepared.fitted.inputSize;
  const features = prepared.features.slice();
  features[prepared.split.train[0] * inputs] = Number.NaN;
  return { features, exampleShape: [inputs], labels: prepared.labels, classCount: 3, train: prepared.split.train, validation: prepared.split.validation };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('a NaN or infinite loss stops training within one epoch, with advice', () => {
  const settings = { ...DEFAULT_TRAIN, epochs: 50, earlyStopping: false };
  it.each([
    ['logistic regression, TF.js loop', DEFAULT_LOGREG, false],
    ['MLP, TF.js loop', DEFAULT_MLP, false],
    ['logistic regression, fused loop where it applies', DEFAULT_LOGREG, true],
  ] as const)('%s', async (_, spec, fused) => {
    const data = poisonedIris();
    const model = buildModel(spec, data.exampleShape, 3, 1);
    const before = tf.memory().numTensors;
    const epochs: EpochRecord[] = [];
    const run = trainModel(model, data, settings, { fused, onEpoch: (record) => epochs.push(record) });
    await expect(run).rejects.toBeInstanceOf(TrainingDivergedError);
    await expect(run).rejects.toThrow(/epoch 1 .*Lower the learning rate.*scale the features/);
    // Stopped at the end of the first epoch, not after the 50 asked for; no tensors left behind.
    expect(epochs.length).toBeLessThanOrEqual(1);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('judgeEpoch refuses NaN and ±Infinity in the training or the validation loss', () => {
    const rules = { earlyStopping: true, patience: 5, reduceLearningRateAfter: 0, learningRate: 0.01 };
    const record = (loss: number, valLoss: number | null): EpochRecord => ({ epoch: 3, loss, accuracy: 0.5, valLoss, valAccuracy: null, seconds: 0.1, learningRate: 0.01 });
    for (const [loss, valLoss] of [
      [Number.NaN, 1],
      [1, Number.NaN],
      [Number.POSITIVE_INFINITY, null],
      [1, Number.NEGATIVE_INFINITY],
    ] as const) {
      expect(() => judgeEpoch(record(loss, valLoss), { loss: 1, epoch: 2 }, 0, 0.01, rules)).toThrow(TrainingDivergedError);
    }
    expect(judgeEpoch(record(0.5, 0.4), { loss: 1, epoch: 2 }, 0, 0.01, rules)).toEqual({ kind: 'improved', loss: 0.4 });
  });
});
