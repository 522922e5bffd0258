import { describe, expect, it } from 'vitest';
import fixture from './fixtures/sklearn-logistic.json' with { type: 'json' };
import { fitLogisticLbfgs, fullBatchFits, logisticProbabilities, penaltyForC } from './logistic-lbfgs';
import { FULL_BATCH_LOGREG } from '../settings/limits';

function worstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

// Reference numbers written by scripts/parity/make-logistic-fixture.py (scikit-learn LogisticRegression, lbfgs, tol 1e-12).
describe('fitLogisticLbfgs against scikit-learn', () => {
  for (const c of fixture.cases) {
    const n = c.y.length;
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    for (const ref of c.fits) {
      it(`${c.name} (${n} rows, ${c.p} features, ${c.classes} classes), C = ${ref.C}`, async () => {
        const alpha = penaltyForC(ref.C, n, c.classes);
        const fit = await fitLogisticLbfgs(c.x, c.p, c.y, c.classes, rows, { alpha });
        expect(fit.converged).toBe(true);
        // At least as low an objective as scikit-learn's own solution (its L-BFGS stops on a relative change).
        expect(fit.objective).toBeLessThanOrEqual(ref.objective + 1e-12);
        const probabilities = logisticProbabilities(fit, c.x, c.p, rows);
        expect(worstDifference(probabilities, ref.probabilities)).toBeLessThan(1e-4);
        // Coefficients: the softmax is unchanged by a common shift of every class, which the L2 penalty fixes for
        // the weights (columns sum to 0) and starting from zeros fixes for the intercepts: both compare as numbers.
        let scale = 1;
        for (const w of ref.coef) scale = Math.max(scale, Math.abs(w));
        expect(worstDifference(fit.weights, ref.coef) / scale).toBeLessThan(1e-3);
        expect(worstDifference(fit.intercepts, ref.intercept) / scale).toBeLessThan(1e-3);
        let correct = 0;
        for (let i = 0; i < n; i++) {
          let arg = 0;
          for (let k = 1; k < c.classes; k++) if (probabilities[i * c.classes + k] > probabilities[i * c.classes + arg]) arg = k;
          if (arg === c.y[i]) correct++;
        }
        expect(correct / n).toBeCloseTo(ref.accuracy, 10);
        // Solved tighter, it reaches the Newton-polished optimum of the same objective.
        const tight = await fitLogisticLbfgs(c.x, c.p, c.y, c.classes, rows, { alpha, tolerance: 1e-10 });
        expect(tight.objective).toBeCloseTo(ref.exactObjective, 13);
        expect(worstDifference(logisticProbabilities(tight, c.x, c.p, rows), ref.exactProbabilities)).toBeLessThan(5e-7);
      });
    }
  }
});

describe('fitLogisticLbfgs inputs', () => {
  const x = [0, 1, 1, 0, 2, 2, -1, 0];
  const y = [0, 1, 1, 0];
  const rows = Int32Array.from([0, 1, 2, 3]);

  it('fits only the listed rows', async () => {
    const all = await fitLogisticLbfgs(x, 2, y, 2, rows, { alpha: 0.1 });
    const three = await fitLogisticLbfgs(x, 2, y, 2, Int32Array.from([0, 1, 2]), { alpha: 0.1 });
    expect(Array.from(all.weights)).not.toEqual(Array.from(three.weights));
  });

  it('refuses labels outside the classes, empty rows and data above the cap', async () => {
    await expect(fitLogisticLbfgs(x, 2, [0, 1, 2, 0], 2, rows, { alpha: 0.1 })).rejects.toThrow(/class 2, outside 0…1/);
    await expect(fitLogisticLbfgs(x, 2, y, 2, new Int32Array(0), { alpha: 0.1 })).rejects.toThrow(/No rows/);
    await expect(fitLogisticLbfgs(x, 2, y, 2, rows, { alpha: Number.NaN })).rejects.toThrow(/penalty/);
    const wide = FULL_BATCH_LOGREG.maxCells; // one row this wide is over the cap with two rows
    expect(fullBatchFits(2, wide)).toBe(false);
    expect(fullBatchFits(1, wide)).toBe(true);
    await expect(fitLogisticLbfgs(new Float64Array(0), wide, [0, 1], 2, Int32Array.from([0, 1]), { alpha: 0.1 })).rejects.toThrow(/at most/);
  });

  it('stops when the caller says so and keeps its weights', async () => {
    let calls = 0;
    const fit = await fitLogisticLbfgs(x, 2, y, 2, rows, { alpha: 1e-6, shouldStop: () => ++calls > 2 });
    expect(fit.stoppedByCaller).toBe(true);
    expect(fit.iterations).toBe(2);
    expect(fit.weights.every(Number.isFinite)).toBe(true);
  });

  it('converts C as scikit-learn: binary fits use twice the multinomial penalty', () => {
    expect(penaltyForC(1, 100, 3)).toBeCloseTo(0.01, 15);
    expect(penaltyForC(1, 100, 2)).toBeCloseTo(0.02, 15);
    expect(() => penaltyForC(0, 100, 3)).toThrow(/positive/);
  });
});
