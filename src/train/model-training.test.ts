import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmKernelPatches } from '../runtime/wasm-kernels';
import { readFileSync } from 'node:fs';
import table from '../settings/limits.json' with { type: 'json' };
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { DEFAULT_CNN, DEFAULT_LOGREG, DEFAULT_MLP, DEFAULT_TEXT_CNN } from '../models/spec';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { MODEL_TRAINING_DEFAULTS, readModelTrainingTable, trainingFor } from './model-training';
import { DEFAULT_TRAIN } from './settings';
import { runTableTraining } from './training-job';
import type { TrainJob } from './job';

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('per-model training defaults (settings table → modelTraining)', () => {
  it('the text CNN gets its own patience, epoch cap and step halving from the table when the job has the general defaults', () => {
    const own = table.modelTraining.textcnn;
    const applied = trainingFor('textcnn', DEFAULT_TRAIN);
    expect(applied).toEqual({ ...DEFAULT_TRAIN, epochs: own.epochs, patience: own.patience, reduceLearningRateAfter: own.reduceLearningRateAfter });
    // The general defaults themselves are left alone (a copy is returned).
    expect(DEFAULT_TRAIN.patience).not.toBe(own.patience);
    expect(applied.learningRate).toBe(DEFAULT_TRAIN.learningRate);
  });

  it('keeps what the user chose, field by field', () => {
    const chosen = { ...DEFAULT_TRAIN, patience: 7, epochs: 40 };
    const applied = trainingFor('textcnn', chosen);
    expect(applied.patience).toBe(7);
    expect(applied.epochs).toBe(40);
    expect(applied.reduceLearningRateAfter).toBe(table.modelTraining.textcnn.reduceLearningRateAfter);
    expect(trainingFor('textcnn', { ...DEFAULT_TRAIN, reduceLearningRateAfter: 4 }).reduceLearningRateAfter).toBe(4);
  });

  it('other model kinds train with the job as it is', () => {
    for (const kind of ['logreg', 'mlp', 'cnn', 'linear'] as const) {
      expect(MODEL_TRAINING_DEFAULTS[kind]).toBeUndefined();
      expect(trainingFor(kind, DEFAULT_TRAIN)).toBe(DEFAULT_TRAIN);
    }
  });

  it('refuses a table entry outside the training ranges or with an unknown field, naming it', () => {
    expect(() => readModelTrainingTable({ textcnn: { patience: 0 } })).toThrow(/modelTraining\.textcnn\.patience must be a whole number from 1/);
    expect(() => readModelTrainingTable({ textcnn: { epochs: 2.5 } })).toThrow(/epochs/);
    expect(() => readModelTrainingTable({ textcnn: { learningRat: 0.1 } })).toThrow(/unknown field "learningRat"/);
    expect(readModelTrainingTable({ $comment: 'x', textcnn: { patience: 2 } })).toEqual({ textcnn: { patience: 2 } });
  });

  it('a text CNN run stops within its patience after the best epoch, halves the step after a flat epoch and says so; no leaked tensors', async () => {
    expect(installWasmKernelPatches()).toEqual([]);
    await tf.setBackend('wasm');
    await tf.ready();
    // 200 rows of the Chinese fixture and a small CNN keep this to seconds on WASM (the CPU backend's Conv1D takes minutes).
    const csv = readFileSync(new URL('../../e2e/fixtures/text/debian-packages-zh.csv', import.meta.url), 'utf8')
      .split('\n')
      .slice(0, 201)
      .join('\n');
    const parsed = parseCsvText(csv);
    const job: TrainJob = {
      datasetId: 'table-1',
      prepare: { ...DEFAULT_PREPARE, target: '分类', seed: 1, textVocabularySize: 500, textMaxTokens: 30 },
      model: 'textcnn',
      specs: { logreg: DEFAULT_LOGREG, mlp: DEFAULT_MLP, cnn: DEFAULT_CNN, textcnn: { ...DEFAULT_TEXT_CNN, embeddingDim: 16, filters: 16 } },
      training: { ...DEFAULT_TRAIN, seed: 1 },
    };
    const before = tf.memory().numTensors;
    const { result, trained } = await runTableTraining(job, parsed.table, profileTable(parsed.table), 'zh', {
      signal: new AbortController().signal,
      progress: () => undefined,
      backend: { name: 'wasm', reason: 'test' },
    });
    const own = table.modelTraining.textcnn;
    const { history, bestEpoch, stoppedBy } = result.training;
    expect(history.length).toBeLessThanOrEqual(own.epochs);
    // 140 training rows: the CNN overfits within a few epochs, so patience (not the cap) ends the run.
    expect(stoppedBy).toBe('early-stopping');
    expect(history.length - bestEpoch).toBe(own.patience);
    // After the first epoch without a better validation loss the step is halved.
    const flat = history.findIndex((h, i) => i > 0 && h.valLoss !== null && h.valLoss >= history.slice(0, i).reduce((m, p) => Math.min(m, p.valLoss ?? Infinity), Infinity));
    expect(flat).toBeGreaterThan(0);
    expect(flat + 1).toBeLessThan(history.length);
    expect(history[flat + 1].learningRate).toBe(history[0].learningRate / 2);
    expect(result.settings).toEqual(job.training);
    expect(result.warnings.join(' ')).toMatch(/trained with its own defaults: patience 3, at most 15 epochs/);
    trained.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
