import { describe, expect, it } from 'vitest';
import { Issues } from './parsers';
import { regressionDetails } from './sections';

const older = { target: 'price', loss: 'mse', actual: [10, 20], predicted: [12, 18], interval: { level: 0.9, lower: -3, upper: 4 } };

describe('regressionDetails (notebook schema)', () => {
  it('keeps documents from before testPredictionMean valid', () => {
    const issues = new Issues();
    expect(regressionDetails(older, 'results.regression', issues)).toEqual(older);
    expect(issues.errors).toEqual([]);
  });

  it('reads testPredictionMean and rejects a non-number', () => {
    const issues = new Issues();
    expect(regressionDetails({ ...older, testPredictionMean: 15.25 }, 'r', issues)).toMatchObject({ testPredictionMean: 15.25 });
    expect(issues.errors).toEqual([]);
    const bad = new Issues();
    regressionDetails({ ...older, testPredictionMean: 'lots' }, 'r', bad);
    expect(bad.errors.join('\n')).toMatch(/testPredictionMean/);
  });
});
