import { describe, expect, it } from 'vitest';
import { classificationReport } from './classification-report';

describe('classificationReport', () => {
  it('computes a hand-checkable 3-class case', () => {
    // confusion [[1,1,0],[0,2,0],[1,0,1]]
    const r = classificationReport({ yTrue: [0, 0, 1, 1, 2, 2], yPred: [0, 1, 1, 1, 0, 2], labels: ['a', 'b', 'c'] });
    expect(r.confusionMatrix).toEqual({
      labels: ['a', 'b', 'c'],
      matrix: [
        [1, 1, 0],
        [0, 2, 0],
        [1, 0, 1],
      ],
    });
    expect(r.accuracy).toBe(4 / 6);
    expect(r.perClass.a).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(r.perClass.b.precision).toBe(2 / 3);
    expect(r.perClass.b.recall).toBe(1);
    expect(r.perClass.b.f1).toBeCloseTo(0.8, 15);
    expect(r.perClass.c).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    // macro F1 is the mean of per-class F1, not the F1 of mean precision and recall.
    expect(r.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 15);
    expect(r.macro.support).toBe(6);
    // Equal supports: weighted == macro.
    expect(r.weightedF1).toBeCloseTo(r.macroF1, 15);
    expect(r.weighted.support).toBe(6);
    expect(r.logLoss).toBeUndefined();
    expect(r.roc).toBeUndefined();
  });

  it('scores 0/0 as 0 and averages over zero-support labels (sklearn zero_division=0, labels=)', () => {
    // 'b' is never predicted; 'c' is neither present nor predicted.
    const r = classificationReport({ yTrue: [0, 0, 1], yPred: [0, 0, 0], labels: ['a', 'b', 'c'] });
    expect(r.perClass.a).toEqual({ precision: 2 / 3, recall: 1, f1: 0.8, support: 2 });
    expect(r.perClass.b).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.perClass.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(r.macro.precision).toBeCloseTo(2 / 9, 15);
    expect(r.macro.recall).toBeCloseTo(1 / 3, 15);
    expect(r.weighted.recall).toBeCloseTo(2 / 3, 15);
    const all = [r.accuracy, r.macroF1, r.weightedF1, ...Object.values(r.perClass).flatMap((m) => Object.values(m))];
    expect(all.some(Number.isNaN)).toBe(false);
  });

  it('keeps hostile labels as own data properties', () => {
    const labels = ['__proto__', 'constructor', 'toString'];
    const r = classificationReport({ yTrue: [0, 1, 2, 0], yPred: [0, 1, 2, 1], labels });
    expect(Object.keys(r.perClass)).toEqual(labels);
    for (const label of labels) {
      expect(Object.prototype.hasOwnProperty.call(r.perClass, label)).toBe(true);
      expect(typeof r.perClass[label].f1).toBe('number');
    }
    const [proto, ctor] = labels; // typed as string: TS types `.constructor` on a Record as Function
    expect(r.perClass[proto].support).toBe(2);
    expect(r.perClass[ctor].recall).toBe(1);
    expect(Object.getPrototypeOf(r.perClass)).toBeNull(); // no inherited keys such as 'hasOwnProperty'
    expect('hasOwnProperty' in r.perClass).toBe(false);
    const roundTrip = JSON.parse(JSON.stringify(r.perClass)) as Record<string, unknown>;
    expect(Object.keys(roundTrip)).toEqual(labels);
    expect(({} as Record<string, unknown>).support).toBeUndefined(); // Object.prototype was not polluted
  });

  it('adds binary ROC with labels[1] as the positive class', () => {
    const probabilities = Float64Array.of(0.9, 0.1, 0.6, 0.4, 0.35, 0.65, 0.2, 0.8);
    const r = classificationReport({ yTrue: [0, 0, 1, 1], yPred: [0, 0, 1, 1], labels: ['neg', 'pos'], probabilities });
    expect(r.rocAuc).toBe(1);
    expect(r.roc?.thresholds).toEqual([Infinity, 0.8, 0.65, 0.1]);
    expect(r.rocAucMacroOvr).toBeUndefined();
    expect(r.logLoss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.6) + Math.log(0.65) + Math.log(0.8)) / 4, 15);
  });

  it('omits ROC where sklearn refuses it, but keeps log loss', () => {
    const single = classificationReport({
      yTrue: [1, 1],
      yPred: [1, 0],
      labels: ['neg', 'pos'],
      probabilities: Float64Array.of(0.2, 0.8, 0.6, 0.4),
    });
    expect(single.roc).toBeUndefined();
    expect(single.rocAuc).toBeUndefined();
    expect(single.logLoss).toBeGreaterThan(0);

    const base = { yTrue: [0, 1, 2], yPred: [0, 1, 2], labels: ['a', 'b', 'c'] };
    const ok = classificationReport({ ...base, probabilities: Float64Array.of(0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8) });
    expect(ok.rocAucMacroOvr).toBe(1);
    // Rows that are not probabilities: sklearn raises for multiclass AUC.
    const notProbabilities = classificationReport({ ...base, probabilities: Float64Array.of(3, 1, 1, 1, 3, 1, 1, 1, 3) });
    expect(notProbabilities.rocAucMacroOvr).toBeUndefined();
    // A label with no samples has no one-vs-rest AUC.
    const missing = classificationReport({
      yTrue: [0, 1, 0],
      yPred: [0, 1, 2],
      labels: ['a', 'b', 'c'],
      probabilities: Float64Array.of(0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8),
    });
    expect(missing.rocAucMacroOvr).toBeUndefined();
  });

  it('validates its input', () => {
    expect(() => classificationReport({ yTrue: [0], yPred: [0], labels: ['a', 'a'] })).toThrow(/unique/);
    expect(() => classificationReport({ yTrue: [], yPred: [], labels: ['a', 'b'] })).toThrow(/at least one sample/);
    expect(() => classificationReport({ yTrue: [0, 1], yPred: [0], labels: ['a', 'b'] })).toThrow(RangeError);
    expect(() => classificationReport({ yTrue: [0, 2], yPred: [0, 1], labels: ['a', 'b'] })).toThrow(/yTrue\[1\]/);
    expect(() =>
      classificationReport({
        yTrue: [0, 1],
        yPred: [0, 1],
        labels: ['a', 'b'],
        probabilities: Float64Array.of(1, 0, 0),
      }),
    ).toThrow(/expected 2 × 2/);
  });

  it('reports on 1e6 predictions with probabilities in about a second at most', () => {
    const n = 1_000_000,
      k = 4;
    const yTrue = new Int32Array(n),
      yPred = new Int32Array(n),
      probabilities = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      yTrue[i] = i % k;
      yPred[i] = (i * 7) % 10 < 7 ? yTrue[i] : (i * 3) % k;
      for (let c = 0; c < k; c++) probabilities[i * k + c] = c === yPred[i] ? 0.7 : 0.1;
    }
    const r = classificationReport({ yTrue, yPred, labels: ['a', 'b', 'c', 'd'], probabilities });
    expect(r.macro.support).toBe(n);
    expect(r.rocAucMacroOvr).toBeGreaterThan(0.5);
  });
});
