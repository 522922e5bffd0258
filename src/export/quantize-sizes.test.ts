/**
 * Quantized bundles, measured: whole .zip size (TF.js shards + pytorch/ with weights.safetensors) of
 * uint8 and float16 against float32, and test-split accuracy / macro-F1 with the quantized weights, on
 * the built-in samples (tiny models: ≤ 2 KB of weights, text files dominate the zip) and on realistically
 * sized models (an MLP 256-256 on breast-cancer, a bag-of-words MLP on the English text fixture).
 * The target — uint8 ≤ 30% of the float32 bundle with test accuracy within 1 point — is asserted
 * where weights dominate; for the samples the ratio is printed, and the accuracy change is asserted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { prepareTable } from '../preprocess/prepare';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { buildModel } from '../models/build-model';
import type { ModelSpec } from '../models/spec';
import { DEFAULT_MLP } from '../models/spec';
import { trainModel } from '../train/train-loop';
import { DEFAULT_TRAIN } from '../train/settings';
import { fromArtifacts, toArtifacts } from '../train/model-io';
import { predictProbabilities } from '../models/predict-probabilities';
import { evaluateTestSplit } from '../train/test-evaluation';
import { metricsFile } from './metrics-file';
import { quantizationSizes, roundTripArtifacts } from './quantize-evaluate';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const root = join(__dirname, '../..');

interface Case {
  name: string;
  file: string;
  target: string;
  spec: ModelSpec;
  epochs: number;
  realistic: boolean;
  prepare?: object;
}

const CASES: Case[] = [
  { name: 'iris', file: 'public/samples/iris.csv', target: 'species', spec: DEFAULT_MLP, epochs: 60, realistic: false },
  { name: 'penguins', file: 'public/samples/penguins.csv', target: 'Species', spec: DEFAULT_MLP, epochs: 60, realistic: false },
  { name: 'breast-cancer', file: 'public/samples/breast-cancer.csv', target: 'diagnosis', spec: DEFAULT_MLP, epochs: 60, realistic: false },
  { name: 'wine', file: 'public/samples/wine.csv', target: 'cultivar', spec: DEFAULT_MLP, epochs: 60, realistic: false },
  { name: 'breast-cancer, MLP 256-256', file: 'public/samples/breast-cancer.csv', target: 'diagnosis', spec: { ...DEFAULT_MLP, hidden: [256, 256] }, epochs: 30, realistic: true },
  {
    name: 'Debian packages (en), bag of words 5,000 terms, MLP 64',
    file: 'e2e/fixtures/text/debian-packages-en.csv',
    target: 'section',
    spec: { ...DEFAULT_MLP, hidden: [64] },
    epochs: 8,
    realistic: true,
    prepare: { textVocabularySize: 5000 },
  },
];

describe('quantized bundle sizes and test metrics (uint8, float16 vs float32, whole zip with pytorch/)', () => {
  for (const c of CASES) {
    it(c.name, { timeout: 300_000 }, async () => {
      const parsed = parseCsvText(readFileSync(join(root, c.file), 'utf8'), c.file);
      const prepared = prepareTable(parsed.table, profileTable(parsed.table), { ...DEFAULT_PREPARE, target: c.target, ...c.prepare });
      const shape = [prepared.fitted.inputSize];
      const classes = prepared.fitted.target.classes;
      const model = buildModel(c.spec, shape, classes.length, 42);
      await trainModel(
        model,
        { features: prepared.features, exampleShape: shape, labels: prepared.labels, classCount: classes.length, train: prepared.split.train, validation: prepared.split.validation },
        { ...DEFAULT_TRAIN, epochs: c.epochs },
        { l2: 'l2' in c.spec ? c.spec.l2 : 0 },
      );
      const artifacts = await toArtifacts({ model, preprocessing: prepared.fitted, exampleShape: shape, classes });
      const rows = prepared.split.test;
      const yTrue = Int32Array.from(rows, (r) => prepared.labels[r]);
      const score = async (m: tf.LayersModel) => evaluateTestSplit(await predictProbabilities(m, prepared.features, shape, rows), yTrue, classes);
      const float32 = await score(model);
      const input = { artifacts, metrics: metricsFile(null), reference: null, generatedBy: 'test', title: c.name };
      const lines: string[] = [];
      for (const dtype of ['float16', 'uint8'] as const) {
        const sizes = quantizationSizes(input, dtype);
        const loaded = await fromArtifacts(roundTripArtifacts(artifacts, dtype));
        const quantized = await score(loaded.model);
        loaded.model.dispose();
        const ratio = sizes.bundleBytes / sizes.float32BundleBytes;
        lines.push(
          `${dtype}: zip ${sizes.bundleBytes} B / float32 zip ${sizes.float32BundleBytes} B = ${(100 * ratio).toFixed(1)}%, weights ${sizes.weightBytes} / ${sizes.float32WeightBytes} B; ` +
            `test accuracy ${(100 * float32.accuracy).toFixed(2)} → ${(100 * quantized.accuracy).toFixed(2)}, macro-F1 ${(100 * float32.macroF1).toFixed(2)} → ${(100 * quantized.macroF1).toFixed(2)}`,
        );
        expect(Math.abs(quantized.accuracy - float32.accuracy)).toBeLessThanOrEqual(0.01);
        if (c.realistic && dtype === 'uint8') expect(ratio).toBeLessThanOrEqual(0.3);
      }
      console.info(`[quantize-sizes] ${c.name} (${rows.length} test rows, ${artifacts.weightData.byteLength} B float32 weights):\n  ${lines.join('\n  ')}`);
      model.dispose();
    });
  }
});
