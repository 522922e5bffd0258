import * as tf from '@tensorflow/tfjs';
import { createRandom, deriveSeed, shuffleInPlace } from '../data/random';
import { penalizedWeights } from '../models/build-model';
import { evalChunkRows } from '../models/predict-probabilities';
import type { TrainSettings } from './settings';
import { yieldToEventLoop } from '../lib/yield';
import { FlatOptimizer } from './flat-optimizer';
import { fusedDensePlan, trainDenseFused } from './fused-train-loop';
import { judgeEpoch } from './epoch-verdict';
import { copyArrays, type ResumePoint } from './resume-point';
import { dropoutStepper } from './dropout-seeds';

export interface TrainingData {
  /** rows × features (tabular) or rows × h × w × c (images), row-major. */
  features: Float32Array;
  /** Shape of one example, e.g. [9] or [28, 28, 1]. */
  exampleShape: number[];
  labels: Int32Array;
  classCount: number;
  /** Regression: the standardized target per row (the model has one linear output); labels are then unused by the loss. */
  targets?: Float32Array;
  train: Int32Array;
  validation: Int32Array;
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  /** Wall time of this epoch (training and validation), for throughput figures. */
  seconds: number;
  /** The step size this epoch trained with (it shrinks when reduceLearningRateAfter applies). */
  learningRate: number;
}

export interface TrainingProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
}

export interface TrainingOptions {
  /** L2 penalty λ·Σw² over kernels (per example, added to the mean loss). */
  l2?: number;
  onEpoch?: (record: EpochRecord, history: EpochRecord[]) => void;
  onBatch?: (progress: TrainingProgress) => void;
  /** Called once, right before the first batch trains (model, buffers and the first shuffle ready): the runner's `first-batch-start` mark. */
  onStart?: () => void;
  shouldStop?: () => boolean;
  /** Per-batch transform of the inputs while training (e.g. image augmentation), inside a tidy. */
  augment?: (batch: tf.Tensor) => tf.Tensor;
  /** Regression loss on the standardized target (default mse); classification always uses cross-entropy. */
  loss?: 'mse' | 'mae' | 'huber';
  /** Milliseconds of work between yields to the event loop. */
  yieldEveryMs?: number;
  /** false: always train through TF.js, never the fused dense trainer (A/B checks). Default: fused where it applies. */
  fused?: boolean;
  /** Continue a run whose device failed: start after `resumeFrom.epoch` (the model already holds its weights). */
  resumeFrom?: ResumePoint;
  /** Called after every completed epoch with the state to resume from (weights read back as arrays). */
  onResumePoint?: (point: ResumePoint) => void | Promise<void>;
}

export interface TrainingOutcome {
  history: EpochRecord[];
  bestEpoch: number;
  stoppedBy: 'epochs' | 'early-stopping' | 'user';
  seconds: number;
  samplesSeen: number;
  samplesPerSecond: number;
}

const EPSILON = 1e-7;

function crossEntropySum(oneHot: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.sum(tf.mul(oneHot, tf.log(tf.clipByValue(probabilities, EPSILON, 1 - EPSILON))))) as tf.Scalar);
}

function correctCount(oneHot: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(probabilities, 1), tf.argMax(oneHot, 1)), 'float32')) as tf.Scalar);
}

/** Huber's δ on the standardized target: quadratic within one standard deviation, linear beyond. */
const HUBER_DELTA = 1;

/** Sum over rows of the regression loss between targets y ([n, 1]) and outputs p ([n, 1]). */
export function regressionLossSum(y: tf.Tensor, p: tf.Tensor, loss: 'mse' | 'mae' | 'huber'): tf.Scalar {
  return tf.tidy(() => {
    const error = tf.sub(p, y);
    if (loss === 'mse') return tf.sum(tf.square(error)) as tf.Scalar;
    if (loss === 'mae') return tf.sum(tf.abs(error)) as tf.Scalar;
    const abs = tf.abs(error);
    const quadratic = tf.minimum(abs, HUBER_DELTA);
    return tf.sum(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(HUBER_DELTA, tf.sub(abs, quadratic)))) as tf.Scalar;
  });
}

