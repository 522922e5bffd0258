import { describe, expect, it } from 'vitest';
import { confusionMatrix, rowNormalize } from './confusion-matrix';

describe('confusionMatrix', () => {
  it('puts true classes on rows and predictions on columns (as sklearn)', () => {
    // sklearn.metrics.confusion_matrix([0,0,1,1,2,2], [0,1,1,1,0,2]) == [[1,1,0],[0,2,0],[1,0,1]]
    expect(confusionMatrix([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 0, 2], 3)).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
  });
  it('keeps rows and columns for classes that never occur', () => {
    expect(confusionMatrix([0, 0], [0, 1], 3)).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });
  it('accepts typed arrays', () => {
    expect(confusionMatrix(Int32Array.of(1, 0), Uint8Array.of(1, 1), 2)).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });
  it('rejects bad input instead of miscounting', () => {
    expect(() => confusionMatrix([0, 1], [0], 2)).toThrow(/entries/);
    expect(() => confusionMatrix([0, 2], [0, 1], 2)).toThrow(/yTrue\[1\] = 2/);
    expect(() => confusionMatrix([0, 1], [0, 0.5], 2)).toThrow(/yPred\[1\]/);
    expect(() => confusionMatrix([0, -1], [0, 0], 2)).toThrow(RangeError);
    expect(() => confusionMatrix([0, NaN], [0, 0], 2)).toThrow(RangeError);
    expect(() => confusionMatrix([], [], 0)).toThrow(/classCount/);
  });
  it('counts 1e6 predictions (timing: bench/, not here)', () => {
    const n = 1_000_000,
      k = 10;
    const yTrue = new Int32Array(n),
      yPred = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      yTrue[i] = i % k;
      yPred[i] = (i * 7) % k;
    }
    const m = confusionMatrix(yTrue, yPred, k);
    expect(m.flat().reduce((a, b) => a + b, 0)).toBe(n);
    // Every true class i % k meets predicted class (i * 7) % k = (7 * (i % k)) % k, n / k times.
    for (let c = 0; c < k; c++) expect(m[c][(7 * c) % k]).toBe(n / k);
  });
});

describe('rowNormalize', () => {
  it('divides each row by its total', () => {
    expect(
      rowNormalize([
        [1, 3],
        [2, 2],
      ]),
    ).toEqual([
      [0.25, 0.75],
      [0.5, 0.5],
    ]);
  });
  it('leaves a row with no support at 0 instead of NaN', () => {
    const out = rowNormalize([
      [0, 0, 0],
      [1, 0, 1],
    ]);
    expect(out).toEqual([
      [0, 0, 0],
      [0.5, 0, 0.5],
    ]);
    expect(out.flat().some(Number.isNaN)).toBe(false);
  });
});
