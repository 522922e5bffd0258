import { formatNumber, formatPercent } from './format';
import { Dec } from './money';
import { parseNumberText } from './parse-number';
import type { ConfusionMatrix, ModelLinkInputs } from './types';

/**
 * Turning a classifier's evaluation into an expected customer count N.
 * Plain numbers in and out: these are expected values, not money, so float
 * precision is ample; the result is rounded only when written into the N field.
 */

export interface CustomersFromModelArgs {
  /** How many cases the model flags as the positive class. */
  predictedPositives: number;
  /** Fraction 0–1 of flagged cases that are truly positive. */
  precision: number;
  /** Fraction 0–1 of all true positives that the model flags. */
  recall: number;
  /** Fraction 0–1 of correctly flagged cases that become paying customers. */
  conversionRate: number;
  /** Multiply to go from the evaluation set to the real population (default 1). */
  populationScale?: number;
}

export interface CustomersFromModel {
  expectedTruePositives: number;
  /** Positives the model misses; null when recall is 0 (then it cannot be estimated). */
  expectedMissedPositives: number | null;
  customers: number;
  explanation: string;
}

export interface FromModelError {
  field: keyof CustomersFromModelArgs | 'matrix' | 'classLabel' | 'conversionRate' | 'populationScale';
  message: string;
}

export type FromModelResult<T> = { ok: true; value: T } | { ok: false; errors: FromModelError[] };

function checkFraction(errors: FromModelError[], field: FromModelError['field'], name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0 || v > 1) {
    errors.push({ field, message: `${name} must be a number between 0 and 1 (got ${String(v)}).` });
  }
}

/**
 * expected true positives = predicted positives × precision;
 * expected missed positives = TP × (1/recall − 1)  (since recall = TP / (TP + FN));
 * N = TP × conversion rate × population scale.
 */
export function customersFromModel(args: CustomersFromModelArgs, locale = 'en-US'): FromModelResult<CustomersFromModel> {
  const errors: FromModelError[] = [];
  const { predictedPositives, precision, recall, conversionRate } = args;
  const scale = args.populationScale ?? 1;
  if (!Number.isFinite(predictedPositives) || predictedPositives < 0) {
    errors.push({ field: 'predictedPositives', message: 'Predicted positives must be 0 or more.' });
  }
  checkFraction(errors, 'precision', 'Precision', precision);
  checkFraction(errors, 'recall', 'Recall', recall);
  checkFraction(errors, 'conversionRate', 'Conversion rate', conversionRate);
  if (!Number.isFinite(scale) || scale <= 0) {
    errors.push({ field: 'populationScale', message: 'Population scale must be a number above 0.' });
  }
  if (errors.length > 0) return { ok: false, errors };

  const tp = predictedPositives * precision;
  const missed = recall > 0 ? tp * (1 / recall - 1) : null;
  const customers = tp * conversionRate * scale;
  if (!Number.isFinite(customers) || customers > Number.MAX_SAFE_INTEGER) {
    return { ok: false, errors: [{ field: 'populationScale', message: 'Population scale is too large: N would exceed 9 quadrillion customers.' }] };
  }
  const n = (x: number) => formatNumber(x, locale, 2);
  const pct = (x: number) => formatPercent(x * 100, locale, 1);
  const missedText =
    missed === null ? 'With a recall of 0 the number of positives it misses cannot be estimated.' : `Its recall is ${pct(recall)}, so about ${n(missed)} more real positives go unflagged.`;
  const scaleText = scale === 1 ? '' : `, times a population scale of ${n(scale)}`;
  const explanation =
    `The model flags ${n(predictedPositives)} cases; at ${pct(precision)} precision about ${n(tp)} of them are real positives. ` +
    `${missedText} ` +
    `If ${pct(conversionRate)} of the real positives it finds become customers${scaleText}, N ≈ ${n(customers)}.`;
  return { ok: true, value: { expectedTruePositives: tp, expectedMissedPositives: missed, customers, explanation } };
}

/** One class of a confusion matrix as counts and rates (not evaluate's ClassMetrics, which is precision/recall/F1/support). */
export interface ClassConfusionCounts {
  label: string;
  /** Column sum: how often the model predicted this class. */
  predictedPositives: number;
  /** Diagonal cell. */
  truePositives: number;
  /** Row sum: how often this class really occurred. */
  actualPositives: number;
  /** TP / predicted; 0 when the class is never predicted. */
  precision: number;
  /** TP / actual; 0 when the class never occurs. */
  recall: number;
  /** All cases in the matrix (the evaluation-set size). */
  total: number;
}

