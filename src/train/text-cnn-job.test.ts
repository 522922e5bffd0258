import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { DEFAULT_CNN, DEFAULT_LOGREG, DEFAULT_MLP, DEFAULT_TEXT_CNN } from '../models/spec';
import { prepareTable } from '../preprocess/prepare';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { installWasmKernelPatches } from '../runtime/wasm-kernels';
import { predictProbabilities } from '../models/predict-probabilities';
import { toArtifacts, fromArtifacts } from './model-io';
import { bundleFiles } from '../export/write-bundle';
import { assembleBundle } from '../export/validate-bundle';
import { metricsFile } from '../export/metrics-file';
import { loadBundle, predict } from '../export/snippet/predict-with-bundle.mjs';
import { createNotebook } from '../notebook/document';
import { embedModel } from '../notebook/share/embedded-model';
import { decodeNotebookLink, encodeNotebookLink } from '../notebook/share/link-codec';
import type { JobProgress, TrainJob } from './job';
import { DEFAULT_TRAIN } from './settings';
import { runTableTraining } from './training-job';
import type { ClassificationReport } from '../evaluate';
import { checkTopology } from '../models/topology-check';
import { countTopologyParameters } from '../models/parameter-count';

const fixture = (file: string) => {
  const parsed = parseCsvText(readFileSync(new URL(`../../e2e/fixtures/text/${file}`, import.meta.url), 'utf8'));
  return { table: parsed.table, profiles: profileTable(parsed.table) };
};

function textCnnJob(target: string, overrides: Partial<TrainJob['training']> = {}): TrainJob {
  return {
    datasetId: 'table-1',
    prepare: { ...DEFAULT_PREPARE, target, seed: 1, textVocabularySize: 2000 },
    model: 'textcnn',
    specs: { logreg: DEFAULT_LOGREG, mlp: DEFAULT_MLP, cnn: DEFAULT_CNN, textcnn: DEFAULT_TEXT_CNN },
    training: { ...DEFAULT_TRAIN, epochs: 12, batchSize: 32, seed: 1, ...overrides },
  };
}

