import { describe, expect, it } from 'vitest';
import { defaultTrials } from './sampler';
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
  it('always includes what the old auto compared (the logistic regression and MLP defaults), within every budget', () => {
    for (const rows of [120, 2000, 8000]) {
      const { budget } = autoSearchSettings(rows);
      const first = defaultTrials(searchSpaceFor({ rows, inputs: 10, classes: 3 }));
      expect(first.map((t) => t.family)).toEqual(['logreg', 'mlp']);
      expect(budget.kind === 'trials' && budget.count).toBeGreaterThanOrEqual(first.length);
    }
  });
});