/** The same loss in float64 on plain arrays (closed-form models, validation comparisons). */
export function regressionLossMean(y: ArrayLike<number>, p: ArrayLike<number>, loss: 'mse' | 'mae' | 'huber'): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const e = Math.abs(p[i] - y[i]);
    s += loss === 'mse' ? e * e : loss === 'mae' ? e : e <= HUBER_DELTA ? 0.5 * e * e : HUBER_DELTA * (e - 0.5 * HUBER_DELTA);
  }
  return s / y.length;
}

interface LossFunctions {
  sum: (y: tf.Tensor, p: tf.Tensor) => tf.Scalar;
  /** Correct predictions (classification); null for regression, where accuracy does not apply. */
  correct: ((y: tf.Tensor, p: tf.Tensor) => tf.Scalar) | null;
}

function lossFunctions(data: TrainingData, hooks: TrainingOptions): LossFunctions {
  if (data.targets) {
    const loss = hooks.loss ?? 'mse';
    return { sum: (y, p) => regressionLossSum(y, p, loss), correct: null };
  }
  return { sum: crossEntropySum, correct: correctCount };
}

/** Copies the listed rows into one tensor on the active backend, so batches are gathered on the device. */
function rowsTensor(data: TrainingData, rows: Int32Array): tf.Tensor {
  const size = data.exampleShape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(rows.length * size);
  for (let i = 0; i < rows.length; i++) out.set(data.features.subarray(rows[i] * size, (rows[i] + 1) * size), i * size);
  return tf.tensor(out, [rows.length, ...data.exampleShape], 'float32');
}

function labelsTensor(data: TrainingData, rows: Int32Array): tf.Tensor2D {
  const targets = data.targets;
  if (targets)
    return tf.tensor2d(
      Float32Array.from(rows, (r) => targets[r]),
      [rows.length, 1],
    );
  return tf.tidy(
    () =>
      tf
        .oneHot(
          tf.tensor1d(
            Int32Array.from(rows, (r) => data.labels[r]),
            'int32',
          ),
          data.classCount,
        )
        .toFloat() as tf.Tensor2D,
  );
}

/** Sum of loss and count of correct predictions over a whole split, as tensors (no read-back). */
function evaluateSums(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, fns: LossFunctions): [tf.Scalar, tf.Scalar] {
  const rowsPerChunk = evalChunkRows(x.size / Math.max(1, x.shape[0]));
  let loss: tf.Scalar = tf.scalar(0);
  let correct: tf.Scalar = tf.scalar(0);
  for (let start = 0; start < x.shape[0]; start += rowsPerChunk) {
    // One tidy per chunk: a chunk's activations are freed before the next (images: hundreds of MB each).
    const next = tf.tidy(() => {
      const size = Math.min(rowsPerChunk, x.shape[0] - start);
      const xb = tf.slice(x, start, size);
      const yb = tf.slice(y, start, size);
      const p = model.apply(xb, { training: false }) as tf.Tensor;
      return [tf.add(loss, fns.sum(yb, p)), fns.correct ? tf.add(correct, fns.correct(yb, p)) : tf.clone(correct)] as [tf.Scalar, tf.Scalar];
    });
    tf.dispose([loss, correct]);
    [loss, correct] = next;
  }
  return [loss, correct];
}

/**
 * A custom loop instead of model.fit: the data sits on the device once, batches are gathered there,
 * the optimizer updates all parameters as one vector, and loss/accuracy are kept as tensors and read
 * back once per epoch, never per batch. Few ops per step matter: for small models TF.js's per-op
 * overhead, not arithmetic, sets the speed.
 */
