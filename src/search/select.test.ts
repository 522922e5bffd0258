import { describe, expect, it } from 'vitest';
import type { SearchFamilyName } from './families';
import { compareTrials, runSearch, type RunRequest, type RunResult, type TrialRecord } from './search';
import { chooseTrial, standardError, trialParameters } from './select';
import { searchSpaceFor, type TrialSettings } from './space';

const shape = { inputs: 4, classes: 3 };

function settings(family: TrialSettings['family'], hidden: number[] = [], l2 = 0.001, dropout = 0): TrialSettings {
  return { family, hidden, learningRate: 0.01, l2, dropout, batchSize: 32, epochs: 150, patience: 20 };
}

function trial(id: number, s: TrialSettings, mean: number, std: number, folds = 3): TrialRecord {
  return { id, settings: s, rung: 0, epochs: 17, validation: { metric: 'accuracy', mean, std, loss: 1 - mean, folds }, bestEpoch: 10, seconds: 1 };
}

function top(trials: TrialRecord[]): TrialRecord {
  return [...trials].sort(compareTrials)[0];
}

describe('one-standard-error rule', () => {
  it('keeps the logistic regression when the MLP beats it by less than one standard error', () => {
    // MLP: mean 0.97, std 0.03 over 3 folds → SE 0.0173; the logistic regression (0.96) is within it.
    const trials = [trial(1, settings('mlp', [32]), 0.97, 0.03), trial(2, settings('logreg'), 0.96, 0.01)];
    expect(standardError(trials[0])).toBeCloseTo(0.03 / Math.sqrt(3), 10);
    expect(top(trials).id).toBe(1);
    expect(chooseTrial(trials, top(trials), shape).id).toBe(2);
  });

  it('keeps the best mean when nothing simpler is within one standard error', () => {
    const trials = [trial(1, settings('mlp', [32]), 0.97, 0.03), trial(2, settings('logreg'), 0.95, 0.01)];
    expect(chooseTrial(trials, top(trials), shape).id).toBe(1);
    // A holdout (one fold) has no standard error: only ties count.
    const holdout = [trial(1, settings('mlp', [32]), 0.97, 0, 1), trial(2, settings('logreg'), 0.969, 0, 1)];
    expect(chooseTrial(holdout, top(holdout), shape).id).toBe(1);
  });

  it('among close trials prefers fewer parameters, then stronger L2, then more dropout', () => {
    const mlps = [trial(1, settings('mlp', [64]), 0.97, 0.03), trial(2, settings('mlp', [16]), 0.96, 0.03), trial(3, settings('mlp', [64, 32]), 0.965, 0.03)];
    expect(chooseTrial(mlps, top(mlps), shape).id).toBe(2);
    const logregs = [trial(1, settings('logreg', [], 0.0001), 0.97, 0.03), trial(2, settings('logreg', [], 0.01), 0.96, 0.03), trial(3, settings('logreg', [], 0), 0.965, 0.03)];
    expect(chooseTrial(logregs, top(logregs), shape).id).toBe(2);
    const dropouts = [trial(1, settings('mlp', [32], 0.001, 0), 0.97, 0.03), trial(2, settings('mlp', [32], 0.001, 0.3), 0.96, 0.03)];
    expect(chooseTrial(dropouts, top(dropouts), shape).id).toBe(2);
  });

  it('counts dense parameters (with biases) and orders CNN sizes', () => {
    expect(trialParameters(settings('logreg'), shape)).toBe(5 * 3);
    expect(trialParameters(settings('mlp', [16]), shape)).toBe(5 * 16 + 17 * 3);
    const cnn = (preset: 'small' | 'medium', width: number) => ({ ...settings('cnn'), cnn: { preset, width } });
    expect(trialParameters(cnn('small', 1), shape)).toBeLessThan(trialParameters(cnn('small', 2), shape));
    expect(trialParameters(cnn('small', 1), shape)).toBeLessThan(trialParameters(cnn('medium', 1), shape));
  });

  it('runSearch keeps the simpler trial within one SE and says which rule chose it', async () => {
    const rows = Int32Array.from({ length: 90 }, (_, i) => i);
    const space = { ...searchSpaceFor({ rows: rows.length, inputs: 4, classes: 3 }), families: ['logreg', 'mlp'] as SearchFamilyName[] };
    // The MLP scores higher on average but spreads over the folds; the logistic regression is steady.
    const trainer = async (request: RunRequest): Promise<RunResult> => {
      const acc = request.settings.family === 'mlp' ? [0.9, 1, 0.95][request.fold] : 0.93;
      return { valAccuracy: acc, valLoss: 1 - acc, bestEpoch: 5, epochsRun: request.epochs, seconds: 1, stopped: false };
    };
    const outcome = await runSearch({ rows, label: (r) => r % 3, space, budget: { kind: 'trials', count: 2 }, folds: 3, seed: 1, shape }, trainer);
    expect(outcome.trials.map((t) => t.settings.family)).toEqual(['logreg', 'mlp']);
    expect(top(outcome.trials).settings.family).toBe('mlp');
    expect(outcome.best?.settings.family).toBe('logreg');
    expect(outcome.rule).toBe('one-standard-error');
  });

  it('among exact logistic regressions within one SE keeps the smallest C (the strongest penalty)', async () => {
    const rows = Int32Array.from({ length: 90 }, (_, i) => i);
    const space = { ...searchSpaceFor({ rows: rows.length, inputs: 4, classes: 3 }), families: ['logreg-lbfgs'] as SearchFamilyName[], logregCs: [0.01, 0.1, 1, 10] };
    // C 1 is best on average; C 0.1 is within its standard error; C 0.01 is not.
    const byC: Record<number, number[]> = { 0.01: [0.8, 0.8, 0.8], 0.1: [0.93, 0.95, 0.91], 1: [0.9, 1, 0.96], 10: [0.9, 0.97, 0.96] };
    const trainer = async (request: RunRequest): Promise<RunResult> => {
      const acc = byC[request.settings.c ?? 0][request.fold];
      return { valAccuracy: acc, valLoss: 1 - acc, bestEpoch: 1, epochsRun: 1, seconds: 0, stopped: false };
    };
    const outcome = await runSearch({ rows, label: (r) => r % 3, space, budget: { kind: 'trials', count: 1 }, folds: 3, seed: 1, shape }, trainer);
    expect(top(outcome.trials).settings.c).toBe(1);
    expect(outcome.best?.settings.c).toBe(0.1);
  });
});
