import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmKernelPatches } from './wasm-kernels';
import { buildModel } from '../models/build-model';
import { trainModel, type TrainingData } from '../train/train-loop';
import type { ModelSpec } from '../models/spec';
import type { TrainSettings } from '../train/settings';

/**
 * The bench's layer pattern (conv-pool-conv-pool-dense, 'same' 3×3 convolutions, ReLU) at a size the
 * CPU backend trains in seconds: every WASM kernel fix on the training path at once (transposed
 * patches, the input gradient as a convolution, one-pass bias Sum, 2×2 MaxPoolGrad, shared Identity).
 */
const SPEC: ModelSpec = {
  kind: 'cnn',
  layers: [
    { type: 'conv', filters: 4, kernel: 3, activation: 'relu' },
    { type: 'maxpool', size: 2 },
    { type: 'conv', filters: 8, kernel: 3, activation: 'relu' },
    { type: 'maxpool', size: 2 },
    { type: 'dense', units: 16, activation: 'relu' },
  ],
  l2: 0,
};

describe('CNN training on WASM', () => {
  it('follows the CPU backend step for step on the same seed, without leaking', async () => {
    expect(installWasmKernelPatches()).toEqual([]);
    const n = 48;
    const side = 12;
    const features = Float32Array.from({ length: n * side * side }, (_, i) => Math.abs(Math.sin(i * 0.37 + Math.floor(i / (side * side)))));
    const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
    const data: TrainingData = {
      features,
      exampleShape: [side, side, 1],
      labels,
      classCount: 3,
      train: Int32Array.from({ length: 40 }, (_, i) => i),
      validation: Int32Array.from({ length: 8 }, (_, i) => 40 + i),
    };
    const settings: TrainSettings = { optimizer: 'adam', learningRate: 0.01, batchSize: 16, epochs: 3, earlyStopping: false, patience: 10, reduceLearningRateAfter: 0, seed: 7, backend: 'wasm' };
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      const model = buildModel(SPEC, [side, side, 1], 3, 7);
      const outcome = await trainModel(model, data, settings);
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return { history: outcome.history, weights, leaked: tf.memory().numTensors - before };
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    expect(wasm.leaked).toBe(0);
    expect(wasm.history.length).toBe(3);
    wasm.history.forEach((h, i) => {
      expect(h.loss).toBeCloseTo(cpu.history[i].loss, 4);
      expect(h.valLoss ?? Number.NaN).toBeCloseTo(cpu.history[i].valLoss ?? Number.NaN, 4);
      expect(h.accuracy).toBe(cpu.history[i].accuracy);
    });
    // Training moved the weights, the same way on both backends.
    expect(wasm.history[2].loss).toBeLessThan(wasm.history[0].loss);
    wasm.weights.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(cpu.weights[i][j], 3)));
  });
});
