/**
 * One training job for every data source (tables, images) and every task (classification,
 * regression): validate settings, prepare the source, train each candidate (closed form for linear
 * regression, the shared loop otherwise), keep the best on validation loss, evaluate on the test
 * split with the task's metrics, and return the result JSON plus the model.
 */
import type { ImageShape } from '../data/images/image-shape';
import { textAwareSpec } from '../models/text-defaults';
import * as tf from '@tensorflow/tfjs';
import { DataError } from '../lib/errors';
import { buildModel } from '../models/build-model';
import { fitLeastSquares } from '../models/least-squares';
import { describeModel, validateModelSpec, type ModelSpec } from '../models/spec';
import type { FittedPreprocessor } from '../preprocess/fitted';
import type { SplitIndices } from '../preprocess/split';
import type { JobProgress, TrainJob } from './job';
import type { CandidateSummary, TrainingResult } from './result';
import { BACKEND_LABELS, type BackendName } from './settings';
import { validateTrainSettings } from './settings';
import { seedMathRandom } from './seeded-scope';
import type { TaskDecision } from './task';
import { evaluateClassification, evaluateRegression, foldTargetScaling, taskDefinition } from './task-definitions';
import { regressionLossMean, type EpochRecord, type TrainingData, type TrainingOutcome } from './train-loop';
import { predictProbabilities } from '../models/predict-probabilities';
import type { RunMarkName } from './run-timings';
import { isFullBatchLogreg, trainFullBatchLogreg } from './full-batch-logreg';
import { trainWithRecovery, type BackendRecovery, type Resumption } from './device-recovery';
import { describeTrainingDefaults, trainingFor } from './model-training';

/** What a training job is told about its backend (runtime/tf-runtime.ts's backendContext). */
export interface JobBackend {
  name: BackendName;
  reason: string;
  adapter?: string;
  /** WASM: the threads XNNPACK runs on. */
  threads?: number;
}

export interface JobContext {
  signal: AbortSignal;
  progress: (progress: JobProgress) => void;
  backend: JobBackend;
  /** Stamps a point of the run for the runner's timings (train/run-timings.ts). */
  mark?: (name: RunMarkName) => void;
  /** Device-failure fallback (the worker's runtime); absent: a failing device fails the job. */
  recovery?: BackendRecovery;
}

export interface TrainedModel {
  model: tf.LayersModel;
  preprocessing: FittedPreprocessor | null;
  exampleShape: number[];
  /** Classification: class names in output order; regression: empty (one output, the target in original units). */
  classes: string[];
  /** Image models: input size and channels. */
  image?: ImageShape;
}

/** A regression model: its preprocessing says so (preprocessing.json → target.task). */
export function isRegressionModel(trained: Pick<TrainedModel, 'preprocessing'>): boolean {
  return trained.preprocessing?.target.task === 'regression';
}

/** A data source turned into model inputs: what the job needs, whatever the source. */
export interface PreparedSource {
  task: TaskDecision;
  features: Float32Array;
  /** Shape of one example for a model kind (images: [h, w, c] for a CNN, flat otherwise). */
  exampleShapeFor(spec: ModelSpec): number[];
  /** Class index per row (classification) or stratum (regression). */
  labels: Int32Array;
  /** Regression: target per row, original units. */
  targets: Float64Array | null;
  classes: string[];
  split: SplitIndices;
  preprocessing: FittedPreprocessor | null;
  rows: number;
  warnings: string[];
  /** Source row numbers of prepared rows (for --include-split). */
  sourceRows(indices: Int32Array): number[];
  /** Per-batch input transform while training (image augmentation). */
  augment?: (batch: tf.Tensor) => tf.Tensor;
  /** Candidate models when the source fixes them (images); else the task decides. */
  candidates?: ModelSpec[];
  /** Adds source-specific fields to the result after evaluation (images: augmentation, mistakes). */
  finish?: (result: TrainingResult, test: { probabilities: Float32Array; yTrue: Int32Array; model: tf.LayersModel }) => void;
  evaluatingMessage: string;
  image?: TrainedModel['image'];
  /** Text CNN sources: rows of the embedding (word ids plus padding and out-of-vocabulary). */
  vocabularySize?: number;
}

interface Run {
  spec: ModelSpec;
  model: tf.LayersModel;
  outcome: TrainingOutcome;
}

