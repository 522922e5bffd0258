/**
 * Classification metrics with scikit-learn's definitions (checked against
 * sklearn 1.2 by classification-report.parity.test.ts).
 */
import { confusionMatrix } from './confusion-matrix';
import { logLoss } from './log-loss';
import { numpySum } from './numpy-sum';
import { auc, rocCurve, type RocCurve } from './roc';

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Number of samples whose true class is this one (for macro/weighted: all samples). */
  support: number;
}

export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  weightedF1: number;
  /** Unweighted mean over all labels, zero-support ones included (sklearn with labels=). */
  macro: ClassMetrics;
  /** Mean weighted by each label's support. */
  weighted: ClassMetrics;
  /**
   * Keyed by label. A null-prototype object whose keys are own data properties,
   * so labels like '__proto__' or 'constructor' are ordinary entries and absent
   * labels never resolve to Object.prototype members.
   */
  perClass: Record<string, ClassMetrics>;
  /** Rows are the true class, columns the predicted class, both in `labels` order. */
  confusionMatrix: { labels: string[]; matrix: number[][] };
  /** sklearn log_loss (eps clipping as sklearn 1.2); when probabilities are given and there are >= 2 labels. */
  logLoss?: number;
  /** Binary only (2 labels, both present in yTrue): AUC with labels[1] as the positive class. */
  rocAuc?: number;
  /** Binary only, as rocAuc. thresholds[0] is Infinity: use rocForJson before JSON.stringify. */
  roc?: RocCurve;
  /**
   * More than 2 labels: roc_auc_score(multi_class='ovr', average='macro'). Absent
   * where sklearn raises: a label with no samples (its one-vs-rest AUC is
   * undefined), or probability rows that do not sum to 1.
   */
  rocAucMacroOvr?: number;
}

export interface ClassificationReportInput {
  /** True class index per sample, into `labels`. */
  yTrue: ArrayLike<number>;
  /** Predicted class index per sample, into `labels`. */
  yPred: ArrayLike<number>;
  /** Class names in class-index order; unique. */
  labels: string[];
  /** n × K row-major class probabilities, columns in `labels` order. */
  probabilities?: Float32Array | Float64Array;
}

/** numerator / denominator, or 0 when the denominator is 0 (sklearn's zero_division=0). */
function divideOrZero(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** np.average(values, weights) as numpy evaluates it (numpySum of products / numpySum of weights). */
function weightedMean(values: readonly number[], weights: readonly number[]): number {
  return numpySum(values.map((v, i) => v * weights[i])) / numpySum(weights);
}

function mean(values: readonly number[]): number {
  return numpySum(values) / values.length;
}

/** np.allclose(1, s): |1 - s| <= 1e-8 + 1e-5 |s|, sklearn's test that OvR scores are probabilities. */
function rowsSumToOne(probabilities: ArrayLike<number>, n: number, k: number): boolean {
  for (let i = 0; i < n; i++) {
    const s = numpySum(probabilities, i * k, (i + 1) * k);
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) return false;
  }
  return true;
}

function column(probabilities: ArrayLike<number>, n: number, k: number, c: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = probabilities[i * k + c];
  return out;
}

/** One-vs-rest AUC of class c; the caller guarantees c has samples and non-samples. */
function oneVsRestAuc(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>, n: number, k: number, c: number): number {
  const isClass = new Uint8Array(n);
  for (let i = 0; i < n; i++) isClass[i] = yTrue[i] === c ? 1 : 0;
  const roc = rocCurve(isClass, column(probabilities, n, k, c), { dropIntermediate: true });
  return auc(roc.fpr, roc.tpr);
}

export function classificationReport(input: ClassificationReportInput): ClassificationReport {
  const { yTrue, yPred, labels, probabilities } = input;
  const k = labels.length,
    n = yTrue.length;
  if (new Set(labels).size !== k) throw new RangeError('classificationReport: labels must be unique');
  // sklearn returns NaN (with a warning) for accuracy of nothing; refuse instead.
  if (n === 0) throw new RangeError('classificationReport needs at least one sample');
  const matrix = confusionMatrix(yTrue, yPred, k); // validates lengths and indices

  const precision: number[] = [],
    recall: number[] = [],
    f1: number[] = [],
    support: number[] = [];
  let correct = 0;
  for (let c = 0; c < k; c++) {
    let predicted = 0,
      actual = 0;
    for (let r = 0; r < k; r++) {
      predicted += matrix[r][c];
      actual += matrix[c][r];
    }
    const tp = matrix[c][c];
    correct += tp;
    const p = divideOrZero(tp, predicted),
      rc = divideOrZero(tp, actual);
    precision.push(p);
    recall.push(rc);
    // sklearn's F-beta with beta = 1, same operation order: (2 * p) * r / (p + r).
    f1.push(divideOrZero(2 * p * rc, p + rc));
    support.push(actual);
  }

  const perClass = Object.create(null) as Record<string, ClassMetrics>;
  labels.forEach((label, c) => {
    // defineProperty, not assignment: `obj['__proto__'] = x` would not create a key.
    Object.defineProperty(perClass, label, {
      value: { precision: precision[c], recall: recall[c], f1: f1[c], support: support[c] },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });

  const macro: ClassMetrics = { precision: mean(precision), recall: mean(recall), f1: mean(f1), support: n };
  const weighted: ClassMetrics = {
    precision: weightedMean(precision, support),
    recall: weightedMean(recall, support),
    f1: weightedMean(f1, support),
    support: n,
  };
  const report: ClassificationReport = {
    accuracy: correct / n,
    macroF1: macro.f1,
    weightedF1: weighted.f1,
    macro,
    weighted,
    perClass,
    confusionMatrix: { labels: [...labels], matrix },
  };

  if (probabilities !== undefined) {
    if (probabilities.length !== n * k) {
      throw new RangeError(`probabilities has ${probabilities.length} entries, expected ${n} × ${k}`);
    }
    if (k >= 2) report.logLoss = logLoss(yTrue, probabilities, k);
    // ROC needs every class on both sides of the split; sklearn raises otherwise.
    const allClassesPresent = support.every((s) => s > 0);
    if (k === 2 && allClassesPresent) {
      // labels[1] is positive (sklearn: the greater label), scored by its column.
      const roc = rocCurve(yTrue, column(probabilities, n, k, 1), { dropIntermediate: true });
      report.roc = roc;
      report.rocAuc = auc(roc.fpr, roc.tpr);
    } else if (k > 2 && allClassesPresent && rowsSumToOne(probabilities, n, k)) {
      const perClassAuc: number[] = [];
      for (let c = 0; c < k; c++) perClassAuc.push(oneVsRestAuc(yTrue, probabilities, n, k, c));
      report.rocAucMacroOvr = mean(perClassAuc);
    }
  }
  return report;
}
