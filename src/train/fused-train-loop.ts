import * as tf from '@tensorflow/tfjs';
import { createRandom, deriveSeed, shuffleInPlace } from '../data/random';
import { FusedDenseTrainer, FUSED_MAX_BYTES, type DenseNetPlan } from '../runtime/fused-dense/trainer';
import { simdAvailable } from '../runtime/fused-dense/kernels';
import type { TrainSettings } from './settings';
import { yieldToEventLoop } from '../lib/yield';
import type { EpochRecord, TrainingData, TrainingOptions, TrainingOutcome } from './train-loop';
import { judgeEpoch } from './epoch-verdict';
import { stepDropoutSeeds } from './dropout-seeds';

/** Backends on which the fused trainer replaces TF.js for dense nets (the GPU backends keep TF.js). */
const FUSED_BACKENDS = new Set(['wasm', 'cpu']);

/**
 * The dense network `model` is, if the fused trainer can train it exactly as TF.js would: a Sequential
 * of Dense layers with bias (ReLU hidden, softmax last), each hidden one optionally followed by Dropout,
 * on flat table rows, on the WASM or CPU backend, without a per-batch transform. Otherwise null.
 */
export function fusedDensePlan(model: tf.LayersModel, data: TrainingData, hooks: TrainingOptions, batchSize: number): DenseNetPlan | null {
  if (hooks.augment || hooks.fused === false) return null;
  if (!FUSED_BACKENDS.has(tf.getBackend()) || !simdAvailable()) return null;
  if (data.exampleShape.length !== 1) return null;
  const hidden: DenseNetPlan['hidden'] = [];
  const inputs = data.exampleShape[0];
  let classes = 0;
  const layers = model.layers;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    const config = layer.getConfig();
    const last = i === layers.length - 1;
    if (layer.getClassName() === 'Dense') {
      if (classes > 0) return null;
      if (config.useBias !== true || config.kernelRegularizer || config.biasRegularizer || config.activityRegularizer) return null;
      if (config.kernelConstraint || config.biasConstraint) return null;
      const units = Number(config.units);
      const activation = config.activation;
      if (last) {
        if (activation !== 'softmax' || units !== data.classCount) return null;
        classes = units;
      } else {
        if (activation !== 'relu') return null;
        hidden.push({ units, dropout: 0 });
      }
    } else if (layer.getClassName() === 'Dropout') {
      const rate = Number(config.rate);
      if (hidden.length === 0 || hidden[hidden.length - 1].dropout > 0 || config.noiseShape != null || config.seed != null) return null;
      if (!(rate >= 0 && rate < 1)) return null;
      hidden[hidden.length - 1].dropout = rate;
    } else {
      return null;
    }
  }
  if (classes === 0) return null;
  if (model.inputs[0]?.shape[1] !== inputs) return null;
  const plan = { inputs, hidden, classes };
  if (FusedDenseTrainer.bytesNeeded(plan, batchSize) > FUSED_MAX_BYTES) return null;
  return plan;
}

/**
 * trainModel for dense nets on WASM/CPU: the same epochs, shuffles, dropout masks, loss, early
 * stopping and learning-rate schedule as the TF.js loop, but each batch is one fused forward + backward
 * + optimizer step over flat buffers (src/runtime/fused-dense). The best weights are copied back into
 * `model` at the end, so evaluation, prediction and export stay on TF.js.
 */