/** Validate a confusion matrix shape: labels unique, square, finite counts ≥ 0. */
export function validateConfusionMatrix(cm: ConfusionMatrix): FromModelError[] {
  const errors: FromModelError[] = [];
  const { labels, matrix } = cm;
  const k = Array.isArray(labels) ? labels.length : 0;
  if (k < 2) errors.push({ field: 'matrix', message: 'The confusion matrix needs at least two classes.' });
  else if (new Set(labels).size !== k) errors.push({ field: 'matrix', message: 'Class labels in the confusion matrix must be unique.' });
  // Plain loops: a 1,000-class result is a million cells, checked on every render of the revenue panel.
  let square = Array.isArray(matrix) && matrix.length === k;
  for (let r = 0; square && r < k; r++) square = Array.isArray(matrix[r]) && matrix[r].length === k;
  if (!square) {
    errors.push({ field: 'matrix', message: `The confusion matrix must be ${k} × ${k}, one row and one column per class.` });
  } else if (!allCounts(matrix)) {
    errors.push({ field: 'matrix', message: 'Confusion matrix cells must be counts of 0 or more.' });
  }
  return errors;
}

function allCounts(matrix: readonly (readonly unknown[])[]): boolean {
  for (const row of matrix) {
    for (const v of row) if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return false;
  }
  return true;
}

/** Precision/recall for one class; rows = true class, columns = predicted (scikit-learn layout). */
export function classMetricsFromConfusion(cm: ConfusionMatrix, classLabel: string): FromModelResult<ClassConfusionCounts> {
  const errors = validateConfusionMatrix(cm);
  if (errors.length > 0) return { ok: false, errors };
  return metricsOfValidMatrix(cm, classLabel);
}

function metricsOfValidMatrix(cm: ConfusionMatrix, classLabel: string): FromModelResult<ClassConfusionCounts> {
  const i = cm.labels.indexOf(classLabel);
  if (i < 0) {
    return { ok: false, errors: [{ field: 'classLabel', message: `“${classLabel}” is not one of the model's classes.` }] };
  }
  const tp = cm.matrix[i][i];
  let predicted = 0;
  let actual = 0;
  let total = 0;
  for (const row of cm.matrix) {
    predicted += row[i];
    for (const v of row) total += v;
  }
  for (const v of cm.matrix[i]) actual += v;
  return {
    ok: true,
    value: {
      label: classLabel,
      predictedPositives: predicted,
      truePositives: tp,
      actualPositives: actual,
      precision: predicted > 0 ? tp / predicted : 0,
      recall: actual > 0 ? tp / actual : 0,
      total,
    },
  };
}

/**
 * Default class to treat as "positive": for two classes the second label
 * (scikit-learn's pos_label convention, e.g. [0, 1] or ["no", "yes"]);
 * otherwise the first.
 */
export function defaultPositiveClass(labels: readonly string[]): string {
  return labels.length === 2 ? labels[1] : (labels[0] ?? '');
}

export interface ModelTieIn {
  classLabel: string;
  metrics: ClassConfusionCounts;
  result: CustomersFromModel;
  /** N rounded to 2 decimals, ready for the customers input. */
  customersText: string;
}

/**
 * The panel's whole tie-in: pick the class, parse the conversion rate (percent
 * text, like every other rate in the panel) and scale, compute N.
 */
export function modelTieIn(cm: ConfusionMatrix, link: ModelLinkInputs | null | undefined, locale = 'en-US'): FromModelResult<ModelTieIn> {
  const shapeErrors = validateConfusionMatrix(cm);
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors };
  const classLabel = link?.classLabel && cm.labels.includes(link.classLabel) ? link.classLabel : defaultPositiveClass(cm.labels);
  const errors: FromModelError[] = [];
  const conv = parseNumberText(link?.conversionRate ?? '', { allowPercentSign: true });
  let conversion = 0;
  if (!conv.ok || Number(conv.value) < 0 || Number(conv.value) > 100) {
    errors.push({ field: 'conversionRate', message: 'Conversion rate must be a percentage between 0 and 100, for example 10.' });
  } else {
    conversion = Number(conv.value) / 100;
  }
  const scaleText = link?.populationScale?.trim() ? link.populationScale : '1';
  const scale = parseNumberText(scaleText);
  let populationScale = 1;
  if (!scale.ok || !(Number(scale.value) > 0)) {
    errors.push({
      field: 'populationScale',
      message: 'Population scale must be above 0: real population ÷ evaluation-set size, or 1 for none.',
    });
  } else {
    populationScale = Number(scale.value);
  }
  if (errors.length > 0) return { ok: false, errors };
  const metrics = metricsOfValidMatrix(cm, classLabel);
  if (!metrics.ok) return metrics;
  const m = metrics.value;
  const r = customersFromModel({ predictedPositives: m.predictedPositives, precision: m.precision, recall: m.recall, conversionRate: conversion, populationScale }, locale);
  if (!r.ok) return r;
  const customersText = new Dec(r.value.customers).toDecimalPlaces(2).toFixed();
  return { ok: true, value: { classLabel, metrics: m, result: r.value, customersText } };
}
