import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { prepareTable } from '../preprocess/prepare';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { buildModel } from '../models/build-model';
import { DEFAULT_LOGREG, DEFAULT_MLP } from '../models/spec';
import { DEFAULT_TRAIN } from './settings';
import { predictProbabilities } from '../models/predict-probabilities';
import { trainModel, type TrainingData } from './train-loop';
import { fusedDensePlan } from './fused-train-loop';

function irisData(): TrainingData {
  const parsed = parseCsvText(readFileSync(new URL('../../public/samples/iris.csv', import.meta.url), 'utf8'));
  const prepared = prepareTable(parsed.table, profileTable(parsed.table), { ...DEFAULT_PREPARE, target: 'species' });
  return {
    features: prepared.features,
    exampleShape: [prepared.fitted.inputSize],
    labels: prepared.labels,
    classCount: prepared.fitted.target.classes.length,
    train: prepared.split.train,
    validation: prepared.split.validation,
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('trainModel', () => {
  it('learns Iris with logistic regression and records a history', async () => {
    const data = irisData();
    const model = buildModel(DEFAULT_LOGREG, data.exampleShape, 3, 1);
    const outcome = await trainModel(model, data, { ...DEFAULT_TRAIN, epochs: 150, earlyStopping: false });
    expect(outcome.history).toHaveLength(150);
    expect(outcome.history[149].loss).toBeLessThan(outcome.history[0].loss / 2);
    expect(outcome.history[149].accuracy).toBeGreaterThan(0.9);
    expect(outcome.history[149].valAccuracy).toBeGreaterThan(0.85);
    expect(outcome.samplesSeen).toBe(150 * data.train.length);
    model.dispose();
  });

  it('does not leak tensors over many steps', async () => {
    const data = irisData();
    const model = buildModel(DEFAULT_MLP, data.exampleShape, 3, 1);
    const before = tf.memory().numTensors;
    await trainModel(model, data, { ...DEFAULT_TRAIN, epochs: 3, earlyStopping: false }, { l2: 1e-3 });
    const afterFirst = tf.memory().numTensors;
    await trainModel(model, data, { ...DEFAULT_TRAIN, epochs: 30, earlyStopping: false }, { l2: 1e-3 });
    expect(tf.memory().numTensors).toBe(afterFirst);
    // Optimizer slots are disposed too: only the model's own weights remain.
    expect(afterFirst).toBe(before);
    const probabilities = await predictProbabilities(model, data.features, data.exampleShape);
    expect(probabilities.length).toBe(150 * 3);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('repeats exactly for one seed, dropout included, on the fused and the TF.js paths, whatever Math.random does', async () => {
    const data = irisData();
    const run = async (fused: boolean, seed: number) => {
      const model = buildModel({ ...DEFAULT_MLP, dropout: 0.3 }, data.exampleShape, 3, 7);
      expect(fusedDensePlan(model, data, { fused }, DEFAULT_TRAIN.batchSize) !== null).toBe(fused);
      // Math.random unseeded (and drawn from meanwhile): the masks come from the run's seed alone.
      Math.random();
      const outcome = await trainModel(model, data, { ...DEFAULT_TRAIN, epochs: 5, earlyStopping: false, seed }, { fused });
      // A saved topology carries no training seed: the layers get their own (none) back.
      expect(model.layers.filter((l) => l.getClassName() === 'Dropout').map((l) => l.getConfig().seed)).toEqual([undefined]);
      const weights = await Promise.all(model.getWeights().map((w) => w.data()));
      model.dispose();
      // Everything but the wall time must repeat.
      const history = outcome.history.map(({ seconds, ...rest }) => {
        expect(seconds).toBeGreaterThan(0);
        return rest;
      });
      return { history, weights };
    };
    for (const fused of [true, false]) {
      const a = await run(fused, 7);
      const b = await run(fused, 7);
      expect(b, fused ? 'fused' : 'TF.js').toEqual(a);
      // Another run seed draws other masks (same initial weights: the model's seed is fixed above).
      const c = await run(fused, 8);
      expect(c.history[0].loss, fused ? 'fused' : 'TF.js').not.toBe(a.history[0].loss);
    }
  });

  it('calls onStart once, right before the first batch, on the fused and the TF.js paths', async () => {
    const data = irisData();
    for (const fused of [true, false]) {
      const model = buildModel(DEFAULT_MLP, data.exampleShape, 3, 1);
      expect(fusedDensePlan(model, data, { fused }, 64) !== null).toBe(fused);
      const events: string[] = [];
      await trainModel(
        model,
        data,
        { ...DEFAULT_TRAIN, epochs: 2, batchSize: 64, earlyStopping: false },
        { fused, onStart: () => events.push('start'), onBatch: (p) => events.push(`${p.epoch}.${p.batch}`) },
      );
      expect(events, fused ? 'fused' : 'TF.js').toEqual(['start', '1.1', '1.2', '2.1', '2.2']);
      model.dispose();
    }
  });

  it('stops early and keeps the best epoch, and stops when asked', async () => {
    const data = irisData();
    const model = buildModel(DEFAULT_MLP, data.exampleShape, 3, 3);
    const outcome = await trainModel(model, data, { ...DEFAULT_TRAIN, epochs: 500, patience: 5, learningRate: 0.05 });
    expect(outcome.stoppedBy).toBe('early-stopping');
    expect(outcome.history.length - outcome.bestEpoch).toBe(5);
    let epochs = 0;
    const stopped = await trainModel(model, data, { ...DEFAULT_TRAIN, epochs: 500 }, { onEpoch: () => epochs++, shouldStop: () => epochs >= 2 });
    expect(stopped.stoppedBy).toBe('user');
    expect(stopped.history.length).toBe(2);
    model.dispose();
  });

  it('halves the learning rate after epochs without a better validation loss, down to 1/64', async () => {
    const data = irisData();
    const model = buildModel(DEFAULT_MLP, data.exampleShape, 3, 3);
    const settings = { ...DEFAULT_TRAIN, epochs: 120, patience: 40, learningRate: 0.05, reduceLearningRateAfter: 2 };
    const { history } = await trainModel(model, data, settings);
    // Replays the rule on the recorded validation losses: each epoch's step must follow from the ones before.
    let best = { loss: Infinity, epoch: 0 };
    let lastReduction = 0;
    let expected = settings.learningRate;
    for (const record of history) {
      expect(record.learningRate).toBe(expected);
      if (record.valLoss! < best.loss - 1e-7) best = { loss: record.valLoss!, epoch: record.epoch };
      else if (record.epoch - Math.max(best.epoch, lastReduction) >= 2) {
        expected = Math.max(expected / 2, settings.learningRate / 64);
        lastReduction = record.epoch;
      }
    }
    expect(new Set(history.map((h) => h.learningRate)).size).toBeGreaterThan(2);
    const plain = await trainModel(model, data, { ...settings, epochs: 10, reduceLearningRateAfter: 0 });
    expect(plain.history.every((h) => h.learningRate === settings.learningRate)).toBe(true);
    model.dispose();
  });
});