export async function trainDenseFused(model: tf.LayersModel, plan: DenseNetPlan, data: TrainingData, settings: TrainSettings, hooks: TrainingOptions = {}): Promise<TrainingOutcome> {
  const n = data.train.length;
  const batchSize = Math.max(1, Math.min(settings.batchSize, n));
  const trainer = new FusedDenseTrainer(plan, batchSize, { kind: settings.optimizer, epsilon: tf.backend().epsilon(), l2: hooks.l2 ?? 0 });
  // getWeights returns the variables' own tensors: read, never dispose.
  const shapes = model.getWeights().map((w) => w.shape);
  trainer.setWeights(model.getWeights().map((w) => w.dataSync() as Float32Array));
  const random = createRandom(deriveSeed(settings.seed, 'shuffle'));
  const batches = Math.ceil(n / batchSize);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rows = new Int32Array(n);
  const labels = new Int32Array(n);
  const valLabels = Int32Array.from(data.validation, (r) => data.labels[r]);
  const resume = hooks.resumeFrom;
  const history: EpochRecord[] = resume ? [...resume.history] : [];
  let best: { loss: number; epoch: number; weights: Float32Array } | null = null;
  // The best weights as per-layer arrays, for resume points (the trainer's snapshot is one flat block).
  let bestArrays = resume?.best?.weights ?? null;
  if (resume?.best) {
    // The trainer's snapshot layout for the resumed best weights: load them, take the snapshot, then load the current ones.
    trainer.setWeights(resume.best.weights);
    best = { loss: resume.best.loss, epoch: resume.best.epoch, weights: trainer.snapshot() };
    trainer.setWeights(model.getWeights().map((w) => w.dataSync() as Float32Array));
  }
  let stoppedBy: TrainingOutcome['stoppedBy'] = 'epochs';
  let learningRate = resume?.learningRate ?? settings.learningRate;
  let lastReduction = resume?.lastReduction ?? 0;
  let samplesSeen = resume?.samplesSeen ?? 0;
  const yieldEvery = hooks.yieldEveryMs ?? 30;
  const started = performance.now() - (resume?.seconds ?? 0) * 1000;
  let lastYield = performance.now();
  // Replay the shuffles of the completed epochs, so the resumed run sees the rows in the same order.
  for (let epoch = 1; epoch <= (resume?.epoch ?? 0); epoch++) shuffleInPlace(order, random);
  // One dropout seed per dropout layer per step, derived from the run's seed as on the TF.js path.
  const hasDropout = plan.hidden.some((h) => h.dropout > 0);

  for (let epoch = (resume?.epoch ?? 0) + 1; epoch <= settings.epochs; epoch++) {
    const epochStarted = performance.now();
    shuffleInPlace(order, random);
    for (let i = 0; i < n; i++) {
      rows[i] = data.train[order[i]];
      labels[i] = data.labels[rows[i]];
    }
    let lossSum = 0;
    let correct = 0;
    let completed = 0;
    if (epoch === (resume?.epoch ?? 0) + 1) hooks.onStart?.();
    for (let b = 0; b < batches; b++) {
      if (hooks.shouldStop?.()) {
        stoppedBy = 'user';
        break;
      }
      const start = b * batchSize;
      const size = Math.min(batchSize, n - start);
      trainer.loadRows(data.features, rows, start, size);
      const result = trainer.trainBatch(size, labels, start, learningRate, hasDropout ? stepDropoutSeeds(settings.seed, epoch, b) : null);
      lossSum += result.loss * size;
      correct += result.correct;
      completed += size;
      samplesSeen += size;
      hooks.onBatch?.({ epoch, epochs: settings.epochs, batch: b + 1, batches });
      const now = performance.now();
      if (now - lastYield > yieldEvery) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    if (completed === 0) break;
    const validation = data.validation.length > 0 ? trainer.evaluate(data.features, data.validation, valLabels) : null;
    const record: EpochRecord = {
      epoch,
      loss: lossSum / completed,
      accuracy: correct / completed,
      valLoss: validation ? validation.lossSum / data.validation.length : null,
      valAccuracy: validation ? validation.correct / data.validation.length : null,
      seconds: (performance.now() - epochStarted) / 1000,
      learningRate,
    };
    history.push(record);
    hooks.onEpoch?.(record, history);
    const verdict = judgeEpoch(record, best, lastReduction, learningRate, settings);
    const weights = hooks.onResumePoint ? trainer.getWeights() : null;
    if (verdict.kind === 'improved') {
      best = { loss: verdict.loss, epoch, weights: trainer.snapshot() };
      bestArrays = weights;
    } else if (verdict.kind === 'stop') {
      stoppedBy = 'early-stopping';
      break;
    } else if (verdict.kind === 'halve') {
      learningRate = verdict.learningRate;
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
  if (best) trainer.restore(best.weights);
  // Back into the tf.LayersModel (best epoch's weights; the initial ones if no epoch finished).
  const trained = best ? trainer.getWeights().map((values, i) => tf.tensor(values, shapes[i], 'float32')) : null;
  if (trained) {
    model.setWeights(trained);
    tf.dispose(trained);
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
