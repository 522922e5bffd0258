import { describe, expect, it } from 'vitest';
import { evaluateRegression } from '../train/task-definitions';
import { isMoneyLikeTarget, priceFromRegression } from './price-from-model';

describe('isMoneyLikeTarget', () => {
  it('recognises money-like column names, case-insensitively', () => {
    for (const name of ['price', 'SalePrice', 'total_revenue', 'Order Value', 'amount_€', 'spend ($)', 'MonthlyIncome', 'avg_order', '房价']) {
      expect(isMoneyLikeTarget(name), name).toBe(true);
    }
  });
  it('leaves other targets alone', () => {
    for (const name of ['age', 'temperature', 'petal_length', 'rating', 'tenure_months']) expect(isMoneyLikeTarget(name), name).toBe(false);
  });
});

describe('priceFromRegression', () => {
  it('uses the stored mean over every test row, with the interval as low/high', () => {
    const r = priceFromRegression({ target: 'price', predicted: [10, 20], testPredictionMean: 42.3456, testRows: 89, interval: { level: 0.9, lower: -12.5, upper: 17.25 } });
    expect(r).toMatchObject({ moneyLike: true, rows: 89, basis: 'all', priceText: '42.35' });
    expect(r?.mean).toBeCloseTo(42.3456, 12);
    expect(r?.scenario).toEqual({ level: 0.9, lowText: '29.85', highText: '59.6' });
  });

  it('falls back to the charted predictions and says whether they are all test rows', () => {
    const all = priceFromRegression({ target: 'age', predicted: [10, 20, 33], testRows: 3 });
    expect(all).toMatchObject({ moneyLike: false, mean: 21, rows: 3, basis: 'all', priceText: '21', scenario: null });
    const sample = priceFromRegression({ target: 'cost', predicted: [1, 2, 3, 4], testRows: 4000 });
    expect(sample).toMatchObject({ rows: 4, basis: 'sample', priceText: '2.5' });
  });

  it('clamps a negative low price at 0 and refuses unusable means', () => {
    const r = priceFromRegression({ target: 'amount', predicted: [5], testRows: 1, interval: { level: 0.9, lower: -8, upper: 3 } });
    expect(r?.scenario).toEqual({ level: 0.9, lowText: '0', highText: '8' });
    expect(priceFromRegression({ target: 'amount', predicted: [], testRows: 0 })).toBeNull();
    expect(priceFromRegression({ target: 'amount', predicted: [-5, -1], testRows: 2 })).toBeNull();
  });

  it('agrees with what the training job stores (evaluateRegression over 2,500 test rows)', () => {
    const n = 2500;
    const actual = Float64Array.from({ length: n }, (_, i) => 50 + (i % 100));
    const predicted = Float32Array.from(actual, (y, i) => y + (i % 2 === 0 ? 1 : -3));
    const validation = { actual: Float64Array.from({ length: 100 }, (_, i) => i), predicted: Float32Array.from({ length: 100 }, (_, i) => i - ((i % 10) - 4.5)) };
    const { details } = evaluateRegression(predicted, actual, { mean: 99.5, std: 28.87, min: 50, max: 149 }, validation, 'revenue', 'mse');
    expect(details.predicted).toHaveLength(2000);
    // Mean actual is 99.5; predictions are +1 / −3 alternately, so −1 on average.
    expect(details.testPredictionMean).toBeCloseTo(98.5, 4);
    const r = priceFromRegression({ ...details, testRows: n });
    expect(r).toMatchObject({ rows: 2500, basis: 'all', priceText: '98.5' });
    expect(r?.scenario?.level).toBe(0.9);
    expect(Number(r?.scenario?.lowText)).toBeLessThan(98.5);
    expect(Number(r?.scenario?.highText)).toBeGreaterThan(98.5);
  });
});