/** Closed-form linear regression, packed as a one-layer TF.js model so export and prediction stay uniform. */
function fitLinear(spec: ModelSpec, source: PreparedSource, exampleShape: number[], standardized: Float32Array, loss: 'mse' | 'mae' | 'huber', seed: number): Run {
  const started = performance.now();
  const p = exampleShape.reduce((a, b) => a * b, 1);
  const train = source.split.train;
  // Ridge α for the per-row L2 the loop uses (λ·Σw² added to the mean loss) is n·λ.
  const fit = fitLeastSquares(source.features, p, standardized, train, spec.l2 * train.length);
  const model = buildModel(spec, exampleShape, 1, seed, 'linear');
  const weights = [tf.tensor2d(Float32Array.from(fit.weights), [p, 1]), tf.tensor1d([fit.intercept])];
  model.setWeights(weights);
  tf.dispose(weights);
  const lossOn = (rows: Int32Array) => {
    const y = Float64Array.from(rows, (r) => standardized[r]);
    const pred = Float64Array.from(rows, (r) => {
      let s = fit.intercept;
      for (let j = 0; j < p; j++) s += source.features[r * p + j] * fit.weights[j];
      return s;
    });
    return regressionLossMean(y, pred, loss);
  };
  const seconds = (performance.now() - started) / 1000;
  const record: EpochRecord = {
    epoch: 1,
    loss: lossOn(train),
    accuracy: Number.NaN,
    valLoss: source.split.validation.length > 0 ? lossOn(source.split.validation) : null,
    valAccuracy: null,
    seconds,
    learningRate: 0,
  };
  return { spec, model, outcome: { history: [record], bestEpoch: 1, stoppedBy: 'epochs', seconds, samplesSeen: train.length, samplesPerSecond: train.length / Math.max(1e-9, seconds) } };
}

