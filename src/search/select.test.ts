import { describe, expect, it } from 'vitest';
import type { SearchFamilyName } from './families';
import { compareTrials, runSearch, type RunRequest, type RunResult, type TrialRecord } from './search';
import { chooseGridTrial, chooseTrial, selectTrial, standardError, trialParameters } from './select';
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
    expect(outcome.rule).toBe('grid-best-then-one-standard-error');
  });

  it('the C grid: highest mean over the repeated folds (ties to the smaller C), then the one-SE rule against the MLPs on the same folds', async () => {
    const rows = Int32Array.from({ length: 90 }, (_, i) => i);
    const space = { ...searchSpaceFor({ rows: rows.length, inputs: 4, classes: 3 }), families: ['logreg-lbfgs'] as SearchFamilyName[], logregCs: [0.01, 0.1, 1, 10] };
    // Folds 0–2 are the search's own, 3–8 the two extra deals. On the first deal C 1 is best; over all nine,
    // C 0.1 and C 10 tie at the top (mean 0.94), so the smaller C wins; C 1 falls behind on the extra deals.
    const byC: Record<number, number[]> = {
      0.01: [0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8],
      0.1: [0.93, 0.95, 0.91, 0.94, 0.95, 0.93, 0.96, 0.94, 0.95],
      1: [0.9, 1, 0.96, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9],
      10: [0.95, 0.94, 0.93, 0.93, 0.95, 0.94, 0.95, 0.94, 0.93],
    };
    const seen: { c: number; fold: number; validation: string }[] = [];
    const trainer = async (request: RunRequest): Promise<RunResult> => {
      seen.push({ c: request.settings.c ?? 0, fold: request.fold, validation: request.validation.join() });
      const acc = byC[request.settings.c ?? 0][request.fold];
      return { valAccuracy: acc, valLoss: 1 - acc, bestEpoch: 1, epochsRun: 1, seconds: 0, stopped: false };
    };
    const outcome = await runSearch({ rows, label: (r) => r % 3, space, budget: { kind: 'trials', count: 1 }, folds: 3, seed: 1, shape }, trainer);
    expect(seen.filter((s) => s.c === 1).map((s) => s.fold)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(seen.filter((s) => s.c === 1).map((s) => s.validation)).size).toBe(9);
    const c1 = outcome.trials.find((t) => t.settings.c === 1);
    expect(c1?.validation.folds).toBe(9);
    expect(c1?.validation.searchFolds?.mean).toBeCloseTo((0.9 + 1 + 0.96) / 3, 12);
    expect(outcome.best?.settings.c).toBe(0.1);
    const trials = outcome.trials;
    expect(chooseGridTrial(trials, 'larger-c')?.settings.c).toBe(10);
    // Against an MLP scored on the first deal: C 0.1's first-deal mean (0.93) is within the MLP's SE, so it stays.
    const mlp = trial(9, settings('mlp', [32]), 0.95, 0.05);
    expect(selectTrial([...trials, mlp], shape)?.settings.c).toBe(0.1);
    // An MLP beyond one SE of that mean wins.
    const strong = trial(10, settings('mlp', [32]), 0.99, 0.01);
    expect(selectTrial([...trials, strong], shape)?.id).toBe(10);
    // Without repeats (gridRepeats 1) the grid is scored on the 3 folds only and C 1 wins on them.
    const once = await runSearch({ rows, label: (r) => r % 3, space, budget: { kind: 'trials', count: 1 }, folds: 3, seed: 1, shape, gridRepeats: 1 }, trainer);
    expect(once.trials.every((t) => t.settings.c === undefined || t.validation.folds === 3)).toBe(true);
    expect(once.best?.settings.c).toBe(1);
  });
});
