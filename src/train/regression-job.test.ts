import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { DEFAULT_LINEAR, DEFAULT_LOGREG, DEFAULT_MLP } from '../models/spec';
import { DEFAULT_CNN } from '../models/spec';
import { fitLeastSquares } from '../models/least-squares';
import { prepareTable } from '../preprocess/prepare';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import type { JobProgress, TrainJob } from './job';
import { regressionMetricsOf } from './result';
import { DEFAULT_TRAIN } from './settings';
import { runTableTraining } from './training-job';
import { predictProbabilities } from '../models/predict-probabilities';
import { regressionReport } from '../evaluate/regression-metrics';
import { toArtifacts, fromArtifacts } from './model-io';
import { bundleFiles } from '../export/write-bundle';
import { assembleBundle } from '../export/validate-bundle';
import { metricsFile } from '../export/metrics-file';
import { loadBundle, predict } from '../export/snippet/predict-with-bundle.mjs';
import { validateNotebook } from '../notebook/validate';
import { createNotebook } from '../notebook/document';
import { minOf } from '../lib/arrays';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const diabetes = () => {
  const parsed = parseCsvText(readFileSync(new URL('../../public/samples/diabetes.csv', import.meta.url), 'utf8'));
  return { table: parsed.table, profiles: profileTable(parsed.table) };
};

function job(overrides: Partial<TrainJob> = {}): TrainJob {
  return {
    datasetId: 'table-1',
    prepare: { ...DEFAULT_PREPARE, target: 'progression' },
    model: 'linear',
    specs: { logreg: DEFAULT_LOGREG, mlp: { ...DEFAULT_MLP, hidden: [16], dropout: 0 }, cnn: DEFAULT_CNN, linear: DEFAULT_LINEAR },
    training: { ...DEFAULT_TRAIN, epochs: 40, batchSize: 32, backend: 'cpu' },
    ...overrides,
  };
}

const context = (progress: JobProgress[] = []) => ({
  signal: new AbortController().signal,
  progress: (p: JobProgress) => progress.push(p),
  backend: { name: 'cpu' as const, reason: 'test' },
});

