import type { ClassificationReport } from '../evaluate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { ImageDatasetBuilder, type ImageDataset } from '../data/images/image-dataset';
import { DEFAULT_IMAGE_SETTINGS } from '../data/images/settings';
import { createRandom } from '../data/random';
import { DEFAULT_LOGREG, DEFAULT_MLP, type CnnSpec } from '../models/spec';
import { DEFAULT_CNN } from '../models/spec';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import type { JobProgress, TrainJob } from './job';
import { findMisclassified } from './image-result';
import { CNN_PRESETS, checkCnnFitsImage, presetOf } from './image-presets';
import { runImageTraining, scalePixels } from './image-training-job';
import { DEFAULT_TRAIN } from './settings';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** 8×8 grayscale: class "bar" has a bright vertical bar, "blob" a bright square, at random places, on noise. */
function shapes(count: number, seed: number): ImageDataset {
  const random = createRandom(seed);
  const builder = new ImageDatasetBuilder({ width: 8, height: 8, channels: 1 });
  for (let i = 0; i < count; i++) {
    const px = Uint8Array.from({ length: 64 }, () => Math.floor(random() * 60));
    const bar = i % 2 === 0;
    const x0 = Math.floor(random() * 5);
    const y0 = Math.floor(random() * 3);
    for (let y = 0; y < 6; y++) for (let x = 0; x < 3; x++) if (bar ? x === 1 : y < 3) px[(y0 + y) * 8 + x0 + x] = 240;
    builder.add(px, 1, bar ? 'bar' : 'blob', `${bar ? 'bar' : 'blob'}/${i}.png`);
  }
  return builder.build();
}

const tinyCnn: CnnSpec = {
  kind: 'cnn',
  l2: 0,
  layers: [
    { type: 'conv', filters: 4, kernel: 3, activation: 'relu' },
    { type: 'maxpool', size: 2 },
    { type: 'dense', units: 8, activation: 'relu' },
  ],
};

function job(overrides: Partial<TrainJob> = {}): TrainJob {
  return {
    datasetId: 'images-1',
    prepare: { ...DEFAULT_PREPARE, testFraction: 0.25, validationFraction: 0.15 },
    model: 'cnn',
    specs: { logreg: DEFAULT_LOGREG, mlp: DEFAULT_MLP, cnn: tinyCnn },
    training: { ...DEFAULT_TRAIN, learningRate: 0.01, batchSize: 16, epochs: 25, earlyStopping: false },
    images: DEFAULT_IMAGE_SETTINGS,
    ...overrides,
  };
}

const context = (progress: JobProgress[] = []) => ({
  signal: new AbortController().signal,
  progress: (p: JobProgress) => progress.push(p),
  backend: { name: 'cpu' as const, reason: 'test' },
});

describe('runImageTraining', () => {
  it('trains a CNN on images, evaluates on a stratified test split and lists its mistakes', async () => {
    const dataset = shapes(120, 1);
    const progress: JobProgress[] = [];
    const { result, trained } = await runImageTraining(job({ includeSplit: true }), dataset, 'shapes', context(progress));
    try {
      expect(result.split).toEqual({ train: 72, validation: 18, test: 30 });
      expect((result.metrics as ClassificationReport).confusionMatrix.labels).toEqual(['bar', 'blob']);
      expect((result.metrics as ClassificationReport).confusionMatrix.matrix.flat().reduce((a, b) => a + b, 0)).toBe(30);
      expect((result.metrics as ClassificationReport).accuracy).toBeGreaterThan(0.9);
      expect(result.image).toMatchObject({ width: 8, height: 8, channels: 1, images: 120 });
      expect(result.preprocessing).toBeNull();
      expect(trained.exampleShape).toEqual([8, 8, 1]);
      expect(trained.image).toEqual({ width: 8, height: 8, channels: 1 });
      const wrong = 30 - (result.metrics as ClassificationReport).confusionMatrix.matrix[0][0] - (result.metrics as ClassificationReport).confusionMatrix.matrix[1][1];
      expect(result.misclassified).toHaveLength(wrong);
      for (const m of result.misclassified ?? []) {
        expect(result.splitRows?.test).toContain(m.index);
        expect(dataset.labels[m.index]).toBe(m.trueClass);
        expect(m.source).toBe(dataset.sources[m.index]);
      }
      expect(progress.some((p) => p.phase === 'epoch')).toBe(true);
    } finally {
      trained.model.dispose();
    }
  });

  it('repeats exactly for one seed, augmentation included', async () => {
    const dataset = shapes(60, 2);
    const withAugmentation = job({ training: { ...job().training, epochs: 2 }, images: { ...DEFAULT_IMAGE_SETTINGS, augmentation: { horizontalFlip: true, shift: 0.1, rotation: 10 } } });
    const a = await runImageTraining(withAugmentation, dataset, 'shapes', context());
    const b = await runImageTraining(withAugmentation, dataset, 'shapes', context());
    a.trained.model.dispose();
    b.trained.model.dispose();
    const losses = (r: typeof a) => r.result.training.history.map((h) => [h.loss, h.accuracy, h.valLoss, h.valAccuracy]);
    expect(losses(b)).toEqual(losses(a));
    expect(a.result.image?.augmentation).toEqual({ horizontalFlip: true, shift: 0.1, rotation: 10 });
  });

  it('trains dense models on flattened pixels', async () => {
    const { result, trained } = await runImageTraining(job({ model: 'logreg', training: { ...job().training, epochs: 3 } }), shapes(40, 3), 'shapes', context());
    trained.model.dispose();
    expect(trained.exampleShape).toEqual([64]);
    expect(result.model.kind).toBe('logreg');
  });

  it('refuses a CNN that pools images away, and bad augmentation, with clear messages', async () => {
    const deep: CnnSpec = {
      kind: 'cnn',
      l2: 0,
      layers: [
        { type: 'maxpool', size: 4 },
        { type: 'maxpool', size: 4 },
      ],
    };
    await expect(runImageTraining(job({ specs: { ...job().specs, cnn: deep } }), shapes(20, 4), 'shapes', context())).rejects.toThrow(/below one pixel/);
    const badAugment = job({ images: { ...DEFAULT_IMAGE_SETTINGS, augmentation: { horizontalFlip: false, shift: 3, rotation: 0 } } });
    await expect(runImageTraining(badAugment, shapes(20, 4), 'shapes', context())).rejects.toThrow(/Shift/);
  });
});

