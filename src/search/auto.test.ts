import { describe, expect, it } from 'vitest';
import { defaultTrials, gridTrials } from './sampler';
import { autoSearchSettings } from './search-job';
import { searchSpaceFor } from './space';

describe('auto: the default budget by table size', () => {
  it('is 4 trials with 3-fold CV up to 2,000 rows, then a holdout with 4 and 3 trials', () => {
    expect(autoSearchSettings(120)).toEqual({ budget: { kind: 'trials', count: 4 }, folds: 3 });
    expect(autoSearchSettings(2000)).toEqual({ budget: { kind: 'trials', count: 4 }, folds: 3 });
    expect(autoSearchSettings(2001)).toEqual({ budget: { kind: 'trials', count: 4 }, folds: 'holdout' });
    expect(autoSearchSettings(5000)).toEqual({ budget: { kind: 'trials', count: 4 }, folds: 'holdout' });
    expect(autoSearchSettings(5001)).toEqual({ budget: { kind: 'trials', count: 3 }, folds: 'holdout' });
  });
  it('always includes what the old auto compared (a logistic regression and the MLP default), within every budget', () => {
    for (const rows of [120, 2000, 8000]) {
      const { budget } = autoSearchSettings(rows);
      const space = searchSpaceFor({ rows, inputs: 10, classes: 3 });
      const first = defaultTrials(space);
      // Tables the exact solver takes search the logistic regression over a C grid (outside the trial budget).
      expect(first.map((t) => t.family)).toEqual(['mlp']);
      expect(gridTrials(space).map((t) => t.c)).toEqual([0.001, 0.00316, 0.01, 0.0316, 0.1, 0.316, 1, 3.16, 10, 31.6, 100, 316, 1000]);
      expect(budget.kind === 'trials' && budget.count).toBeGreaterThanOrEqual(first.length);
    }
    // Above the solver's rows × inputs cap (limits.json), the mini-batch logistic regression default again.
    const wide = searchSpaceFor({ rows: 2000, inputs: 1000, classes: 3 });
    expect(defaultTrials(wide).map((t) => t.family)).toEqual(['logreg', 'mlp']);
    expect(gridTrials(wide)).toEqual([]);
  });
});
