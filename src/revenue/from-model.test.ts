import { describe, expect, it } from 'vitest';
import { classMetricsFromConfusion, customersFromModel, defaultPositiveClass, modelTieIn, validateConfusionMatrix } from './from-model';
import { defaultRevenueInputs, parseRevenueInputs } from './inputs';
import type { ConfusionMatrix } from './types';

const binary: ConfusionMatrix = {
  labels: ['no', 'yes'],
  matrix: [
    [50, 10],
    [20, 120],
  ],
};

function value<T>(r: { ok: true; value: T } | { ok: false; errors: { message: string }[] }): T {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

describe('customersFromModel', () => {
  it('TP = predicted × precision, missed = TP(1/recall − 1), N = TP × conversion × scale', () => {
    const r = value(customersFromModel({ predictedPositives: 200, precision: 0.75, recall: 0.6, conversionRate: 0.1 }));
    expect(r.expectedTruePositives).toBe(150);
    expect(r.expectedMissedPositives).toBeCloseTo(100, 10);
    expect(r.customers).toBeCloseTo(15, 10);
    expect(r.explanation).toContain('flags 200 cases');
    expect(r.explanation).toContain('about 150 of them');
    expect(r.explanation).toContain('about 100 more');
    expect(r.explanation).toContain('N ≈ 15');
    const scaled = value(customersFromModel({ predictedPositives: 200, precision: 0.75, recall: 0.6, conversionRate: 0.1, populationScale: 10 }));
    expect(scaled.customers).toBeCloseTo(150, 10);
    expect(scaled.explanation).toContain('population scale of 10');
  });

  it('cannot estimate missed positives when recall is 0', () => {
    const r = value(customersFromModel({ predictedPositives: 10, precision: 0, recall: 0, conversionRate: 0.5 }));
    expect(r.expectedMissedPositives).toBeNull();
    expect(r.customers).toBe(0);
    expect(r.explanation).toMatch(/cannot be estimated/);
  });

  it('rejects out-of-range and non-finite numbers', () => {
    const bad = customersFromModel({ predictedPositives: -1, precision: 1.5, recall: Number.NaN, conversionRate: 2, populationScale: 0 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(['predictedPositives', 'precision', 'recall', 'conversionRate', 'populationScale']);
    const huge = customersFromModel({ predictedPositives: 1e300, precision: 1, recall: 1, conversionRate: 1, populationScale: 1e300 });
    expect(huge.ok).toBe(false);
  });
});

describe('classMetricsFromConfusion (rows = true, columns = predicted)', () => {
  it('computes precision from the column and recall from the row', () => {
    const yes = value(classMetricsFromConfusion(binary, 'yes'));
    expect(yes).toMatchObject({ truePositives: 120, predictedPositives: 130, actualPositives: 140, total: 200 });
    expect(yes.precision).toBeCloseTo(120 / 130, 12);
    expect(yes.recall).toBeCloseTo(120 / 140, 12);
    const no = value(classMetricsFromConfusion(binary, 'no'));
    expect(no).toMatchObject({ truePositives: 50, predictedPositives: 70, actualPositives: 60 });
  });

  it('handles multi-class matrices and never-predicted classes', () => {
    const cm: ConfusionMatrix = {
      labels: ['a', 'b', 'c'],
      matrix: [
        [5, 1, 0],
        [2, 7, 0],
        [3, 0, 0],
      ],
    };
    const b = value(classMetricsFromConfusion(cm, 'b'));
    expect([b.truePositives, b.predictedPositives, b.actualPositives]).toEqual([7, 8, 9]);
    const c = value(classMetricsFromConfusion(cm, 'c'));
    expect([c.precision, c.recall]).toEqual([0, 0]);
  });

  it('rejects unknown classes and malformed matrices', () => {
    expect(classMetricsFromConfusion(binary, 'maybe').ok).toBe(false);
    expect(validateConfusionMatrix({ labels: ['a', 'b'], matrix: [[1, 2]] })[0].message).toMatch(/2 × 2/);
    expect(
      validateConfusionMatrix({
        labels: ['a', 'a'],
        matrix: [
          [1, 2],
          [3, 4],
        ],
      })[0].message,
    ).toMatch(/unique/);
    expect(
      validateConfusionMatrix({
        labels: ['a', 'b'],
        matrix: [
          [1, -2],
          [3, 4],
        ],
      })[0].message,
    ).toMatch(/0 or more/);
    expect(
      validateConfusionMatrix({
        labels: ['a', 'b'],
        matrix: [
          [1, Number.NaN],
          [3, 4],
        ],
      }),
    ).toHaveLength(1);
    expect(validateConfusionMatrix({ labels: ['a'], matrix: [[1]] })[0].message).toMatch(/two classes/);
  });
});

describe('modelTieIn', () => {
  it('defaults to the second class of a binary model and turns percent conversion into N', () => {
    expect(defaultPositiveClass(['0', '1'])).toBe('1');
    expect(defaultPositiveClass(['a', 'b', 'c'])).toBe('a');
    const t = value(modelTieIn(binary, { classLabel: '', conversionRate: '10', populationScale: '' }));
    expect(t.classLabel).toBe('yes');
    // 130 predicted × (120/130) precision = 120 TP; × 10% = 12
    expect(t.result.customers).toBeCloseTo(12, 10);
    expect(t.customersText).toBe('12');
    const inputs = { ...defaultRevenueInputs(), customers: t.customersText };
    expect(parseRevenueInputs(inputs).ok).toBe(true);
  });

  it('rounds N to 2 decimals for the input and reports bad rates', () => {
    const t = value(modelTieIn(binary, { classLabel: 'no', conversionRate: '3.3%', populationScale: '7' }));
    // 50 TP × 3.3% × 7 = 11.55
    expect(t.customersText).toBe('11.55');
    const bad = modelTieIn(binary, { classLabel: 'yes', conversionRate: '150', populationScale: '0' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(['conversionRate', 'populationScale']);
  });
});
