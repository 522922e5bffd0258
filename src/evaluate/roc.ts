/**
 * ROC curve and trapezoidal AUC, reproducing sklearn.metrics.roc_curve and
 * sklearn.metrics.auc (sklearn 1.2, plus the 1.3+ first threshold of +inf).
 */
import { numpySum } from './numpy-sum';

export interface RocCurve {
  /** False-positive rate at each threshold, non-decreasing from 0 to 1. */
  fpr: number[];
  /** True-positive rate at each threshold, non-decreasing from 0 to 1. */
  tpr: number[];
  /**
   * Decreasing; a sample is called positive when its score >= threshold.
   * thresholds[0] is Infinity (nothing positive), as in sklearn >= 1.3.
   * JSON.stringify turns Infinity into null: serialise through rocForJson.
   */
  thresholds: number[];
}

export interface RocOptions {
  /** Drop points that are collinear with their neighbours (sklearn's default: true). */
  dropIntermediate?: boolean;
}

/**
 * sklearn.metrics.roc_curve(yTrueBinary, scores, drop_intermediate=...).
 * yTrueBinary: 1 = positive, 0 = negative. Scores must be finite (sklearn rejects
 * NaN/inf too). Without negatives fpr is all NaN, without positives tpr is all
 * NaN — sklearn's output (with a warning) for those degenerate inputs.
 */
export function rocCurve(yTrueBinary: ArrayLike<number>, scores: ArrayLike<number>, { dropIntermediate = true }: RocOptions = {}): RocCurve {
  const n = yTrueBinary.length;
  if (scores.length !== n) throw new RangeError(`yTrueBinary has ${n} entries but scores has ${scores.length}`);
  if (n === 0) throw new RangeError('rocCurve needs at least one sample');

  // Split scores by class and sort each ascending with the native numeric sort;
  // walking both from the top merges them in descending score order. Only the
  // per-distinct-score counts matter, so no index sort is needed.
  let positiveCount = 0;
  for (let i = 0; i < n; i++) {
    const t = yTrueBinary[i];
    if (t !== 0 && t !== 1) throw new RangeError(`yTrueBinary[${i}] = ${t} is neither 0 nor 1`);
    if (!Number.isFinite(scores[i])) throw new RangeError(`scores[${i}] = ${scores[i]} is not finite`);
    positiveCount += t;
  }
  const positive = new Float64Array(positiveCount);
  const negative = new Float64Array(n - positiveCount);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (yTrueBinary[i] === 1) positive[p++] = scores[i];
    else negative[q++] = scores[i];
  }
  positive.sort();
  negative.sort();

  // One point per distinct score, as sklearn's _binary_clf_curve: tps/fps count
  // the samples with score >= threshold, so tied scores move the curve together.
  const tps: number[] = [],
    fps: number[] = [],
    distinct: number[] = [];
  let ip = positive.length - 1,
    ineg = negative.length - 1,
    tp = 0,
    fp = 0;
  while (ip >= 0 || ineg >= 0) {
    const threshold = ineg < 0 || (ip >= 0 && positive[ip] > negative[ineg]) ? positive[ip] : negative[ineg];
    while (ip >= 0 && positive[ip] === threshold) {
      tp++;
      ip--;
    }
    while (ineg >= 0 && negative[ineg] === threshold) {
      fp++;
      ineg--;
    }
    tps.push(tp);
    fps.push(fp);
    distinct.push(threshold);
  }

  let keep = distinct.map((_, i) => i);
  if (dropIntermediate && distinct.length > 2) {
    // sklearn keeps the ends and every point where either count's second
    // difference is non-zero, i.e. every corner of the staircase.
    keep = keep.filter((i) => i === 0 || i === distinct.length - 1 || fps[i + 1] - 2 * fps[i] + fps[i - 1] !== 0 || tps[i + 1] - 2 * tps[i] + tps[i - 1] !== 0);
  }

  const fpTotal = fp,
    tpTotal = tp;
  const fpr = [0],
    tpr = [0],
    thresholds = [Infinity];
  for (const i of keep) {
    fpr.push(fps[i]);
    tpr.push(tps[i]);
    thresholds.push(distinct[i]);
  }
  return {
    fpr: fpr.map((v) => (fpTotal > 0 ? v / fpTotal : NaN)),
    tpr: tpr.map((v) => (tpTotal > 0 ? v / tpTotal : NaN)),
    thresholds,
  };
}

/**
 * Area under a curve by the trapezoidal rule, as sklearn.metrics.auc: x must be
 * monotonic (either direction); the terms are summed in numpy.trapz's order.
 */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`x has ${x.length} points but y has ${y.length}`);
  if (x.length < 2) throw new RangeError(`auc needs at least 2 points, got ${x.length}`);
  let increasing = true,
    decreasing = true;
  for (let i = 1; i < x.length; i++) {
    const dx = x[i] - x[i - 1];
    if (dx < 0) increasing = false;
    if (dx > 0) decreasing = false;
  }
  if (!increasing && !decreasing) throw new RangeError('auc: x is neither increasing nor decreasing');
  const terms = new Float64Array(x.length - 1);
  for (let i = 0; i < terms.length; i++) terms[i] = ((x[i + 1] - x[i]) * (y[i + 1] + y[i])) / 2;
  const area = numpySum(terms);
  return increasing ? area : -area;
}

/**
 * The curve with thresholds[0] = Infinity replaced by thresholds[1] + 1 (what
 * sklearn < 1.3 returns), because JSON.stringify would write Infinity as null.
 * Everything else is copied unchanged.
 */
export function rocForJson(roc: RocCurve): RocCurve {
  const thresholds = [...roc.thresholds];
  if (thresholds.length > 1 && thresholds[0] === Infinity) thresholds[0] = thresholds[1] + 1;
  return { fpr: [...roc.fpr], tpr: [...roc.tpr], thresholds };
}
