import type { ClassificationReport } from '../evaluate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { prepareTable } from '../preprocess/prepare';
import { DEFAULT_TRAIN } from '../train/settings';
import type { JobProgress } from '../train/job';
import { runTableSearch } from './search-job';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('runTableSearch (real training on the CPU backend)', () => {
  it('searches on the training rows only, refits on all of them, evaluates on test once, and frees its tensors', async () => {
    const parsed = parseCsvText(readFileSync(new URL('../../public/samples/iris.csv', import.meta.url), 'utf8'));
    const profiles = profileTable(parsed.table);
    const prepare = { ...DEFAULT_PREPARE, target: 'species', seed: 3 };
    const split = prepareTable(parsed.table, profiles, prepare).split;
    const before = tf.memory().numTensors;
    const progress: JobProgress[] = [];
    const job = { datasetId: 'iris', prepare, training: { ...DEFAULT_TRAIN, seed: 5 }, search: { budget: { kind: 'trials', count: 3 } as const, folds: 3, maxEpochs: 20 }, includeSplit: true };
    const context = { signal: new AbortController().signal, progress: (p: JobProgress) => progress.push(p), backend: { name: 'cpu' as const, reason: 'test' } };
    const { result, trained } = await runTableSearch(job, parsed.table, profiles, 'iris', context);

    // The exact logistic regression's 13 C values (outside the budget), then the 3 budgeted trials.
    expect(result.search.trials).toHaveLength(13 + 3);
    expect(result.search.trials.filter((t) => t.settings.family === 'logreg-lbfgs')).toHaveLength(13);
    expect(result.search.trials.filter((t) => t.settings.family === 'mlp')).toHaveLength(3);
    for (const trial of result.search.trials) {
      // The C grid is scored on the search's 3 folds dealt 3 times (9 exact fits a C); the MLPs on the 3 folds.
      if (trial.settings.family === 'logreg-lbfgs') {
        expect(trial.validation.folds).toBe(9);
        expect(trial.validation.repeats).toBe(3);
        expect(trial.validation.searchFolds?.folds).toBe(3);
      } else expect(trial.validation.folds).toBe(3);
      // C = 0.001 on 80 rows is nearly uniform probabilities (still above chance on iris).
      expect(trial.validation.mean).toBeGreaterThan(trial.settings.c === 0.001 ? 0.3 : 0.5);
      expect(JSON.stringify(trial)).not.toMatch(/test/i);
    }
    expect(result.search.validation).toEqual({ method: 'k-fold', folds: 3, rows: split.train.length + split.validation.length });
    // The final model trained on every non-test row; the test rows are exactly the split's.
    expect(result.split).toEqual({ train: 120, validation: 0, test: 30 });
    expect(result.splitRows?.test.slice().sort((a, b) => a - b)).toEqual(Array.from(split.test).sort((a, b) => a - b));
    expect((result.metrics as ClassificationReport).confusionMatrix.matrix.flat().reduce((a, b) => a + b, 0)).toBe(30);
    expect((result.metrics as ClassificationReport).accuracy).toBeGreaterThan(0.8);
    expect(result.training.epochs).toBe(result.search.best.epochs);
    expect(progress.some((p) => p.phase === 'search' && p.trialsDone === 16)).toBe(true);
    // Only the kept model's tensors remain.
    const kept = trained.model.weights.length;
    expect(tf.memory().numTensors - before).toBe(kept);
    trained.model.dispose();
    expect(tf.memory().numTensors).toBe(before);

    // Reproducible on one backend: the same search gives the same trials and test metrics.
    const again = await runTableSearch(job, parsed.table, profiles, 'iris', context);
    expect(again.result.search.trials.map((t) => t.validation)).toEqual(result.search.trials.map((t) => t.validation));
    expect((again.result.metrics as ClassificationReport).accuracy).toBe((result.metrics as ClassificationReport).accuracy);
    again.trained.model.dispose();

    // A leaderboard retrain fits the given settings without searching (an MLP trial, then an exact logistic regression).
    const pick = result.search.trials.filter((t) => t.settings.family === 'mlp')[0];
    const retrained = await runTableSearch({ ...job, retrain: { trialId: pick.id, settings: pick.settings, epochs: pick.bestEpoch } }, parsed.table, profiles, 'iris', context);
    expect(retrained.result.search.trials).toHaveLength(0);
    expect(retrained.result.search.stoppedBy).toBe('retrain');
    expect(retrained.result.training.epochs).toBe(pick.bestEpoch);
    retrained.trained.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const exact = result.search.trials.find((t) => t.settings.c === 1);
    if (!exact) throw new Error('no C = 1 trial');
    const refit = await runTableSearch({ ...job, retrain: { trialId: exact.id, settings: exact.settings, epochs: exact.bestEpoch } }, parsed.table, profiles, 'iris', context);
    expect(refit.result.model).toEqual({ kind: 'logreg', l2: 0, solver: 'lbfgs', c: 1 });
    expect(refit.result.modelDescription).toBe('Logistic regression (softmax, L-BFGS, C 1)');
    expect((refit.result.metrics as ClassificationReport).accuracy).toBeGreaterThan(0.85);
    refit.trained.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);
});
