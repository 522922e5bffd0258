import { describe, expect, it } from 'vitest';
import { BudgetTracker, parseBudget } from './budget';
import { gridValidationFolds, repeatedStratifiedKFold, stratifiedHoldout, stratifiedKFold, validationFolds } from './folds';
import { GRID_CV_REPEATS } from './select';
import { halvingSchedule, topIndices } from './halving';
import { runSearch, type RunRequest, type RunResult } from './search';
import { sampleTrial } from './sampler';
import { searchSpaceFor, type SearchSpace } from './space';
import { createRandom } from '../data/random';
import { maxOf, minOf } from '../lib/arrays';

describe('halvingSchedule', () => {
  it('keeps a third of the configurations with three times the epochs, ending at the maximum', () => {
    expect(halvingSchedule(9, 17, 150, 3)).toEqual([
      { configs: 9, epochs: 17 },
      { configs: 3, epochs: 51 },
      { configs: 1, epochs: 150 },
    ]);
    expect(halvingSchedule(27, 2, 18, 3)).toEqual([
      { configs: 27, epochs: 2 },
      { configs: 9, epochs: 6 },
      { configs: 3, epochs: 18 },
    ]);
  });
  it('trains a single configuration once at the maximum, and never asks for more than the maximum', () => {
    expect(halvingSchedule(1, 5, 40)).toEqual([
      { configs: 1, epochs: 5 },
      { configs: 1, epochs: 40 },
    ]);
    expect(halvingSchedule(4, 100, 30)).toEqual([{ configs: 4, epochs: 30 }]);
    for (const rung of halvingSchedule(100, 1, 7, 2)) expect(rung.epochs).toBeLessThanOrEqual(7);
  });
  it('rejects impossible schedules', () => {
    expect(() => halvingSchedule(0, 1, 10)).toThrow(RangeError);
    expect(() => halvingSchedule(3, 1, 10, 1)).toThrow(RangeError);
  });
  it('topIndices keeps the best scores, ties to the earlier', () => {
    expect(topIndices([0.5, 0.9, 0.7, 0.9], 2)).toEqual([1, 3]);
  });
});

describe('budget', () => {
  it('parses time and trial budgets and rejects nonsense', () => {
    expect(parseBudget('60s')).toEqual({ kind: 'time', seconds: 60 });
    expect(parseBudget('2m')).toEqual({ kind: 'time', seconds: 120 });
    expect(parseBudget('45')).toEqual({ kind: 'time', seconds: 45 });
    expect(parseBudget('20trials')).toEqual({ kind: 'trials', count: 20 });
    expect(parseBudget('0s')).toBeNull();
    expect(parseBudget('1.5trials')).toBeNull();
    expect(parseBudget('fast')).toBeNull();
  });
  it('accounts time against a fake clock, keeping the reserve for the final fit', () => {
    let t = 0;
    const tracker = new BudgetTracker({ kind: 'time', seconds: 10 }, () => t);
    expect(tracker.canStartTrial(2)).toBe(true);
    t = 7_500;
    expect(tracker.secondsLeft(2)).toBeCloseTo(0.5);
    expect(tracker.canStartTrial(2)).toBe(true);
    t = 8_000;
    expect(tracker.canStartTrial(2)).toBe(false);
    expect(tracker.canContinue(0)).toBe(true);
    t = 10_001;
    expect(tracker.canContinue(0)).toBe(false);
  });
  it('counts trials for trial budgets', () => {
    const tracker = new BudgetTracker({ kind: 'trials', count: 2 }, () => 0);
    tracker.startTrial();
    expect(tracker.canStartTrial()).toBe(true);
    tracker.startTrial();
    expect(tracker.canStartTrial()).toBe(false);
    expect(tracker.secondsLeft()).toBeNull();
  });
});

