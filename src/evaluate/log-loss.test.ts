import { describe, expect, it } from 'vitest';
import { FLOAT32_EPSILON, logLoss } from './log-loss';

describe('logLoss', () => {
  it('matches the sklearn docstring example', () => {
    // log_loss(["spam","ham","ham","spam"], [[.1,.9],[.9,.1],[.8,.2],[.35,.65]]); ham = 0, spam = 1
    expect(logLoss([1, 0, 0, 1], [0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65], 2)).toBe(0.21616187468057912);
  });
  it('clips 0/1 with the float64 epsilon for plain numbers', () => {
    expect(logLoss([0], [0, 1], 2)).toBeCloseTo(-Math.log(Number.EPSILON), 12);
    // sklearn gives 2.2204460492503136e-16 for a perfect one-hot prediction: -log(1 - eps).
    expect(logLoss([1], [0, 1], 2)).toBe(2.2204460492503136e-16);
  });
  it('clips with the float32 epsilon for a Float32Array (sklearn 1.2 eps="auto")', () => {
    // sklearn: log_loss([0, 1], np.array([[1, 0], [1, 0]], dtype=np.float32)) == 7.9711926360440195
    const loss = logLoss([0, 1], Float32Array.of(1, 0, 1, 0), 2);
    // Row 1 scores the true class at eps, row 0 at 1 - eps.
    expect(loss).toBeCloseTo(-(Math.log(FLOAT32_EPSILON) + Math.log(1 - FLOAT32_EPSILON)) / 2, 12);
    expect(Math.abs(loss - 7.9711926360440195)).toBeLessThan(1e-6);
  });
  it('renormalises rows after clipping', () => {
    // [0.2, 0.2] is not a distribution; sklearn scores it as [0.5, 0.5].
    expect(logLoss([0], [0.2, 0.2], 2)).toBeCloseTo(Math.log(2), 15);
  });
  it('rejects bad shapes and values', () => {
    expect(() => logLoss([0], [1], 1)).toThrow(/at least 2 classes/);
    expect(() => logLoss([0], [0.5, 0.5, 0], 2)).toThrow(/expected 1 × 2/);
    expect(() => logLoss([2], [0.5, 0.5], 2)).toThrow(RangeError);
    expect(() => logLoss([0], [NaN, 0.5], 2)).toThrow(/not finite/);
    expect(() => logLoss([], [], 2)).toThrow(/at least one sample/);
  });
});
