/**
 * Full-batch multinomial logistic regression in float64, solved to tolerance with L-BFGS: the exact
 * L2-regularized optimum scikit-learn's LogisticRegression(solver='lbfgs') finds, instead of a mini-batch
 * Adam run stopped early. Plain TypeScript (no TF.js); the caller packs the weights into the studio's
 * Dense softmax layer.
 *
 * Objective (mean form): F(W, b) = (1/n) Σᵢ CE(softmax(xᵢW + b), yᵢ) + (α/2)‖W‖², intercepts not penalised.
 * scikit-learn minimises C·Σᵢ CEᵢ + ½‖W‖², i.e. α = 1/(C·n) for three or more classes. With two classes
 * scikit-learn fits one binary logistic (one weight vector v), whose ½‖v‖² equals ‖W‖² of the
 * symmetric two-column softmax (v = w₁ − w₀, w₀ = −w₁), so α = 2/(C·n) gives scikit-learn's exact model.
 */
import { FULL_BATCH_LOGREG } from '../settings/limits';

export interface LogisticFit {
  /** p × K, row-major (the Dense kernel's layout). */
  weights: Float64Array;
  /** K intercepts. */
  intercepts: Float64Array;
  /** Objective value at the solution (mean cross-entropy + penalty). */
  objective: number;
  /** Largest absolute gradient entry at the solution. */
  gradientMax: number;
  iterations: number;
  converged: boolean;
  stoppedByCaller: boolean;
}

export interface LogisticLbfgsOptions {
  /** Penalty α of the mean-form objective (see the note at the top; penaltyForC converts scikit-learn's C). */
  alpha: number;
  /** Stop when the largest absolute gradient entry is at most this (default from the settings table). */
  tolerance?: number;
  maxIterations?: number;
  /** Checked between iterations (a stopped fit keeps its current weights). */
  shouldStop?: () => boolean;
  /** Awaited every ~50 ms of work so a worker can take messages (e.g. src/lib/yield). */
  pause?: () => Promise<void>;
  now?: () => number;
}

/** α of the mean-form objective for scikit-learn's C on `rows` training rows and `classes` classes. */
export function penaltyForC(c: number, rows: number, classes: number): number {
  if (!(c > 0 && Number.isFinite(c))) throw new RangeError('C must be a positive number.');
  return (classes === 2 ? 2 : 1) / (c * Math.max(1, rows));
}

/** Rows × features the full-batch solver accepts (settings table): larger data keep the mini-batch trainer. */
export function fullBatchFits(rows: number, features: number): boolean {
  return rows * features <= FULL_BATCH_LOGREG.maxCells;
}

/**
 * Objective and gradient at θ = [W (p×K row-major), b (K)] over the listed rows; `grad` is overwritten.
 */