describe('folds', () => {
  // 3 classes of 50, 30 and 7 rows, at scattered indices.
  const labels = new Map<number, number>();
  const rows: number[] = [];
  [50, 30, 7].forEach((n, c) => {
    for (let i = 0; i < n; i++) {
      const row = 1000 + rows.length * 3;
      rows.push(row);
      labels.set(row, c);
    }
  });
  const label = (r: number) => labels.get(r) as number;
  it('stratified k-fold: every row validates exactly once, classes spread evenly, sizes within one', () => {
    const folds = stratifiedKFold(Int32Array.from(rows), label, 5, 7);
    expect(folds).toHaveLength(5);
    const seen = new Map<number, number>();
    for (const fold of folds) {
      for (const r of fold.validation) seen.set(r, (seen.get(r) ?? 0) + 1);
      expect(fold.train.length + fold.validation.length).toBe(rows.length);
      const inValidation = new Set(fold.validation);
      expect([...fold.train].some((r) => inValidation.has(r))).toBe(false);
      for (const [c, n] of [
        [0, 50],
        [1, 30],
        [2, 7],
      ]) {
        const count = [...fold.validation].filter((r) => label(r) === c).length;
        expect(Math.abs(count - n / 5)).toBeLessThan(1);
      }
    }
    expect(seen.size).toBe(rows.length);
    expect([...seen.values()].every((v) => v === 1)).toBe(true);
    const sizes = folds.map((f) => f.validation.length);
    expect(maxOf(sizes) - minOf(sizes)).toBeLessThanOrEqual(1);
  });
  it('is reproducible for a seed and differs between seeds', () => {
    const a = stratifiedKFold(Int32Array.from(rows), label, 5, 1);
    const b = stratifiedKFold(Int32Array.from(rows), label, 5, 1);
    const c = stratifiedKFold(Int32Array.from(rows), label, 5, 2);
    expect(a).toEqual(b);
    expect(a[0].validation).not.toEqual(c[0].validation);
  });
  it('repeated stratified k-fold: the first repeat is the plain k-fold, each repeat is stratified and covers every row once, reproducible from the seed', () => {
    const all = Int32Array.from(rows);
    const repeated = repeatedStratifiedKFold(all, label, 3, 4, 9);
    expect(repeated).toHaveLength(12);
    expect(repeated.slice(0, 3)).toEqual(stratifiedKFold(all, label, 3, 9));
    expect(repeatedStratifiedKFold(all, label, 3, 4, 9)).toEqual(repeated);
    expect(repeatedStratifiedKFold(all, label, 3, 4, 10)[3].validation).not.toEqual(repeated[3].validation);
    for (let r = 0; r < 4; r++) {
      const deal = repeated.slice(3 * r, 3 * r + 3);
      const seen = deal.flatMap((f) => [...f.validation]).sort((a, b) => a - b);
      expect(seen).toEqual([...rows].sort((a, b) => a - b));
      for (const fold of deal) {
        expect(fold.train.length + fold.validation.length).toBe(rows.length);
        for (const [c, n] of [
          [0, 50],
          [1, 30],
          [2, 7],
        ]) {
          expect(Math.abs([...fold.validation].filter((x) => label(x) === c).length - n / 3)).toBeLessThan(1);
        }
      }
    }
    // The deals differ from each other.
    expect(new Set(repeated.map((f) => f.validation.join())).size).toBe(12);
    expect(() => repeatedStratifiedKFold(all, label, 3, 0, 1)).toThrow(RangeError);
    // Grid folds: the search's own folds first; a holdout is not repeated.
    expect(gridValidationFolds(all, label, 3, 9, 4)).toEqual(repeated);
    expect(gridValidationFolds(all, label, 'holdout', 9, 4)).toHaveLength(1);
  });
  it('holdout keeps class shares; large tables use a holdout', () => {
    const h = stratifiedHoldout(Int32Array.from(rows), label, 0.2, 3);
    expect([...h.validation].filter((r) => label(r) === 0)).toHaveLength(10);
    expect([...h.validation].filter((r) => label(r) === 1)).toHaveLength(6);
    expect(h.train.length + h.validation.length).toBe(rows.length);
    const big = Int32Array.from({ length: 6000 }, (_, i) => i);
    expect(validationFolds(big, (r) => r % 2, 5, 1)).toHaveLength(1);
    expect(validationFolds(Int32Array.from(rows), label, 5, 1)).toHaveLength(5);
  });
});

/** A fake trainer whose score depends on the settings, reading labels through the given accessor. */
function fakeTrainer(label: (row: number) => number, clock?: { t: number }, log: RunRequest[] = []) {
  return async (request: RunRequest): Promise<RunResult> => {
    log.push(request);
    for (const r of request.train) label(r);
    for (const r of request.validation) label(r);
    if (clock) clock.t += 1000; // each run "takes" one second
    const lrScore = 1 - Math.abs(Math.log10(request.settings.learningRate) + 2) / 4;
    const acc = Math.min(1, 0.5 + 0.3 * lrScore + request.epochs / 1000);
    return { valAccuracy: acc, valLoss: 1 - acc, bestEpoch: Math.max(1, request.epochs - 2), epochsRun: request.epochs, seconds: 1, stopped: request.shouldStop() };
  };
}