const context = (backend: 'wasm' | 'cpu', progress: JobProgress[] = []) => ({
  signal: new AbortController().signal,
  progress: (p: JobProgress) => progress.push(p),
  backend: { name: backend, reason: 'test' },
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('the text CNN through the one training job', () => {
  it('trains on WASM (no fallback) on the Chinese fixture: Embedding 64 → Conv1D 128×5 → global max pool → dropout → softmax, well above chance, no leaked tensors', async () => {
    expect(installWasmKernelPatches()).toEqual([]);
    await tf.setBackend('wasm');
    await tf.ready();
    const { table, profiles } = fixture('debian-packages-zh.csv');
    const before = tf.memory().numTensors;
    const progress: JobProgress[] = [];
    const { result, trained } = await runTableTraining(textCnnJob('分类'), table, profiles, 'zh', context('wasm', progress));
    // Still WASM after training: the embedding gradient (UnsortedSegmentSum) ran there, nothing fell back.
    expect(tf.getBackend()).toBe('wasm');
    expect(result.backend).toBe('wasm');
    expect(result.model).toEqual(DEFAULT_TEXT_CNN);
    expect(result.modelDescription).toMatch(/Text CNN/);
    expect(trained.model.layers.map((l) => l.getClassName())).toEqual(['Embedding', 'Conv1D', 'GlobalMaxPooling1D', 'Dropout', 'Dense']);
    const text = result.preprocessing?.features[0];
    if (text?.kind !== 'text') throw new Error('expected a text feature');
    expect(text.encoding).toBe('sequence');
    expect(text.terms.length).toBeLessThanOrEqual(1998); // vocabulary cap 2,000 ids incl. padding and OOV
    expect(text.maxTokens).toBe(text.p95Tokens);
    expect(trained.exampleShape).toEqual([text.maxTokens]);
    expect((trained.model.layers[0].getWeights()[0].shape as number[])[0]).toBe(text.terms.length + 2);
    expect(progress.some((p) => p.phase === 'epoch')).toBe(true);
    // Confident mistakes come back as text snippets, most confident first; no top tokens (not a linear model).
    const mistakes = result.textMistakes ?? [];
    expect(mistakes.length).toBeGreaterThan(0);
    expect(mistakes[0].text.length).toBeGreaterThan(0);
    expect(mistakes.every((m, i) => m.trueClass !== m.predictedClass && (i === 0 || m.confidence <= mistakes[i - 1].confidence))).toBe(true);
    expect(result.topTokens).toBeUndefined();
    const accuracy = (result.metrics as ClassificationReport).accuracy;
    // 8 sections, the largest about a fifth of rows: a model that learned nothing scores ≈ 0.2.
    expect(accuracy).toBeGreaterThan(0.45);
    trained.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);

  it('exports a bundle whose plain-JS snippet tokenizes into the same ids and predicts the same probabilities; the notebook link keeps model and weights', async () => {
    await tf.setBackend('wasm');
    const { table, profiles } = fixture('debian-packages-zh.csv');
    const job = textCnnJob('分类', { epochs: 2 });
    const before = tf.memory().numTensors;
    const { result, trained } = await runTableTraining(job, table, profiles, 'zh', context('wasm'));
    const artifacts = await toArtifacts(trained);
    // Links and bundles check a topology before TF.js builds it: the text CNN's layers are known and counted exactly.
    expect(checkTopology(artifacts.modelTopology)).toBeNull();
    expect(countTopologyParameters(artifacts.modelTopology)).toBe(trained.model.countParams());
    const files = bundleFiles({ artifacts, metrics: metricsFile(result), reference: null, generatedBy: 'test', title: 'Debian' });
    const bundle = assembleBundle(files, 'debian-zh.zip');
    const restored = await fromArtifacts(bundle.artifacts);
    const prepared = prepareTable(table, profiles, job.prepare, 'sequence');
    const shape = [prepared.fitted.inputSize];
    const rows = prepared.split.test.subarray(0, 8);
    const ours = await predictProbabilities(trained.model, prepared.features, shape, rows);
    const again = await predictProbabilities(restored.model, prepared.features, shape, rows);
    expect(Array.from(again)).toEqual(Array.from(ours));
    const column = table.columns[0];
    if (column.storage !== 'string') throw new Error('expected a text column');
    const raw = Array.from(rows, (i) => {
      const code = column.codes[prepared.tableRows[i]];
      return { [column.name]: code < 0 ? '' : column.dictionary[code] };
    });
    const snippetBundle = await loadBundle(async (name: string) => files.get(name) as Uint8Array);
    const snippet = predict(snippetBundle, raw) as unknown as { probabilities: Record<string, number> }[];
    let worst = 0;
    snippet.forEach((p, i) => result.classes.forEach((c, k) => (worst = Math.max(worst, Math.abs(p.probabilities[c] - ours[i * result.classes.length + k])))));
    expect(worst).toBeLessThan(1e-5);
    snippetBundle.model.dispose();
    restored.model.dispose();

    // Notebook → link → notebook: the model choice, the text CNN spec, the sequence preprocessing and the weights survive.
    const base = createNotebook();
    const doc = { ...base, model: { ...base.model, choice: 'textcnn' as const, textcnn: DEFAULT_TEXT_CNN }, results: result, trainedModel: embedModel(artifacts, result.finishedAt) };
    const decoded = decodeNotebookLink(`#${encodeNotebookLink(doc).fragment}`);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.value.model.choice).toBe('textcnn');
    expect(decoded.value.results?.model).toEqual(DEFAULT_TEXT_CNN);
    expect(decoded.value.results?.preprocessing?.features[0]).toMatchObject({ kind: 'text', encoding: 'sequence', maxTokens: prepared.fitted.inputSize });
    expect(decoded.value.trainedModel?.weightsBase64).toBe(doc.trainedModel.weightsBase64);
    trained.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);

  it('says what to do when no selected column is text', async () => {
    await tf.setBackend('cpu');
    const parsed = parseCsvText('a,b,label\n' + Array.from({ length: 40 }, (_, i) => `${i},${i % 3},${i % 2 ? 'x' : 'y'}`).join('\n'));
    const profiles = profileTable(parsed.table);
    await expect(runTableTraining(textCnnJob('label'), parsed.table, profiles, 't', context('cpu'))).rejects.toThrow(/text CNN reads text columns.*--text-columns/);
  });
});