describe('image model helpers', () => {
  it('checks that pooling keeps at least one pixel', () => {
    expect(checkCnnFitsImage(DEFAULT_CNN, 28, 28)).toBeNull();
    expect(checkCnnFitsImage(DEFAULT_CNN, 3, 28)).toMatch(/3×28/);
  });

  it('recognizes presets', () => {
    expect(presetOf(structuredClone(DEFAULT_CNN))).toBe('medium');
    expect(presetOf(CNN_PRESETS.small.spec)).toBe('small');
    expect(presetOf({ ...DEFAULT_CNN, l2: 0.5 })).toBeNull();
  });

  it('scales pixels to 0–1', () => {
    expect(Array.from(scalePixels(Uint8Array.from([0, 51, 255])))).toEqual([0, Math.fround(0.2), 1]);
  });

  it('orders mistakes by confidence', () => {
    const probabilities = Float32Array.from([0.9, 0.1, 0.2, 0.8, 0.4, 0.6, 0.3, 0.7]);
    const wrong = findMisclassified(
      Int32Array.from([0, 0, 0, 1]),
      probabilities,
      2,
      Int32Array.from([10, 11, 12, 13]),
      Array.from({ length: 14 }, (_, i) => `img${i}`),
    );
    expect(wrong.map((w) => [w.index, w.predictedClass])).toEqual([
      [11, 1],
      [12, 1],
    ]);
    expect(wrong[0].confidence).toBeCloseTo(0.8);
    expect(wrong[0].source).toBe('img11');
  });
});

describe('countCnnParameters', () => {
  it('matches what TF.js builds', async () => {
    const { buildModel } = await import('../models/build-model');
    const { countCnnParameters } = await import('./image-presets');
    const spec: CnnSpec = { kind: 'cnn', l2: 0, layers: [...DEFAULT_CNN.layers.slice(0, 2), { type: 'batchnorm' }, ...DEFAULT_CNN.layers.slice(2)] };
    for (const [w, h, c] of [
      [28, 28, 1],
      [17, 9, 3],
    ]) {
      const model = buildModel(spec, [h, w, c], 10, 1);
      const trainable = model.trainableWeights.reduce((sum, v) => sum + v.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
      model.dispose();
      expect(countCnnParameters(spec, w, h, c, 10)).toBe(trainable);
    }
  });
});

describe('batch normalization in short runs', () => {
  it('moves its inference statistics most of the way to the data within a few dozen steps', async () => {
    const { buildModel } = await import('../models/build-model');
    const { trainModel } = await import('./train-loop');
    const bnCnn: CnnSpec = { kind: 'cnn', l2: 0, layers: [{ type: 'conv', filters: 4, kernel: 3, activation: 'relu' }, { type: 'batchnorm' }, { type: 'maxpool', size: 2 }] };
    const dataset = shapes(64, 6);
    const features = scalePixels(dataset.pixels);
    const model = buildModel(bnCnn, [8, 8, 1], 2, 1);
    const all = Int32Array.from({ length: 64 }, (_, i) => i);
    // A tiny step keeps the conv weights (and so the statistics to track) still: 4 batches × 8 epochs = 32 steps.
    await trainModel(
      model,
      { features, exampleShape: [8, 8, 1], labels: dataset.labels, classCount: 2, train: all, validation: new Int32Array(0) },
      { ...DEFAULT_TRAIN, learningRate: 1e-9, batchSize: 16, epochs: 8, earlyStopping: false },
    );
    const [trueMean, movingMean] = tf.tidy(() => {
      const activations = model.layers[0].apply(tf.tensor4d(features, [64, 8, 8, 1])) as tf.Tensor;
      const moving = model.layers[1].getWeights()[2];
      return [tf.mean(activations, [0, 1, 2]).arraySync() as number[], moving.arraySync() as number[]];
    });
    model.dispose();
    // Keras' default momentum 0.99 would be at 1 − 0.99³² ≈ 28% of the way; PyTorch's 0.9 at ≈ 97%.
    trueMean.forEach((mean, c) => {
      if (mean > 1e-3) expect(movingMean[c] / mean).toBeGreaterThan(0.9);
    });
    expect(trueMean.some((mean) => mean > 1e-3)).toBe(true);
  });
});