describe('runSearch', () => {
  const n = 200;
  const testRows = new Set(Array.from({ length: 40 }, (_, i) => i * 5));
  const trainRows = Int32Array.from(Array.from({ length: n }, (_, i) => i).filter((i) => !testRows.has(i)));
  const touched: number[] = [];
  /** The data accessor: reading a test row's label during the search throws. */
  const guardedLabel = (row: number) => {
    touched.push(row);
    if (testRows.has(row)) throw new Error(`test row ${row} read during search`);
    return row % 3;
  };
  // The brackets' own families (the exact logistic regression's C grid is tested below).
  const space: SearchSpace = { ...searchSpaceFor({ rows: trainRows.length, inputs: 4, classes: 3 }), families: ['logreg', 'mlp'] };

  it('never reads a test row, and no trial carries test metrics', async () => {
    touched.length = 0;
    const log: RunRequest[] = [];
    const outcome = await runSearch({ rows: trainRows, label: guardedLabel, space, budget: { kind: 'trials', count: 12 }, folds: 5, seed: 1 }, fakeTrainer(guardedLabel, undefined, log));
    expect(touched.length).toBeGreaterThan(1000);
    expect(touched.some((r) => testRows.has(r))).toBe(false);
    for (const run of log) for (const r of [...run.train, ...run.validation]) expect(testRows.has(r)).toBe(false);
    for (const trial of outcome.trials) expect(Object.keys(trial).sort()).toEqual(['bestEpoch', 'epochs', 'id', 'rung', 'seconds', 'settings', 'validation']);
  });

  it('spends exactly a trial budget, starts with the defaults, halves, and keeps the best', async () => {
    const log: RunRequest[] = [];
    const outcome = await runSearch({ rows: trainRows, label: guardedLabel, space, budget: { kind: 'trials', count: 12 }, folds: 5, seed: 1 }, fakeTrainer(guardedLabel, undefined, log));
    expect(outcome.trials.map((t) => t.id)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(outcome.trials[0].settings.family).toBe('logreg');
    expect(outcome.trials[1].settings.family).toBe('mlp');
    // First bracket: 9 configs at rung 0, 3 at rung 1, 1 at rung 2; second bracket: 3 configs.
    const rung0 = log.filter((r) => r.epochs === log[0].epochs).length / 5;
    expect(rung0).toBe(12);
    expect(log.filter((r) => r.epochs === space.maxEpochs).length).toBeGreaterThan(0);
    const best = outcome.best;
    expect(best).not.toBeNull();
    for (const t of outcome.trials) expect(t.validation.mean).toBeLessThanOrEqual(best?.validation.mean ?? 0);
    expect(best?.validation.folds).toBe(5);
  });

  it('is reproducible: same seed, same trials and per-run seeds; another seed, other trials', async () => {
    const a: RunRequest[] = [];
    const b: RunRequest[] = [];
    const c: RunRequest[] = [];
    const opts = { rows: trainRows, label: guardedLabel, space, budget: { kind: 'trials', count: 9 } as const, folds: 3, seed: 5 };
    const ra = await runSearch(opts, fakeTrainer(guardedLabel, undefined, a));
    const rb = await runSearch(opts, fakeTrainer(guardedLabel, undefined, b));
    await runSearch({ ...opts, seed: 6 }, fakeTrainer(guardedLabel, undefined, c));
    expect(ra.trials).toEqual(rb.trials);
    expect(a.map((r) => r.seed)).toEqual(b.map((r) => r.seed));
    expect(new Set(a.map((r) => r.seed)).size).toBe(a.length - a.filter((r, i) => a.findIndex((x) => x.trialId === r.trialId && x.fold === r.fold) !== i).length);
    expect(c[20].settings).not.toEqual(a[20].settings);
  });

  it('a time budget stops in time (with its reserve) and keeps the best so far', async () => {
    const clock = { t: 0 };
    const outcome = await runSearch(
      { rows: trainRows, label: guardedLabel, space, budget: { kind: 'time', seconds: 30 }, folds: 5, seed: 1, now: () => clock.t, reserveSeconds: () => 4 },
      fakeTrainer(guardedLabel, clock),
    );
    expect(clock.t / 1000).toBeLessThanOrEqual(26 + 1);
    expect(outcome.trials.length).toBe(5); // 26 s of 1-second runs, 5 folds each; the cut evaluation is dropped
    expect(outcome.best).not.toBeNull();
    expect(outcome.stoppedBy).toBe('budget');
  });

  it('stopping by the signal keeps the trials finished so far', async () => {
    const controller = new AbortController();
    let runs = 0;
    const trainer = fakeTrainer(guardedLabel);
    const outcome = await runSearch({ rows: trainRows, label: guardedLabel, space, budget: { kind: 'trials', count: 50 }, folds: 2, seed: 1, signal: controller.signal }, async (r) => {
      if (++runs === 7) controller.abort();
      return trainer(r);
    });
    expect(outcome.stoppedBy).toBe('user');
    expect(outcome.trials).toHaveLength(3);
    expect(outcome.best).not.toBeNull();
  });
});

describe('space and sampler', () => {
  it('samples within the space (log-scale rates, batch no larger than the data allows)', () => {
    const space = searchSpaceFor({ rows: 120, inputs: 4, classes: 3 });
    const random = createRandom(3);
    const samples = Array.from({ length: 300 }, () => sampleTrial(space, random));
    for (const s of samples) {
      expect(s.learningRate).toBeGreaterThanOrEqual(space.learningRate[0] * 0.999);
      expect(s.learningRate).toBeLessThanOrEqual(space.learningRate[1] * 1.001);
      expect(space.batchSizes).toContain(s.batchSize);
      expect(s.batchSize).toBeLessThanOrEqual(32);
    }
    const below = samples.filter((s) => s.learningRate < Math.sqrt(space.learningRate[0] * space.learningRate[1])).length;
    expect(below / samples.length).toBeGreaterThan(0.4);
    expect(below / samples.length).toBeLessThan(0.6);
    // The exact logistic regression is tried over its C grid, never sampled: the brackets sample MLPs here.
    expect([...new Set(samples.map((s) => s.family))]).toEqual(['mlp']);
    const wide = searchSpaceFor({ rows: 2000, inputs: 1000, classes: 3 });
    expect(new Set(Array.from({ length: 100 }, () => sampleTrial(wide, random).family))).toEqual(new Set(['logreg', 'mlp']));
  });

  it('scores the whole C grid first, by the same folds, outside the trial budget', async () => {
    const rows = Int32Array.from({ length: 120 }, (_, i) => i);
    const space = searchSpaceFor({ rows: rows.length, inputs: 4, classes: 3 });
    expect(space.families).toEqual(['logreg-lbfgs', 'mlp']);
    const log: RunRequest[] = [];
    const outcome = await runSearch(
      { rows, label: (r) => r % 3, space, budget: { kind: 'trials', count: 3 }, folds: 3, seed: 2 },
      fakeTrainer((r) => r % 3, undefined, log),
    );
    const grid = outcome.trials.filter((t) => t.settings.family === 'logreg-lbfgs');
    expect(grid.map((t) => t.settings.c)).toEqual(space.logregCs);
    expect(grid.map((t) => t.id)).toEqual(space.logregCs.map((_, i) => i + 1));
    expect(outcome.trials.filter((t) => t.settings.family !== 'logreg-lbfgs')).toHaveLength(3);
    // One run per fold per C (no halving rungs for an exact solve).
    // Three deals of the 3 folds (GRID_CV_REPEATS), the first being the folds the MLPs are scored on.
    expect(log.filter((r) => r.settings.family === 'logreg-lbfgs')).toHaveLength(3 * GRID_CV_REPEATS * space.logregCs.length);
    const folds = new Set(log.filter((r) => r.settings.family === 'logreg-lbfgs').map((r) => r.validation.join()));
    expect(folds.size).toBe(3 * GRID_CV_REPEATS);
    const mlpFolds = new Set(log.filter((r) => r.settings.family === 'mlp').map((r) => r.validation.join()));
    expect(mlpFolds).toEqual(new Set(log.filter((r) => r.settings.family === 'logreg-lbfgs' && r.fold < 3).map((r) => r.validation.join())));
  });
});