describe('regression through the one training job', () => {
  it('chooses regression for a numeric target with many values and fits least squares exactly (model output = closed form, original units)', async () => {
    const { table, profiles } = diabetes();
    const before = tf.memory().numTensors;
    const { result, trained } = await runTableTraining(job({ includeSplit: true }), table, profiles, 'diabetes', context());
    expect(result.task).toBe('regression');
    expect(result.classes).toEqual([]);
    expect(result.preprocessing?.target.task).toBe('regression');
    const m = regressionMetricsOf(result);
    expect(m).not.toBeNull();
    if (!m) return;
    // The same fit in float64 on the same prepared rows, predicted on the test rows.
    const prepared = prepareTable(table, profiles, { ...DEFAULT_PREPARE, target: 'progression' });
    const p = prepared.fitted.inputSize;
    const targets = prepared.targets as Float64Array;
    const fit = fitLeastSquares(prepared.features, p, targets, prepared.split.train);
    const expected = Float64Array.from(prepared.split.test, (r) => fit.intercept + Array.from({ length: p }, (_, j) => prepared.features[r * p + j] * fit.weights[j]).reduce((a, b) => a + b, 0));
    const yTest = Float64Array.from(prepared.split.test, (r) => targets[r]);
    const reference = regressionReport(yTest, expected, prepared.fitted.target.stats?.mean ?? 0);
    expect(Math.abs(m.mae - reference.mae) / reference.mae).toBeLessThan(1e-4);
    expect(m.mae).toBeLessThan(m.baselineMae * 0.8);
    expect(m.r2).toBeGreaterThan(0.3);
    // The exported model answers in original units.
    const out = await predictProbabilities(trained.model, prepared.features, [p], prepared.split.test.subarray(0, 5));
    for (let i = 0; i < 5; i++) expect(Math.abs(out[i] - expected[i])).toBeLessThan(1e-3 * Math.max(1, Math.abs(expected[i])));
    expect(result.regression?.actual.length).toBe(result.split.test);
    expect(result.regression?.interval?.level).toBe(0.9);
    expect(result.splitRows?.test.length).toBe(result.split.test);
    trained.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains an MLP regressor on the standardized target, beats the baseline, keeps tensors stable; auto compares both', async () => {
    const { table, profiles } = diabetes();
    const before = tf.memory().numTensors;
    for (const loss of ['mse', 'huber'] as const) {
      const { result, trained } = await runTableTraining(job({ model: 'mlp', training: { ...job().training, loss } }), table, profiles, 'diabetes', context());
      const m = regressionMetricsOf(result);
      expect(m?.mae).toBeLessThan(m?.baselineMae ?? 0);
      expect(result.regression?.loss).toBe(loss);
      expect(result.training.history[0].valAccuracy).toBeNull();
      trained.model.dispose();
    }
    const auto = await runTableTraining(job({ model: 'auto' }), table, profiles, 'diabetes', context());
    expect(auto.result.autoSelection?.candidates.map((c) => c.model.kind)).toEqual(['linear', 'mlp']);
    expect(auto.result.autoSelection?.reason).toMatch(/standardized target/);
    auto.trained.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses logistic regression for a regression task and a text column as a regression target, naming it', async () => {
    const { table, profiles } = diabetes();
    await expect(runTableTraining(job({ model: 'logreg' }), table, profiles, 'diabetes', context())).rejects.toThrow(/Logistic regression predicts classes/);
    const text = parseCsvText('name,y\n' + Array.from({ length: 30 }, (_, i) => `n${i},${i % 2 ? 'high' : 'low'}`).join('\n'));
    const tp = profileTable(text.table);
    expect(() => prepareTable(text.table, tp, { ...DEFAULT_PREPARE, target: 'y', task: 'regression', featureOverrides: [{ name: 'name', include: true }] })).toThrow(/"y" holds text values/);
  });

  it('names the column when every target value is equal, and classification stays the default for few values', () => {
    const same = parseCsvText('x,y\n' + Array.from({ length: 30 }, (_, i) => `${((i * 37) % 11) + 0.25},5`).join('\n'));
    expect(() => prepareTable(same.table, profileTable(same.table), { ...DEFAULT_PREPARE, target: 'y', task: 'regression' })).toThrow(/Every value of "y" is 5/);
    const few = parseCsvText('x,y\n' + Array.from({ length: 30 }, (_, i) => `${((i * 37) % 11) + 0.25},${i % 3}`).join('\n'));
    expect(prepareTable(few.table, profileTable(few.table), { ...DEFAULT_PREPARE, target: 'y' }).task.task).toBe('classification');
  });

  it('standardizes the target on the training split only', () => {
    const { table, profiles } = diabetes();
    const prepared = prepareTable(table, profiles, { ...DEFAULT_PREPARE, target: 'progression' });
    const stats = prepared.fitted.target.stats;
    const y = prepared.targets as Float64Array;
    const train = Array.from(prepared.split.train, (r) => y[r]);
    const mean = train.reduce((a, b) => a + b, 0) / train.length;
    expect(stats?.mean).toBeCloseTo(mean, 9);
    expect(stats?.std).toBeCloseTo(Math.sqrt(train.reduce((a, b) => a + (b - mean) ** 2, 0) / train.length), 9);
    expect(stats?.min).toBe(minOf(train));
  });

  it('exports a bundle that reads back, predicts the same numbers in the plain-JS snippet, and keeps the result in a notebook', async () => {
    const { table, profiles } = diabetes();
    const before = tf.memory().numTensors;
    const { result, trained } = await runTableTraining(job(), table, profiles, 'diabetes', context());
    const artifacts = await toArtifacts(trained);
    const metrics = metricsFile(result);
    expect(metrics.evaluation?.task).toBe('regression');
    expect(metrics.evaluation?.test).toMatchObject({ mae: regressionMetricsOf(result)?.mae });
    const files = bundleFiles({ artifacts, metrics, reference: null, generatedBy: 'test', title: 'Diabetes' });
    const readme = new TextDecoder().decode(files.get('README.md'));
    expect(readme).toContain('regression model');
    const bundle = assembleBundle(files, 'diabetes.zip');
    expect(bundle.artifacts.preprocessing?.target.task).toBe('regression');
    const restored = await fromArtifacts(bundle.artifacts);
    const prepared = prepareTable(table, profiles, { ...DEFAULT_PREPARE, target: 'progression' });
    const rows = prepared.split.test.subarray(0, 3);
    const ours = await predictProbabilities(trained.model, prepared.features, [prepared.fitted.inputSize], rows);
    const again = await predictProbabilities(restored.model, prepared.features, [prepared.fitted.inputSize], rows);
    expect(Array.from(again)).toEqual(Array.from(ours));
    const snippetBundle = await loadBundle(async (name: string) => files.get(name) as Uint8Array);
    const header = table.columns.map((c) => c.name);
    const raw = Array.from(rows, (i) =>
      Object.fromEntries(header.filter((h) => h !== 'progression').map((h) => [h, String((table.columns.find((c) => c.name === h) as { values: Float64Array }).values[prepared.tableRows[i]])])),
    );
    const snippet = predict(snippetBundle, raw) as unknown as { value: number; interval?: { lower: number; upper: number } }[];
    snippet.forEach((p, i) => {
      expect(Math.abs(p.value - ours[i])).toBeLessThan(1e-3);
      expect(p.interval && p.interval.lower < p.value && p.value < p.interval.upper).toBe(true);
    });
    snippetBundle.model.dispose();
    restored.model.dispose();
    trained.model.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const doc = { ...createNotebook(), results: result };
    const checked = validateNotebook(JSON.parse(JSON.stringify(doc)));
    if (!checked.ok) throw new Error(checked.message);
    expect(checked.value.results?.task).toBe('regression');
    expect(regressionMetricsOf(checked.value.results as NonNullable<typeof checked.value.results>)?.mae).toBe(regressionMetricsOf(result)?.mae);
    expect(checked.value.results?.regression?.actual.length).toBe(result.split.test);
    expect(checked.value.results?.preprocessing?.target.stats?.mean).toBe(result.preprocessing?.target.stats?.mean);
  });
});