function evaluate(theta: Float64Array, grad: Float64Array, x: ArrayLike<number>, p: number, labels: ArrayLike<number>, rows: ArrayLike<number>, k: number, alpha: number): number {
  const n = rows.length;
  grad.fill(0);
  const z = new Float64Array(k);
  const bOffset = p * k;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const base = r * p;
    for (let c = 0; c < k; c++) z[c] = theta[bOffset + c];
    for (let j = 0; j < p; j++) {
      const v = x[base + j];
      if (v === 0) continue;
      const w = j * k;
      for (let c = 0; c < k; c++) z[c] += v * theta[w + c];
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (z[c] > max) max = z[c];
    let sum = 0;
    for (let c = 0; c < k; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    const y = labels[r];
    loss += Math.log(sum) - Math.log(z[y]);
    for (let c = 0; c < k; c++) z[c] = z[c] / sum - (c === y ? 1 : 0);
    for (let c = 0; c < k; c++) grad[bOffset + c] += z[c];
    for (let j = 0; j < p; j++) {
      const v = x[base + j];
      if (v === 0) continue;
      const w = j * k;
      for (let c = 0; c < k; c++) grad[w + c] += v * z[c];
    }
  }
  let penalty = 0;
  for (let t = 0; t < bOffset; t++) penalty += theta[t] * theta[t];
  for (let t = 0; t < grad.length; t++) grad[t] /= n;
  for (let t = 0; t < bOffset; t++) grad[t] += alpha * theta[t];
  return loss / n + 0.5 * alpha * penalty;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/**
 * Fits softmax regression on `rows` of the row-major n×p matrix `features` (labels 0…classes−1) by
 * L-BFGS (10 correction pairs, backtracking Armijo line search), from zeros as scikit-learn starts.
 */
export async function fitLogisticLbfgs(
  features: ArrayLike<number>,
  p: number,
  labels: ArrayLike<number>,
  classes: number,
  rows: ArrayLike<number>,
  options: LogisticLbfgsOptions,
): Promise<LogisticFit> {
  const n = rows.length;
  if (n === 0) throw new RangeError('No rows to fit.');
  if (!(Number.isInteger(p) && p >= 1)) throw new RangeError('The model needs at least one input feature.');
  if (!(Number.isInteger(classes) && classes >= 2)) throw new RangeError('Logistic regression needs at least two classes.');
  if (!(options.alpha >= 0 && Number.isFinite(options.alpha))) throw new RangeError('The L2 penalty must be a finite number of at least 0.');
  if (!fullBatchFits(n, p)) {
    throw new RangeError(
      `The full-batch solver takes at most ${FULL_BATCH_LOGREG.maxCells.toLocaleString('en-US')} rows × features; this fit has ${n} × ${p}. Use the mini-batch trainer for data this large.`,
    );
  }
  for (let i = 0; i < n; i++) {
    const y = labels[rows[i]];
    if (!(Number.isInteger(y) && y >= 0 && y < classes)) throw new RangeError(`Row ${rows[i]} has class ${y}, outside 0…${classes - 1}.`);
  }
  const tolerance = options.tolerance ?? FULL_BATCH_LOGREG.tolerance;
  const maxIterations = options.maxIterations ?? FULL_BATCH_LOGREG.maxIterations;
  const now = options.now ?? (() => performance.now());
  const dim = p * classes + classes;
  const memory = 10;
  const theta = new Float64Array(dim);
  const grad = new Float64Array(dim);
  const trial = new Float64Array(dim);
  const trialGrad = new Float64Array(dim);
  const direction = new Float64Array(dim);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rhoList: number[] = [];
  const alphaTmp = new Float64Array(memory);
  let f = evaluate(theta, grad, features, p, labels, rows, classes, options.alpha);
  let gMax = maxAbs(grad);
  let iterations = 0;
  let stoppedByCaller = false;
  let lastPause = now();
  while (gMax > tolerance && iterations < maxIterations) {
    if (options.shouldStop?.()) {
      stoppedByCaller = true;
      break;
    }
    if (options.pause && now() - lastPause > 50) {
      await options.pause();
      lastPause = now();
    }
    // Two-loop recursion: direction = −H·g.
    for (let i = 0; i < dim; i++) direction[i] = -grad[i];
    for (let m = sList.length - 1; m >= 0; m--) {
      const a = rhoList[m] * dot(sList[m], direction);
      alphaTmp[m] = a;
      const y = yList[m];
      for (let i = 0; i < dim; i++) direction[i] -= a * y[i];
    }
    if (sList.length > 0) {
      const last = sList.length - 1;
      const gamma = dot(sList[last], yList[last]) / dot(yList[last], yList[last]);
      for (let i = 0; i < dim; i++) direction[i] *= gamma;
    } else {
      // First step: a unit-length move, as a steepest-descent start.
      const scale = 1 / Math.max(1e-12, Math.sqrt(dot(grad, grad)));
      for (let i = 0; i < dim; i++) direction[i] *= scale;
    }
    for (let m = 0; m < sList.length; m++) {
      const b = rhoList[m] * dot(yList[m], direction);
      const s = sList[m];
      const a = alphaTmp[m];
      for (let i = 0; i < dim; i++) direction[i] += (a - b) * s[i];
    }
    let slope = dot(grad, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sList.length = 0;
      yList.length = 0;
      rhoList.length = 0;
      for (let i = 0; i < dim; i++) direction[i] = -grad[i];
      slope = dot(grad, direction);
    }
    let step = 1;
    let fNew = Number.NaN;
    let accepted = false;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < dim; i++) trial[i] = theta[i] + step * direction[i];
      fNew = evaluate(trial, trialGrad, features, p, labels, rows, classes, options.alpha);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    iterations++;
    if (!accepted) break;
    const s = new Float64Array(dim);
    const y = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      s[i] = trial[i] - theta[i];
      y[i] = trialGrad[i] - grad[i];
    }
    const sy = dot(s, y);
    theta.set(trial);
    grad.set(trialGrad);
    const decrease = f - fNew;
    f = fNew;
    gMax = maxAbs(grad);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (sList.length === memory) {
        sList.shift();
        yList.shift();
        rhoList.shift();
      }
      sList.push(s);
      yList.push(y);
      rhoList.push(1 / sy);
    }
    // Flat to machine precision: no further progress is possible.
    if (decrease <= 1e-16 * Math.max(1, Math.abs(f)) && gMax <= Math.sqrt(tolerance)) break;
  }
  return {
    weights: theta.slice(0, p * classes),
    intercepts: theta.slice(p * classes),
    objective: f,
    gradientMax: gMax,
    iterations,
    converged: gMax <= tolerance,
    stoppedByCaller,
  };
}

/** Class probabilities of a fit for `rows`, row-major (rows × K), in float64. */
export function logisticProbabilities(fit: Pick<LogisticFit, 'weights' | 'intercepts'>, features: ArrayLike<number>, p: number, rows: ArrayLike<number>): Float64Array {
  const k = fit.intercepts.length;
  const out = new Float64Array(rows.length * k);
  for (let i = 0; i < rows.length; i++) {
    const base = rows[i] * p;
    const o = i * k;
    for (let c = 0; c < k; c++) out[o + c] = fit.intercepts[c];
    for (let j = 0; j < p; j++) {
      const v = features[base + j];
      if (v === 0) continue;
      for (let c = 0; c < k; c++) out[o + c] += v * fit.weights[j * k + c];
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, out[o + c]);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      out[o + c] = Math.exp(out[o + c] - max);
      sum += out[o + c];
    }
    for (let c = 0; c < k; c++) out[o + c] /= sum;
  }
  return out;
}
