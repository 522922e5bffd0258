/**
 * What differs between tasks, in one place: the output layer, the loss, the candidate models for
 * "auto", and the test-split evaluation. The training job (job.ts) is the same for every task; a new
 * task (text, search) adds a definition here.
 */
import * as tf from '@tensorflow/tfjs';
import { DataError } from '../lib/errors';
import { quantile, regressionReport, type RegressionMetrics } from '../evaluate/regression-metrics';
import type { ClassificationReport } from '../evaluate';
import { DEFAULT_LINEAR, DEFAULT_TEXT_CNN, type ModelSpec } from '../models/spec';
import type { TargetStats } from '../preprocess/fitted';
import type { TrainJob } from './job';
import { MAX_REGRESSION_POINTS, type RegressionDetails } from './result';
import type { RegressionLoss, TaskKind } from './task';
import { evaluateTestSplit } from './test-evaluation';

/** Below this many training rows "auto" compares the simple model with an MLP on validation loss. */
export const AUTO_COMPARE_MAX_ROWS = 20_000;

export interface TaskDefinition {
  kind: TaskKind;
  /** Activation of the output layer. */
  head: 'softmax' | 'linear';
  /** Units of the output layer. */
  outputUnits(classCount: number): number;
  /** Models to train for this job; "auto" gives several, compared on validation loss. */
  candidates(job: TrainJob, trainRows: number, hasValidation: boolean): ModelSpec[];
}

export const CLASSIFICATION: TaskDefinition = {
  kind: 'classification',
  head: 'softmax',
  outputUnits: (classCount) => classCount,
  candidates(job, trainRows, hasValidation) {
    if (job.model === 'logreg') return [job.specs.logreg];
    if (job.model === 'mlp') return [job.specs.mlp];
    if (job.model === 'textcnn') return [job.specs.textcnn ?? DEFAULT_TEXT_CNN];
    if (job.model === 'linear') throw new DataError('model_mismatch', 'Linear regression predicts numbers; for classes choose logistic regression, MLP or Auto (or switch the task to regression).');
    if (job.model === 'cnn') throw new DataError('model_mismatch', 'A CNN needs an image dataset; choose logistic regression, MLP or Auto for a table.');
    if (!hasValidation) return [trainRows <= 1000 ? job.specs.logreg : job.specs.mlp];
    return trainRows <= AUTO_COMPARE_MAX_ROWS ? [job.specs.logreg, job.specs.mlp] : [job.specs.mlp];
  },
};

export const REGRESSION: TaskDefinition = {
  kind: 'regression',
  head: 'linear',
  outputUnits: () => 1,
  candidates(job, _trainRows, hasValidation) {
    const linear = job.specs.linear ?? DEFAULT_LINEAR;
    if (job.model === 'linear') return [linear];
    if (job.model === 'mlp') return [job.specs.mlp];
    if (job.model === 'logreg')
      throw new DataError('model_mismatch', 'Logistic regression predicts classes; for a number choose linear regression, MLP or Auto (or switch the task to classification).');
    if (job.model === 'cnn') throw new DataError('model_mismatch', 'A CNN needs an image dataset; choose linear regression, MLP or Auto for a table.');
    if (job.model === 'textcnn') throw new DataError('model_mismatch', 'The text CNN predicts classes; for a number choose linear regression, MLP or Auto (or switch the task to classification).');
    // The closed-form linear fit costs one pass over the data, so auto always includes it.
    return hasValidation ? [linear, job.specs.mlp] : [linear];
  },
};

export function taskDefinition(kind: TaskKind): TaskDefinition {
  return kind === 'regression' ? REGRESSION : CLASSIFICATION;
}

export function evaluateClassification(probabilities: Float32Array, yTrue: Int32Array, classes: string[]): ClassificationReport {
  return evaluateTestSplit(probabilities, yTrue, classes);
}

/** Test metrics in original units, chart points and a 90% interval from validation residual quantiles. */
export function evaluateRegression(
  predicted: Float32Array,
  actual: Float64Array,
  stats: TargetStats,
  validation: { actual: Float64Array; predicted: Float32Array } | null,
  target: string,
  loss: RegressionLoss,
): { metrics: RegressionMetrics; details: RegressionDetails } {
  const metrics = regressionReport(actual, predicted, stats.mean);
  const count = Math.min(actual.length, MAX_REGRESSION_POINTS);
  const step = actual.length / count;
  const taken = Array.from({ length: count }, (_, k) => Math.floor(k * step));
  const details: RegressionDetails = { target, loss, actual: taken.map((i) => actual[i]), predicted: taken.map((i) => predicted[i]) };
  // Over all test rows, not just the charted ones: the revenue panel offers it as the price P.
  if (predicted.length > 0) details.testPredictionMean = predicted.reduce((sum, v) => sum + v, 0) / predicted.length;
  if (validation && validation.actual.length >= 20) {
    const residuals = Float64Array.from(validation.actual, (y, i) => y - validation.predicted[i]);
    details.interval = { level: 0.9, lower: quantile(residuals, 0.05), upper: quantile(residuals, 0.95) };
  }
  return { metrics, details };
}

/**
 * Makes a regression model answer in original units: its last Dense layer's kernel and bias are
 * rescaled by the target's std and shifted by its mean, so model.json, the bundle and the plain-JS
 * snippet need no extra step.
 */
export function foldTargetScaling(model: tf.LayersModel, stats: TargetStats): void {
  const last = model.layers[model.layers.length - 1];
  const [kernel, bias] = last.getWeights();
  const scaled = tf.tidy(() => [tf.mul(kernel, stats.std), tf.add(tf.mul(bias, stats.std), stats.mean)]);
  last.setWeights(scaled);
  tf.dispose(scaled);
}
