/**
 * Regression metrics with scikit-learn's definitions (sklearn.metrics.mean_absolute_error,
 * mean_squared_error, r2_score, mean_absolute_percentage_error, median_absolute_error), computed
 * in float64. Parity fixture: src/evaluate/fixtures/sklearn-regression-metrics.json.
 */

export interface RegressionMetrics {
  /** Test rows evaluated. */
  count: number;
  mae: number;
  mse: number;
  rmse: number;
  /** 1 − SS_res / SS_tot; sklearn's conventions when SS_tot = 0 (1 if perfect, else 0). */
  r2: number;
  /** Mean |y − ŷ| / |y|, as a fraction (sklearn's); null when the target has zeros (see mapeNote). */
  mape: number | null;
  mapeNote?: string;
  medianAbsoluteError: number;
  /** The same errors for always predicting the training mean: the baseline a model has to beat. */
  baseline: { value: number; mae: number; rmse: number; r2: number };
  /** MAE of the baseline, repeated at the top level for the runner. */
  baselineMae: number;
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return s / yTrue.length;
}

export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += (yTrue[i] - yPred[i]) ** 2;
  return s / yTrue.length;
}

export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = yTrue.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (yTrue[i] - yPred[i]) ** 2;
    ssTot += (yTrue[i] - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** sklearn's MAPE: mean(|y − ŷ| / max(|y|, eps)); we refuse instead of dividing by eps when y has zeros. */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | null {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] === 0) return null;
    s += Math.abs(yTrue[i] - yPred[i]) / Math.abs(yTrue[i]);
  }
  return s / yTrue.length;
}

export function medianAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const errors = new Float64Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) errors[i] = Math.abs(yTrue[i] - yPred[i]);
  return median(errors);
}

/** All test-split metrics plus the training-mean baseline. */
export function regressionReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, trainingMean: number): RegressionMetrics {
  if (yTrue.length !== yPred.length) throw new RangeError(`${yTrue.length} true values but ${yPred.length} predictions.`);
  if (yTrue.length === 0) throw new RangeError('No rows to evaluate.');
  const mse = meanSquaredError(yTrue, yPred);
  const mape = meanAbsolutePercentageError(yTrue, yPred);
  const base = new Float64Array(yTrue.length).fill(trainingMean);
  const baseMae = meanAbsoluteError(yTrue, base);
  return {
    count: yTrue.length,
    mae: meanAbsoluteError(yTrue, yPred),
    mse,
    rmse: Math.sqrt(mse),
    r2: r2Score(yTrue, yPred),
    mape,
    ...(mape === null ? { mapeNote: 'MAPE is left out: the target is 0 in some test rows, where a percentage error is undefined.' } : {}),
    medianAbsoluteError: medianAbsoluteError(yTrue, yPred),
    baseline: { value: trainingMean, mae: baseMae, rmse: Math.sqrt(meanSquaredError(yTrue, base)), r2: r2Score(yTrue, base) },
    baselineMae: baseMae,
  };
}

/** The q-quantile (0..1) with linear interpolation, numpy's default. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
