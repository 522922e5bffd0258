import { describe, expect, it } from 'vitest';
import fixture from './fixtures/sklearn-regression.json';
import { quantile, regressionReport } from './regression-metrics';
import { fitLeastSquares } from '../models/least-squares';
import { maxOf } from '../lib/arrays';

const close = (actual: number, expected: number, rel = 1e-9) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

describe('regression metrics = scikit-learn', () => {
  for (const c of fixture.metrics) {
    it(c.name, () => {
      const m = regressionReport(c.yTrue, c.yPred, c.trainingMean);
      close(m.mae, c.mae);
      close(m.mse, c.mse);
      close(m.rmse, c.rmse);
      close(m.r2, c.r2);
      close(m.medianAbsoluteError, c.medianAbsoluteError);
      close(m.baselineMae, c.baselineMae);
      close(m.baseline.r2, c.baselineR2);
      if (c.mape === null) {
        expect(m.mape).toBeNull();
        expect(m.mapeNote).toMatch(/0 in some test rows/);
      } else close(m.mape as number, c.mape);
    });
  }
  it('quantile interpolates like numpy', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([5, 1, 3], 0.9)).toBeCloseTo(4.6, 12);
  });
  it('refuses mismatched lengths', () => {
    expect(() => regressionReport([1, 2], [1], 0)).toThrow(/2 true values but 1/);
  });
});

describe('closed-form least squares = LinearRegression / Ridge (1e-4 relative)', () => {
  for (const c of fixture.leastSquares) {
    for (const fit of c.fits) {
      it(`${c.name}, alpha ${fit.alpha}`, () => {
        const rows = Int32Array.from({ length: c.rows }, (_, i) => i);
        const ours = fitLeastSquares(c.x, c.columns, c.y, rows, fit.alpha);
        const scale = maxOf(fit.coef.map(Math.abs));
        fit.coef.forEach((w, j) => expect(Math.abs(ours.weights[j] - w)).toBeLessThanOrEqual(1e-4 * Math.max(Math.abs(w), scale * 1e-3)));
        expect(Math.abs(ours.intercept - fit.intercept)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(fit.intercept)));
      });
    }
  }
  it('gives a constant column weight 0 and fits the rest', () => {
    const x = [1, 5, 2, 5, 3, 5, 4, 5];
    const y = [3, 5, 7, 9];
    const fit = fitLeastSquares(x, 2, y, [0, 1, 2, 3]);
    expect(fit.weights[0]).toBeCloseTo(2, 12);
    expect(fit.weights[1]).toBe(0);
    expect(fit.intercept).toBeCloseTo(1, 12);
  });
});
