import { describe, expect, it } from 'vitest';
import { auc, rocCurve, rocForJson } from './roc';

describe('rocCurve', () => {
  it('gives one point per distinct score, ties moving together (sklearn roc_curve)', () => {
    // sklearn: roc_curve([0,0,1,1,0,1], [.1,.4,.35,.8,.4,.4]) -> thresholds [1.8 (1.3+: inf), .8, .4, .35, .1]
    const roc = rocCurve([0, 0, 1, 1, 0, 1], [0.1, 0.4, 0.35, 0.8, 0.4, 0.4]);
    expect(roc.thresholds).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect(roc.fpr).toEqual([0, 0, 2 / 3, 2 / 3, 1]);
    expect(roc.tpr).toEqual([0, 1 / 3, 2 / 3, 1, 1]);
    expect(auc(roc.fpr, roc.tpr)).toBeCloseTo(2 / 3, 15);
  });
  it('drops collinear points only when asked', () => {
    const y = [1, 1, 1, 0, 0, 0],
      s = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    expect(rocCurve(y, s, { dropIntermediate: true })).toEqual({
      fpr: [0, 0, 0, 1],
      tpr: [0, 1 / 3, 1, 1],
      thresholds: [Infinity, 0.9, 0.7, 0.4],
    });
    const full = rocCurve(y, s, { dropIntermediate: false });
    expect(full.thresholds).toEqual([Infinity, ...s]);
    expect(auc(full.fpr, full.tpr)).toBe(1);
  });
  it('returns NaN rates for a missing class, as sklearn does (with a warning there)', () => {
    const roc = rocCurve([1, 1], [0.2, 0.7]);
    expect(roc.tpr).toEqual([0, 0.5, 1]);
    expect(roc.fpr.every(Number.isNaN)).toBe(true);
  });
  it('rejects non-binary truth, non-finite scores and empty input', () => {
    expect(() => rocCurve([0, 2], [0.1, 0.2])).toThrow(/neither 0 nor 1/);
    expect(() => rocCurve([0, 1], [0.1, NaN])).toThrow(/not finite/);
    expect(() => rocCurve([0, 1], [0.1])).toThrow(RangeError);
    expect(() => rocCurve([], [])).toThrow(RangeError);
  });
  it('handles 1e6 scores (timing: bench/, not here)', () => {
    const n = 1_000_000,
      y = new Uint8Array(n),
      s = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 3 === 0 ? 1 : 0;
      s[i] = ((i * 7919) % 1000) / 1000;
    }
    const roc = rocCurve(y, s);
    expect(roc.fpr.at(-1)).toBe(1);
    expect(roc.tpr.at(-1)).toBe(1);
    // 1000 distinct scores: at most one point per threshold (plus the origin).
    expect(roc.fpr.length).toBeLessThanOrEqual(1001);
  });
});

describe('auc', () => {
  it('is the trapezoidal area for increasing or decreasing x', () => {
    expect(auc([0, 0.5, 1], [0, 1, 1])).toBe(0.75);
    expect(auc([1, 0.5, 0], [1, 1, 0])).toBe(0.75);
  });
  it('rejects non-monotonic x and too few points (as sklearn)', () => {
    expect(() => auc([0, 1, 0.5], [0, 1, 1])).toThrow(/neither increasing nor decreasing/);
    expect(() => auc([0], [0])).toThrow(/at least 2/);
    expect(() => auc([0, 1], [0])).toThrow(RangeError);
  });
});

describe('rocForJson', () => {
  it('replaces the leading Infinity (which JSON would turn into null) by max score + 1', () => {
    const roc = rocCurve([0, 1, 1], [0.2, 0.7, 0.9]);
    expect(JSON.parse(JSON.stringify(roc)).thresholds[0]).toBeNull();
    const json = rocForJson(roc);
    expect(json.thresholds).toEqual([1.9, 0.9, 0.7, 0.2]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(roc.thresholds[0]).toBe(Infinity); // input untouched
  });
});