export async function runTrainingJob(job: TrainJob, source: PreparedSource, datasetName: string, context: JobContext): Promise<{ result: TrainingResult; trained: TrainedModel }> {
  const settingsProblem = validateTrainSettings(job.training);
  if (settingsProblem) throw new DataError('invalid_settings', settingsProblem);
  const task = taskDefinition(source.task.task);
  const { split } = source;
  if (split.test.length === 0) throw new DataError('too_few_rows', 'The test split is empty; raise the test fraction or add rows.');
  const candidates = (source.candidates ?? task.candidates(job, split.train.length, split.validation.length > 0)).map((spec) => textAwareSpec(spec, source.preprocessing, split.train.length));
  for (const spec of candidates) {
    const problem = validateModelSpec(spec);
    if (problem) throw new DataError('invalid_model', problem);
  }
  const loss = job.training.loss ?? 'mse';
  const stats = source.preprocessing?.target.stats;
  const regression = task.kind === 'regression';
  if (regression && (!source.targets || !stats)) throw new Error('A regression job needs targets and their training statistics.');
  const standardized = regression && source.targets && stats ? Float32Array.from(source.targets, (y) => (y - stats.mean) / stats.std) : null;
  const outputUnits = task.outputUnits(source.classes.length);

  const restoreRandom = seedMathRandom(job.training.seed);
  const runs: Run[] = [];
  let backendNow = context.backend.name;
  const resumptions: Resumption[] = [];
  const trainingNotes: string[] = [];
  try {
    for (const spec of candidates) {
      if (context.signal.aborted && runs.length > 0) break;
      const candidate = describeModel(spec);
      const exampleShape = source.exampleShapeFor(spec);
      if (spec.kind === 'linear') {
        if (!standardized) throw new DataError('model_mismatch', 'Linear regression needs a regression task.');
        runs.push(fitLinear(spec, source, exampleShape, standardized, loss, job.training.seed));
        const record = runs[runs.length - 1].outcome.history[0];
        context.progress({ phase: 'epoch', candidate, record });
        continue;
      }
      if (isFullBatchLogreg(spec)) {
        if (regression) throw new DataError('model_mismatch', 'Logistic regression needs a classification target.');
        const fitted = await trainFullBatchLogreg(
          spec,
          { features: source.features, exampleShape, labels: source.labels, classCount: outputUnits },
          split.train,
          split.validation,
          job.training.seed,
          () => context.signal.aborted,
        );
        runs.push({ spec, model: fitted.model, outcome: fitted.outcome });
        if (fitted.outcome.history.length > 0) context.progress({ phase: 'epoch', candidate, record: fitted.outcome.history[0] });
        continue;
      }
      const data: TrainingData = {
        features: source.features,
        exampleShape,
        labels: source.labels,
        classCount: outputUnits,
        train: split.train,
        validation: split.validation,
        ...(standardized ? { targets: standardized } : {}),
      };
      // Per-model defaults (settings table → modelTraining), e.g. the text CNN's short patience.
      const training = trainingFor(spec.kind, job.training);
      const note = describeTrainingDefaults(candidate, job.training, training);
      if (note) trainingNotes.push(note);
      const trained = await trainWithRecovery(
        () => buildModel(spec, exampleShape, outputUnits, job.training.seed, task.head, source.vocabularySize),
        data,
        training,
        {
          l2: spec.l2,
          loss,
          augment: source.augment,
          shouldStop: () => context.signal.aborted,
          onBatch: (p) => context.progress({ phase: 'training', candidate, ...p }),
          onStart: () => context.mark?.('first-batch-start'),
          onEpoch: (record) => context.progress({ phase: 'epoch', candidate, record }),
        },
        backendNow,
        context.recovery && {
          ...context.recovery,
          fallback: async (error, from) => {
            const next = await context.recovery?.fallback(error, from);
            if (next) context.progress({ phase: 'backend', message: `${BACKEND_LABELS[from]} ${next.cause}; continuing on ${BACKEND_LABELS[next.to]} from the last completed epoch…` });
            return next ?? null;
          },
        },
      );
      backendNow = trained.backend;
      for (const r of trained.resumptions) resumptions.push(r);
      runs.push({ spec, model: trained.model, outcome: trained.outcome });
    }
  } catch (error) {
    runs.forEach((r) => r.model.dispose());
    throw error;
  } finally {
    restoreRandom();
  }
  if (runs.length === 0 || runs.every((r) => r.outcome.history.length === 0)) {
    runs.forEach((r) => r.model.dispose());
    throw new DataError('cancelled', 'Training was stopped before the first epoch finished; no model was kept.');
  }

  const bestLoss = (o: TrainingOutcome) => {
    const h = o.history[o.bestEpoch - 1];
    return h ? (h.valLoss ?? h.loss) : Number.POSITIVE_INFINITY;
  };
  const usable = runs.filter((r) => r.outcome.history.length > 0);
  const winner = usable.reduce((a, b) => (bestLoss(b.outcome) < bestLoss(a.outcome) - 1e-4 ? b : a));
  for (const r of runs) if (r !== winner) r.model.dispose();
  // Linear weights were solved on the standardized target too: every regression model answers in original units from here on.
  if (regression && stats) foldTargetScaling(winner.model, stats);

  context.progress({ phase: 'evaluating', message: source.evaluatingMessage });
  const exampleShape = source.exampleShapeFor(winner.spec);
  const outputs = await predictProbabilities(winner.model, source.features, exampleShape, split.test);
  const yTrue = Int32Array.from(split.test, (r) => source.labels[r]);
  let metrics: TrainingResult['metrics'];
  let preprocessing = source.preprocessing;
  let regressionDetails: TrainingResult['regression'];
  if (regression && source.targets && stats) {
    const targets = source.targets;
    const validation =
      split.validation.length > 0
        ? { actual: Float64Array.from(split.validation, (r) => targets[r]), predicted: await predictProbabilities(winner.model, source.features, exampleShape, split.validation) }
        : null;
    const evaluated = evaluateRegression(
      outputs,
      Float64Array.from(split.test, (r) => targets[r]),
      stats,
      validation,
      source.preprocessing?.target.name ?? 'target',
      loss,
    );
    metrics = evaluated.metrics;
    regressionDetails = evaluated.details;
    // The interval travels with the model (preprocessing.json), so predictions anywhere can show it.
    if (evaluated.details.interval && preprocessing) preprocessing = { ...preprocessing, target: { ...preprocessing.target, interval: evaluated.details.interval } };
  } else {
    metrics = evaluateClassification(outputs, yTrue, source.classes);
  }

  const summaries: CandidateSummary[] = runs.map((r) => {
    const h = r.outcome.history[r.outcome.bestEpoch - 1];
    return { model: r.spec, description: describeModel(r.spec), bestValLoss: h?.valLoss ?? null, bestValAccuracy: h?.valAccuracy ?? null, epochs: r.outcome.history.length };
  });
  const outcome = winner.outcome;
  const seconds = runs.reduce((s, r) => s + r.outcome.seconds, 0);
  const result: TrainingResult = {
    finishedAt: new Date().toISOString(),
    datasetName,
    rows: source.rows,
    classes: source.classes,
    split: { train: split.train.length, validation: split.validation.length, test: split.test.length },
    modelChoice: job.model,
    model: winner.spec,
    modelDescription: describeModel(winner.spec),
    backend: backendNow,
    backendReason: resumptions.length > 0 ? `${resumptions.map((r) => r.message).join(' ')} Chosen first: ${context.backend.reason}` : context.backend.reason,
    prepare: job.prepare,
    settings: job.training,
    preprocessing,
    task: task.kind,
    metrics,
    ...(regressionDetails ? { regression: regressionDetails } : {}),
    training: {
      epochs: outcome.history.length,
      bestEpoch: outcome.bestEpoch,
      stoppedBy: outcome.stoppedBy,
      seconds,
      samplesPerSecond: runs.reduce((s, r) => s + r.outcome.samplesSeen, 0) / Math.max(1e-9, seconds),
      history: outcome.history,
    },
    warnings: [...resumptions.map((r) => r.message), ...source.warnings, ...trainingNotes],
  };
  if (resumptions.length > 0) result.recovery = resumptions;
  if (context.backend.adapter && backendNow === context.backend.name) result.adapter = context.backend.adapter;
  if (context.backend.threads && backendNow === context.backend.name) result.threads = context.backend.threads;
  if (job.includeSplit) result.splitRows = { train: source.sourceRows(split.train), validation: source.sourceRows(split.validation), test: source.sourceRows(split.test) };
  if (summaries.length > 1) {
    const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(4));
    result.autoSelection = {
      candidates: summaries,
      reason: `Auto chose ${describeModel(winner.spec)}: best validation loss${regression ? ` (${loss}, standardized target)` : ''} ${summaries.map((s) => `${s.description} ${fmt(s.bestValLoss)}`).join(' vs ')}.`,
    };
  }
  source.finish?.(result, { probabilities: outputs, yTrue, model: winner.model });
  return {
    result,
    trained: { model: winner.model, preprocessing, exampleShape, classes: source.classes, ...(source.image ? { image: source.image } : {}) },
  };
}
