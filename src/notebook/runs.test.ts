import type { ClassificationReport } from '../evaluate';
import { describe, expect, it } from 'vitest';
import { currentDocument } from './test-utils/fixtures';
import { validateNotebook } from './validate';
import { addRun, dataFingerprint, metricDeltas, runFromResult, settingsDiff, withoutCurves, MAX_RUNS, type RunRecord } from './runs';
import type { SearchReport } from '../search/calls';
import type { TrainingResult } from '../train/result';

function fixtureResult(): TrainingResult {
  const doc = currentDocument();
  if (!doc.results) throw new Error('the fixture has results');
  return doc.results;
}

const report: SearchReport = {
  budget: { kind: 'trials', count: 2 },
  validation: { method: 'k-fold', folds: 5, rows: 455 },
  trials: [
    {
      id: 1,
      settings: { family: 'logreg', hidden: [], learningRate: 0.01, l2: 0.002, dropout: 0, batchSize: 32, epochs: 150, patience: 20 },
      rung: 0,
      epochs: 17,
      validation: { metric: 'accuracy', mean: 0.95, std: 0.02, loss: 0.12, folds: 5 },
      bestEpoch: 17,
      seconds: 1.5,
    },
    {
      id: 2,
      settings: { family: 'mlp', hidden: [32], learningRate: 0.004, l2: 0, dropout: 0.2, batchSize: 16, epochs: 150, patience: 20 },
      rung: 1,
      epochs: 150,
      validation: { metric: 'accuracy', mean: 0.97, std: 0.01, loss: 0.09, folds: 5 },
      bestEpoch: 61,
      seconds: 4,
    },
  ],
  best: { id: 2, settings: { family: 'mlp', hidden: [32], learningRate: 0.004, l2: 0, dropout: 0.2, batchSize: 16, epochs: 150, patience: 20 }, epochs: 61 },
  stoppedBy: 'budget',
  searchSeconds: 5.5,
  finalFitSeconds: 0.7,
  seconds: 6.4,
  seed: 42,
};