export async function trainModel(model: tf.LayersModel, data: TrainingData, settings: TrainSettings, hooks: TrainingOptions = {}): Promise<TrainingOutcome> {
  const plan = fusedDensePlan(model, data, hooks, Math.max(1, Math.min(settings.batchSize, data.train.length)));
  if (plan) return trainDenseFused(model, plan, data, settings, hooks);
  const xTrain = rowsTensor(data, data.train);
  const yTrain = labelsTensor(data, data.train);
  const yTrainClass = tf.tensor1d(
    Int32Array.from(data.train, (r) => data.labels[r]),
    'int32',
  );
  const fns = lossFunctions(data, hooks);
  const dropout = dropoutStepper(model, settings.seed);
  const hasValidation = data.validation.length > 0;
  const xVal = hasValidation ? rowsTensor(data, data.validation) : null;
  const yVal = hasValidation ? labelsTensor(data, data.validation) : null;
  const kernels = penalizedWeights(model);
  const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = new FlatOptimizer(settings.optimizer, settings.learningRate, trainable);
  const l2 = hooks.l2 ?? 0;
  const penalty = l2 > 0 && kernels.length > 0 ? () => tf.mul(l2, tf.addN(kernels.map((k) => tf.sum(tf.square(k.read()))))) as tf.Scalar : null;
  const random = createRandom(deriveSeed(settings.seed, 'shuffle'));
  const n = data.train.length;
  const batchSize = Math.max(1, Math.min(settings.batchSize, n));
  const batches = Math.ceil(n / batchSize);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const resume = hooks.resumeFrom;
  const history: EpochRecord[] = resume ? [...resume.history] : [];
  const shapes = model.getWeights().map((w) => w.shape);
  let best: { loss: number; epoch: number; weights: tf.Tensor[] } | null = resume?.best
    ? { loss: resume.best.loss, epoch: resume.best.epoch, weights: resume.best.weights.map((w, i) => tf.tensor(w, shapes[i], 'float32')) }
    : null;
  // The best weights as arrays too, when resume points are asked for (a lost device takes its tensors with it).
  let bestArrays = resume?.best?.weights ?? null;
  let stoppedBy: TrainingOutcome['stoppedBy'] = 'epochs';
  let learningRate = resume?.learningRate ?? settings.learningRate;
  if (resume) optimizer.setLearningRate(learningRate);
  let lastReduction = resume?.lastReduction ?? 0;
  let samplesSeen = resume?.samplesSeen ?? 0;
  const yieldEvery = hooks.yieldEveryMs ?? 30;
  const started = performance.now() - (resume?.seconds ?? 0) * 1000;
  let lastYield = performance.now();
  // Replay the shuffles of the completed epochs, so the resumed run sees the rows in the same order.
  for (let epoch = 1; epoch <= (resume?.epoch ?? 0); epoch++) shuffleInPlace(order, random);

  try {
    for (let epoch = (resume?.epoch ?? 0) + 1; epoch <= settings.epochs; epoch++) {
      const epochStarted = performance.now();
      shuffleInPlace(order, random);
      const orderTensor = tf.tensor1d(order, 'int32');
      // Per batch: the loss (a scalar) and the predicted classes; summed once at the end of the epoch.
      const batchLosses: tf.Scalar[] = [];
      const batchSizes: number[] = [];
      const batchPredictions: tf.Tensor[] = [];
      let completed = 0;
      if (epoch === (resume?.epoch ?? 0) + 1) hooks.onStart?.();
      for (let b = 0; b < batches; b++) {
        if (hooks.shouldStop?.()) {
          stoppedBy = 'user';
          break;
        }
        const start = b * batchSize;
        const size = Math.min(batchSize, n - start);
        dropout.setStep(epoch, b);
        tf.tidy(() => {
          const index = tf.slice(orderTensor, start, size);
          let xb = tf.gather(xTrain, index);
          if (hooks.augment) xb = hooks.augment(xb);
          const yb = tf.gather(yTrain, index);
          const { value, grads } = tf.variableGrads(() => {
            const p = model.apply(xb, { training: true }) as tf.Tensor;
            if (fns.correct) batchPredictions.push(tf.keep(tf.argMax(p, 1)));
            const dataLoss = tf.div(fns.sum(yb, p), size);
            return (penalty ? tf.add(dataLoss, penalty()) : dataLoss) as tf.Scalar;
          }, trainable);
          optimizer.apply(trainable.map((v) => grads[v.name]));
          batchLosses.push(tf.keep(value));
        });
        batchSizes.push(size);
        completed += size;
        samplesSeen += size;
        hooks.onBatch?.({ epoch, epochs: settings.epochs, batch: b + 1, batches });
        const now = performance.now();
        if (now - lastYield > yieldEvery) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      if (completed === 0) {
        orderTensor.dispose();
        break;
      }
      const [lossSum, correctSum] = tf.tidy(() => {
        const loss = tf.sum(tf.mul(tf.stack(batchLosses), tf.tensor1d(batchSizes)));
        const truth = tf.gather(yTrainClass, tf.slice(orderTensor, 0, completed));
        if (batchPredictions.length === 0) return [loss, tf.scalar(Number.NaN)] as [tf.Scalar, tf.Scalar];
        const predicted = batchPredictions.length === 1 ? batchPredictions[0] : tf.concat(batchPredictions);
        return [loss, tf.sum(tf.cast(tf.equal(predicted, truth), 'float32'))] as [tf.Scalar, tf.Scalar];
      });
      tf.dispose([...batchLosses, ...batchPredictions, orderTensor]);
      const sums = xVal && yVal ? evaluateSums(model, xVal, yVal, fns) : null;
      const packed = tf.stack([lossSum, correctSum, ...(sums ?? [])]);
      const values = await packed.data();
      tf.dispose([packed, lossSum, correctSum]);
      sums?.forEach((t) => t.dispose());
      const record: EpochRecord = {
        epoch,
        loss: values[0] / completed,
        accuracy: values[1] / completed,
        valLoss: sums ? values[2] / data.validation.length : null,
        valAccuracy: sums && fns.correct ? values[3] / data.validation.length : null,
        seconds: (performance.now() - epochStarted) / 1000,
        learningRate,
      };
      history.push(record);
      hooks.onEpoch?.(record, history);
      const verdict = judgeEpoch(record, best, lastReduction, learningRate, settings);
      const weights = hooks.onResumePoint ? copyArrays(await Promise.all(model.getWeights().map((w) => w.data() as Promise<Float32Array>))) : null;
      if (verdict.kind === 'improved') {
        best?.weights.forEach((w) => w.dispose());
        best = { loss: verdict.loss, epoch, weights: model.getWeights().map((w) => w.clone()) };
        bestArrays = weights;
      } else if (verdict.kind === 'stop') {
        stoppedBy = 'early-stopping';
        break;
      } else if (verdict.kind === 'halve') {
        learningRate = verdict.learningRate;
        optimizer.setLearningRate(learningRate);
        lastReduction = epoch;
      }
      if (stoppedBy === 'user') break;
      if (hooks.onResumePoint && weights) {
        const bestPoint = best && bestArrays ? { loss: best.loss, epoch: best.epoch, weights: bestArrays } : null;
        await hooks.onResumePoint({ epoch, history: [...history], weights, best: bestPoint, learningRate, lastReduction, samplesSeen, seconds: (performance.now() - started) / 1000 });
      }
      await yieldToEventLoop();
      lastYield = performance.now();
    }
    if (best) model.setWeights(best.weights);
  } finally {
    dropout.restore();
    best?.weights.forEach((w) => w.dispose());
    xTrain.dispose();
    yTrain.dispose();
    yTrainClass.dispose();
    xVal?.dispose();
    yVal?.dispose();
    optimizer.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    history,
    bestEpoch: best?.epoch ?? history.length,
    stoppedBy,
    seconds,
    samplesSeen,
    samplesPerSecond: seconds > 0 ? samplesSeen / seconds : 0,
  };
}

export { TrainingDivergedError } from './training-diverged';
