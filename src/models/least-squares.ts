/**
 * Closed-form linear regression in float64: the normal equations (XᵀX + αI)w = Xᵀy on centred data
 * (so the intercept is not penalised, as scikit-learn's LinearRegression/Ridge), solved by Cholesky.
 * α = 0 is ordinary least squares; a tiny ridge (1e-10·trace/p) keeps a rank-deficient XᵀX solvable.
 */

export interface LeastSquaresFit {
  weights: Float64Array;
  intercept: number;
}

/** Solves A x = b for symmetric positive definite A (p×p, row-major, overwritten). Returns null if not SPD. */
export function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array | null {
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    for (let k = 0; k < j; k++) d -= a[j * p + k] * a[j * p + k];
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    a[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= a[i * p + k] * a[j * p + k];
      a[i * p + j] = s / ljj;
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[i * p + k] * y[k];
    y[i] = s / a[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= a[k * p + i] * x[k];
    x[i] = s / a[i * p + i];
  }
  return x;
}

/**
 * Fits y ≈ X·w + b on the listed rows of a row-major n×p matrix. `alpha` is Ridge's α (sklearn's
 * unscaled penalty α‖w‖²); 0 = LinearRegression.
 */
export function fitLeastSquares(features: ArrayLike<number>, p: number, targets: ArrayLike<number>, rows: ArrayLike<number>, alpha = 0): LeastSquaresFit {
  const n = rows.length;
  if (n === 0) throw new RangeError('No rows to fit.');
  if (!(alpha >= 0)) throw new RangeError('alpha must be at least 0.');
  const xMean = new Float64Array(p);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    for (let j = 0; j < p; j++) xMean[j] += features[r * p + j];
    yMean += targets[r];
  }
  for (let j = 0; j < p; j++) xMean[j] /= n;
  yMean /= n;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    for (let j = 0; j < p; j++) row[j] = features[r * p + j] - xMean[j];
    const yc = targets[r] - yMean;
    for (let j = 0; j < p; j++) {
      const v = row[j];
      if (v === 0) continue;
      xty[j] += v * yc;
      for (let k = 0; k <= j; k++) xtx[j * p + k] += v * row[k];
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) xtx[k * p + j] = xtx[j * p + k];
  let trace = 0;
  for (let j = 0; j < p; j++) trace += xtx[j * p + j];
  // A column constant on the training rows (e.g. a one-hot category absent there) has a zero row:
  // give it weight 0 explicitly, as the minimum-norm solution scikit-learn returns would.
  const active: number[] = [];
  for (let j = 0; j < p; j++) if (xtx[j * p + j] > 0) active.push(j);
  const weights = new Float64Array(p);
  if (active.length > 0) {
    const q = active.length;
    const solve = (jitter: number) => {
      const a = new Float64Array(q * q);
      const b = new Float64Array(q);
      for (let s = 0; s < q; s++) {
        b[s] = xty[active[s]];
        for (let t = 0; t < q; t++) a[s * q + t] = xtx[active[s] * p + active[t]];
        a[s * q + s] += alpha + jitter;
      }
      return choleskySolve(a, b, q);
    };
    let solution = solve(0);
    // Collinear columns make XᵀX singular: add the smallest ridge that makes it solvable.
    for (let scale = 1e-12; !solution && scale <= 1e-2; scale *= 10) solution = solve(scale * Math.max(trace / q, 1e-300));
    if (!solution) throw new RangeError('The features are too collinear to fit a linear model; remove duplicated columns or add an L2 penalty.');
    active.forEach((j, s) => (weights[j] = solution[s]));
  }
  let intercept = yMean;
  for (let j = 0; j < p; j++) intercept -= xMean[j] * weights[j];
  return { weights, intercept };
}
