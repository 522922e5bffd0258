/**
 * Multiclass log loss as sklearn 1.2's
 * sklearn.metrics.log_loss(y_true, probabilities, labels=range(K)).
 */
import { assertClassIndices } from './confusion-matrix';
import { numpySum } from './numpy-sum';

/** Machine epsilon of float32 (numpy.finfo(np.float32).eps). */
export const FLOAT32_EPSILON = 2 ** -23;

export interface LogLossOptions {
  /**
   * Clip probabilities to [eps, 1 - eps]. Default as sklearn 1.2's eps='auto':
   * the machine epsilon of the input's dtype, so FLOAT32_EPSILON for a
   * Float32Array and Number.EPSILON otherwise.
   */
  eps?: number;
}

/**
 * Mean of -log(p[true class]) after sklearn's preprocessing: clip every
 * probability to [eps, 1 - eps], then renormalise each row to sum to 1.
 * `probabilities` is n × classCount, row-major. Arithmetic is float64 even for
 * Float32Array input (sklearn stays in float32 there, so expect ~1e-7 relative
 * differences from it in that case).
 */
export function logLoss(
  yTrue: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  classCount: number,
  { eps = probabilities instanceof Float32Array ? FLOAT32_EPSILON : Number.EPSILON }: LogLossOptions = {},
): number {
  const n = yTrue.length;
  if (!Number.isInteger(classCount) || classCount < 2) {
    // sklearn refuses fewer than two labels: the loss would be identically 0.
    throw new RangeError(`logLoss needs at least 2 classes, got ${classCount}`);
  }
  if (n === 0) throw new RangeError('logLoss needs at least one sample');
  if (probabilities.length !== n * classCount) {
    throw new RangeError(`probabilities has ${probabilities.length} entries, expected ${n} × ${classCount}`);
  }
  assertClassIndices(yTrue, classCount, 'yTrue');
  const row = new Float64Array(classCount);
  const losses = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < classCount; k++) {
      const p = probabilities[i * classCount + k];
      if (!Number.isFinite(p)) throw new RangeError(`probabilities[${i * classCount + k}] = ${p} is not finite`);
      row[k] = Math.min(Math.max(p, eps), 1 - eps);
    }
    // numpySum so the row total (and the mean below) round exactly as numpy's.
    losses[i] = -Math.log(row[yTrue[i]] / numpySum(row));
  }
  return numpySum(losses) / n;
}