describe('runs (experiments)', () => {
  it('records a run from a result: metrics, curves, fingerprint; a search run keeps its leaderboard', () => {
    const result = fixtureResult();
    const run = runFromResult(result, { id: 'run-1' });
    expect(run.kind).toBe('train');
    expect(run.metrics.accuracy).toBe((result.metrics as ClassificationReport).accuracy);
    expect(run.curves?.loss).toHaveLength(result.training.history.length);
    expect(run.fingerprint).toBe(dataFingerprint(result));
    expect(dataFingerprint({ ...result, prepare: { ...result.prepare, seed: result.prepare.seed + 1 } })).not.toBe(run.fingerprint);
    const searched = runFromResult({ ...result, search: report }, { id: 'run-2' });
    expect(searched.kind).toBe('search');
    expect(searched.search?.trials).toHaveLength(2);
    const retrained = runFromResult({ ...result, search: { ...report, stoppedBy: 'retrain' } }, { id: 'run-3' });
    expect(retrained.kind).toBe('retrain');
    expect(retrained.search?.trials).toHaveLength(0);
  });

  it('survives validation (a document with runs round-trips; a bad run is rejected with its path)', () => {
    const doc = currentDocument();
    const result = fixtureResult();
    const runs = [runFromResult(result, { id: 'run-1' }), runFromResult({ ...result, search: report }, { id: 'run-2' })];
    const checked = validateNotebook(JSON.parse(JSON.stringify({ ...doc, runs })));
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.value.runs).toEqual(runs);
    const old = validateNotebook(JSON.parse(JSON.stringify(doc)));
    expect(old.ok && old.value.runs).toBeUndefined();
    const bad = validateNotebook(JSON.parse(JSON.stringify({ ...doc, runs: [{ ...runs[0], metrics: { accuracy: 'high' } }] })));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('runs[0].metrics');
  });

  it('keeps an exact logistic regression search (family logreg-lbfgs, C, solver) through validation; a C outside the range is rejected', () => {
    const doc = currentDocument();
    const result = fixtureResult();
    const settings = { family: 'logreg-lbfgs' as const, hidden: [], learningRate: 0.01, l2: 0, dropout: 0, batchSize: 32, epochs: 1, patience: 1, c: 3.16 };
    const exact: SearchReport = {
      ...report,
      // A grid trial scored on repeated folds (round 5) keeps its repeats and first-deal scores.
      trials: [
        ...report.trials,
        {
          ...report.trials[0],
          id: 3,
          settings,
          epochs: 1,
          bestEpoch: 1,
          validation: { ...report.trials[0].validation, folds: 9, repeats: 3, searchFolds: { mean: 0.95, std: 0.02, loss: 0.2, folds: 3 } },
        },
      ],
      best: { id: 3, settings, epochs: 1, rule: 'grid-best-then-one-standard-error' },
    };
    const model = { kind: 'logreg' as const, l2: 0, solver: 'lbfgs' as const, c: 3.16 };
    const runs = [runFromResult({ ...result, model, search: exact }, { id: 'run-1' })];
    const checked = validateNotebook(JSON.parse(JSON.stringify({ ...doc, runs, model: { ...doc.model, logreg: model } })));
    expect(checked.ok).toBe(true);
    if (checked.ok) {
      expect(checked.value.runs).toEqual(runs);
      expect(checked.value.model.logreg).toEqual(model);
    }
    const tooLarge = validateNotebook(JSON.parse(JSON.stringify({ ...doc, model: { ...doc.model, logreg: { ...model, c: 1e9 } } })));
    expect(tooLarge.ok).toBe(false);
    if (!tooLarge.ok) expect(tooLarge.message).toContain('model.logreg.c');
  });

  it('caps: curves go before metrics (oldest first), then leaderboards, then whole runs, and says what was dropped', () => {
    const result = fixtureResult();
    let runs: RunRecord[] = [];
    const one = JSON.stringify(runFromResult({ ...result, search: report }, { id: 'x' })).length;
    const noCurves = JSON.stringify(withoutCurves([runFromResult({ ...result, search: report }, { id: 'x' })])[0]).length;
    const cap = one * 3 + noCurves * 2 + 60;
    let dropped: string[] = [];
    for (let i = 0; i < 5; i++) ({ runs, dropped } = addRun(runs, runFromResult({ ...result, search: report }, { id: `run-${i}` }), cap));
    expect(JSON.stringify(runs).length).toBeLessThanOrEqual(cap);
    expect(runs.map((r) => r.id)).toContain('run-4');
    expect(runs[runs.length - 1].curves).toBeDefined();
    expect(runs[0].curves).toBeUndefined();
    expect(runs[1].curves).toBeUndefined();
    expect(runs[2].curves).toBeDefined();
    expect(runs[0].dropped).toContain('curves');
    expect(runs.every((r) => r.metrics.accuracy === (result.metrics as ClassificationReport).accuracy)).toBe(true);
    expect(dropped.join(' ')).toContain('curves');
    // Count cap.
    let many: RunRecord[] = [];
    for (let i = 0; i < MAX_RUNS + 3; i++) many = addRun(many, { ...runFromResult(result, { id: `r${i}` }), curves: undefined }, Infinity).runs;
    expect(many).toHaveLength(MAX_RUNS);
    expect(many[0].id).toBe('r3');
  });

  it('compare: settings diff lists only what differs; metric deltas are against the first run', () => {
    const result = fixtureResult();
    const a = runFromResult(result, { id: 'a' });
    const b = runFromResult(
      { ...result, settings: { ...result.settings, learningRate: 0.5 }, metrics: { ...(result.metrics as ClassificationReport), accuracy: (result.metrics as ClassificationReport).accuracy - 0.1 } },
      { id: 'b' },
    );
    const diff = settingsDiff([a, b]);
    expect(diff).toEqual([{ setting: 'learningRate', values: [String(result.settings.learningRate), '0.5'] }]);
    const deltas = metricDeltas([a, b]);
    const accuracy = deltas.find((d) => d.metric === 'accuracy');
    expect(accuracy?.deltas[0]).toBe(0);
    expect(accuracy?.deltas[1]).toBeCloseTo(-0.1);
  });
});
