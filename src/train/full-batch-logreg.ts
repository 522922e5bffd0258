/**
 * Training for a logistic regression with `solver: 'lbfgs'`: the exact L2-regularized optimum by the
 * full-batch solver (src/models/logistic-lbfgs.ts), packed into the studio's Dense softmax model so
 * evaluation, export, prediction and links work unchanged. One "epoch" record carries the fit's training
 * and validation scores, so search and jobs read it like any other run.
 */
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../models/build-model';
import { fitLogisticLbfgs, fullBatchFits, logisticProbabilities, penaltyForC, type LogisticFit } from '../models/logistic-lbfgs';
import type { LogisticRegressionSpec } from '../models/spec';
import { DataError } from '../lib/errors';
import { yieldToEventLoop } from '../lib/yield';
import type { EpochRecord, TrainingOutcome } from './train-loop';

/** Probabilities below this count as this in the reported cross-entropy (as the training loop clips). */
const EPSILON = 1e-7;

export interface FullBatchData {
  features: Float32Array;
  exampleShape: number[];
  labels: Int32Array;
  classCount: number;
}

/** True when a spec asks for the full-batch solver. */
export function isFullBatchLogreg(spec: { kind: string; solver?: string }): spec is LogisticRegressionSpec & { solver: 'lbfgs' } {
  return spec.kind === 'logreg' && spec.solver === 'lbfgs';
}

/** Mean cross-entropy and accuracy of `fit` on `rows`. */
function scores(fit: LogisticFit, data: FullBatchData, p: number, rows: Int32Array): { loss: number; accuracy: number } {
  if (rows.length === 0) return { loss: Number.NaN, accuracy: Number.NaN };
  const k = data.classCount;
  const probabilities = logisticProbabilities(fit, data.features, p, rows);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < rows.length; i++) {
    const y = data.labels[rows[i]];
    loss -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i * k + y])));
    let arg = 0;
    for (let c = 1; c < k; c++) if (probabilities[i * k + c] > probabilities[i * k + arg]) arg = c;
    if (arg === y) correct++;
  }
  return { loss: loss / rows.length, accuracy: correct / rows.length };
}

/**
 * Solves the logistic regression on `trainRows` and returns the Dense softmax model holding the solution
 * (the caller owns it) with a one-record history scored on the training and validation rows.
 */
export async function trainFullBatchLogreg(
  spec: LogisticRegressionSpec,
  data: FullBatchData,
  trainRows: Int32Array,
  validationRows: Int32Array,
  seed: number,
  shouldStop?: () => boolean,
): Promise<{ model: tf.LayersModel; outcome: TrainingOutcome; fit: LogisticFit }> {
  const started = performance.now();
  const p = data.exampleShape.reduce((a, b) => a * b, 1);
  const k = data.classCount;
  if (k < 2) throw new DataError('too_few_classes', 'Logistic regression needs at least two classes in the target.');
  if (!fullBatchFits(trainRows.length, p)) {
    throw new DataError(
      'invalid_model',
      `The full-batch logistic regression handles at most the settings table's rows × features; ${trainRows.length} × ${p} is more. Train the mini-batch logistic regression instead (no solver).`,
    );
  }
  const alpha = spec.c !== undefined ? penaltyForC(spec.c, trainRows.length, k) : 2 * spec.l2;
  const fit = await fitLogisticLbfgs(data.features, p, data.labels, k, trainRows, { alpha, shouldStop, pause: yieldToEventLoop });
  const model = buildModel(spec, data.exampleShape, k, seed);
  const weights = [tf.tensor2d(Float32Array.from(fit.weights), [p, k]), tf.tensor1d(Float32Array.from(fit.intercepts))];
  try {
    model.setWeights(weights);
  } finally {
    tf.dispose(weights);
  }
  const train = scores(fit, data, p, trainRows);
  const validation = validationRows.length > 0 ? scores(fit, data, p, validationRows) : null;
  const seconds = (performance.now() - started) / 1000;
  const record: EpochRecord = {
    epoch: 1,
    loss: train.loss,
    accuracy: train.accuracy,
    valLoss: validation ? validation.loss : null,
    valAccuracy: validation ? validation.accuracy : null,
    seconds,
    learningRate: 0,
  };
  const outcome: TrainingOutcome = {
    history: fit.stoppedByCaller ? [] : [record],
    bestEpoch: 1,
    stoppedBy: fit.stoppedByCaller ? 'user' : 'epochs',
    seconds,
    samplesSeen: trainRows.length * Math.max(1, fit.iterations),
    samplesPerSecond: (trainRows.length * Math.max(1, fit.iterations)) / Math.max(1e-9, seconds),
  };
  return { model, outcome, fit };
}
