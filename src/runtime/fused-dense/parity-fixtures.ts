/**
 * Shared by the fused trainer's parity tests (fused-dense.test.ts runs them on the plain SIMD module,
 * fused-dense-fma.test.ts on the relaxed-SIMD FMA module): data, the TF.js-vs-fused training cases and
 * the check that the fused trainer reproduces TF.js's epochs on the same seed.
 */
import { expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../models/build-model';
import type { ModelSpec } from '../../models/spec';
import { DEFAULT_TRAIN, type TrainSettings } from '../../train/settings';
import { trainModel, type TrainingData, type TrainingOutcome } from '../../train/train-loop';
import { fusedDensePlan } from '../../train/fused-train-loop';
import { seedMathRandom } from '../../train/seeded-scope';
import { createRandom } from '../../data/random';

/** Two noisy interleaved classes plus a third, 10 features, some informative, some noise. */
export function syntheticData(rows: number, features: number, classes: number, seed: number): TrainingData {
  const random = createRandom(seed);
  const x = new Float32Array(rows * features);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    labels[r] = r % classes;
    for (let f = 0; f < features; f++) x[r * features + f] = (random() - 0.5) * 2 + (f < 4 ? Math.sin(labels[r] * (f + 1)) * 1.2 : 0);
  }
  const train = Int32Array.from({ length: Math.floor(rows * 0.8) }, (_, i) => i);
  const validation = Int32Array.from({ length: rows - train.length }, (_, i) => train.length + i);
  return { features: x, exampleShape: [features], labels, classCount: classes, train, validation };
}

export async function trainWith(spec: ModelSpec, data: TrainingData, settings: TrainSettings, fused: boolean): Promise<{ outcome: TrainingOutcome; weights: Float32Array[] }> {
  const model = buildModel(spec, data.exampleShape, data.classCount, settings.seed);
  const restore = seedMathRandom(settings.seed);
  try {
    const outcome = await trainModel(model, data, settings, { l2: spec.l2, fused });
    const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
    return { outcome, weights };
  } finally {
    restore();
    model.dispose();
  }
}

const settings: TrainSettings = { ...DEFAULT_TRAIN, epochs: 4, batchSize: 32, earlyStopping: false, seed: 7 };

export interface ParityCase {
  name: string;
  spec: ModelSpec;
  settings: TrainSettings;
}

export const parityCases: ParityCase[] = [
  { name: 'MLP 16→8, Adam, L2, no dropout', spec: { kind: 'mlp', hidden: [16, 8], activation: 'relu', dropout: 0, l2: 0.001 }, settings },
  { name: 'MLP 24, Adam, dropout 0.2 + L2 (the default MLP settings)', spec: { kind: 'mlp', hidden: [24], activation: 'relu', dropout: 0.2, l2: 0.001 }, settings },
  {
    name: 'MLP 12→12, SGD with momentum, dropout on both layers',
    spec: { kind: 'mlp', hidden: [12, 12], activation: 'relu', dropout: 0.25, l2: 0 },
    settings: { ...settings, optimizer: 'sgd', learningRate: 0.05 },
  },
  {
    name: 'MLP 20→12→16, Adam, dropout on three layers of different widths',
    spec: { kind: 'mlp', hidden: [20, 12, 16], activation: 'relu', dropout: 0.3, l2: 0.001 },
    settings,
  },
  { name: 'logistic regression with L2', spec: { kind: 'logreg', l2: 0.002 }, settings: { ...settings, batchSize: 50 } },
];

/** Trains the case with TF.js and with the fused trainer on the same seed; the epochs must agree. */
export async function expectTfjsParity(c: ParityCase): Promise<void> {
  const data = syntheticData(230, 10, 3, 1);
  const probe = buildModel(c.spec, data.exampleShape, data.classCount, 1);
  expect(fusedDensePlan(probe, data, {}, 32)).not.toBeNull();
  probe.dispose();
  const tensorsBefore = tf.memory().numTensors;
  const reference = await trainWith(c.spec, data, c.settings, false);
  const fused = await trainWith(c.spec, data, c.settings, true);
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  expect(fused.outcome.history).toHaveLength(c.settings.epochs);
  fused.outcome.history.forEach((record, i) => {
    const ref = reference.outcome.history[i];
    expect(Math.abs(record.loss - ref.loss)).toBeLessThan(1e-4);
    expect(Math.abs((record.valLoss ?? 0) - (ref.valLoss ?? 0))).toBeLessThan(1e-4);
    expect(record.accuracy).toBe(ref.accuracy);
    expect(record.valAccuracy).toBe(ref.valAccuracy);
  });
  expect(fused.outcome.bestEpoch).toBe(reference.outcome.bestEpoch);
  fused.weights.forEach((w, i) => {
    let worst = 0;
    for (let j = 0; j < w.length; j++) worst = Math.max(worst, Math.abs(w[j] - reference.weights[i][j]));
    expect(worst).toBeLessThan(1e-3);
  });
}
