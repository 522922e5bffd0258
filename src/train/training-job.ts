import * as tf from '@tensorflow/tfjs';
import type { Table } from '../data/table';
import type { ColumnProfile } from '../data/profile';
import { DataError } from '../lib/errors';
import { buildModel } from '../models/build-model';
import { describeModel, validateModelSpec, type ModelSpec } from '../models/spec';
import { prepareTable, type PreparedData } from '../preprocess/prepare';
import type { FittedPreprocessor } from '../preprocess/fitted';
import type { JobProgress, TrainJob } from './job';
import type { CandidateSummary, TrainingResult } from './result';
import type { BackendName } from './settings';
import { validateTrainSettings } from './settings';
import { seedMathRandom } from './seeded-scope';
import { evaluateTestSplit } from './test-evaluation';
import { predictProbabilities } from '../models/predict-probabilities';
import { trainModel, type TrainingData, type TrainingOutcome } from './train-loop';

export interface JobContext {
  signal: AbortSignal;
  progress: (progress: JobProgress) => void;
  backend: { name: BackendName; reason: string; adapter?: string };
}

export interface TrainedModel {
  model: tf.LayersModel;
  preprocessing: FittedPreprocessor | null;
  exampleShape: number[];
  classes: string[];
  /** Image models: input size and channels. */
  image?: { width: number; height: number; channels: 1 | 3 };
}

/** Below this many training rows "auto" compares logistic regression with an MLP on validation loss. */
const AUTO_COMPARE_MAX_ROWS = 20_000;

function candidatesFor(job: TrainJob, trainRows: number, hasValidation: boolean): ModelSpec[] {
  if (job.model === 'logreg') return [job.specs.logreg];
  if (job.model === 'mlp') return [job.specs.mlp];
  if (job.model === 'cnn') throw new DataError('model_mismatch', 'A CNN needs an image dataset; choose logistic regression, MLP or Auto for a table.');
  if (!hasValidation) return [trainRows <= 1000 ? job.specs.logreg : job.specs.mlp];
  return trainRows <= AUTO_COMPARE_MAX_ROWS ? [job.specs.logreg, job.specs.mlp] : [job.specs.mlp];
}

/** Prepares the table, trains (comparing candidates for "auto"), evaluates on the test split. */
export async function runTableTraining(
  job: TrainJob,
  table: Table,
  profiles: ColumnProfile[],
  datasetName: string,
  context: JobContext,
): Promise<{ result: TrainingResult; trained: TrainedModel }> {
  const settingsProblem = validateTrainSettings(job.training);
  if (settingsProblem) throw new DataError('invalid_settings', settingsProblem);
  context.progress({ phase: 'preparing', message: 'Preparing features (fitted on the training split)…' });
  const prepared: PreparedData = prepareTable(table, profiles, job.prepare);
  if (prepared.split.test.length === 0) throw new DataError('too_few_rows', 'The test split is empty; raise the test fraction or add rows.');
  const data: TrainingData = {
    features: prepared.features,
    exampleShape: [prepared.fitted.inputSize],
    labels: prepared.labels,
    classCount: prepared.fitted.target.classes.length,
    train: prepared.split.train,
    validation: prepared.split.validation,
  };
  const candidates = candidatesFor(job, data.train.length, data.validation.length > 0);
  for (const spec of candidates) {
    const problem = validateModelSpec(spec);
    if (problem) throw new DataError('invalid_model', problem);
  }

  const restoreRandom = seedMathRandom(job.training.seed);
  const runs: { spec: ModelSpec; model: tf.LayersModel; outcome: TrainingOutcome }[] = [];
  try {
    for (const spec of candidates) {
      if (context.signal.aborted && runs.length > 0) break;
      const candidate = describeModel(spec);
      const model = buildModel(spec, data.exampleShape, data.classCount, job.training.seed);
      const outcome = await trainModel(model, data, job.training, {
        l2: spec.l2,
        shouldStop: () => context.signal.aborted,
        onBatch: (p) => context.progress({ phase: 'training', candidate, ...p }),
        onEpoch: (record) => context.progress({ phase: 'epoch', candidate, record }),
      });
      runs.push({ spec, model, outcome });
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

  context.progress({ phase: 'evaluating', message: 'Evaluating on the held-out test split…' });
  const probabilities = await predictProbabilities(winner.model, data.features, data.exampleShape, prepared.split.test);
  const classes = prepared.fitted.target.classes;
  const metrics = evaluateTestSplit(probabilities, Int32Array.from(prepared.split.test, (r) => data.labels[r]), classes);

  const summaries: CandidateSummary[] = runs.map((r) => {
    const h = r.outcome.history[r.outcome.bestEpoch - 1];
    return { model: r.spec, description: describeModel(r.spec), bestValLoss: h?.valLoss ?? null, bestValAccuracy: h?.valAccuracy ?? null, epochs: r.outcome.history.length };
  });
  const outcome = winner.outcome;
  const result: TrainingResult = {
    finishedAt: new Date().toISOString(),
    datasetName,
    rows: prepared.labels.length,
    classes,
    split: { train: data.train.length, validation: data.validation.length, test: prepared.split.test.length },
    modelChoice: job.model,
    model: winner.spec,
    modelDescription: describeModel(winner.spec),
    backend: context.backend.name,
    backendReason: context.backend.reason,
    prepare: job.prepare,
    settings: job.training,
    preprocessing: prepared.fitted,
    metrics,
    training: {
      epochs: outcome.history.length,
      bestEpoch: outcome.bestEpoch,
      stoppedBy: outcome.stoppedBy,
      seconds: runs.reduce((s, r) => s + r.outcome.seconds, 0),
      samplesPerSecond: runs.reduce((s, r) => s + r.outcome.samplesSeen, 0) / Math.max(1e-9, runs.reduce((s, r) => s + r.outcome.seconds, 0)),
      history: outcome.history,
    },
    warnings: prepared.warnings,
  };
  if (context.backend.adapter) result.adapter = context.backend.adapter;
  if (job.includeSplit) {
    const rows = (indices: Int32Array) => Array.from(indices, (i) => prepared.tableRows[i]);
    result.splitRows = { train: rows(prepared.split.train), validation: rows(prepared.split.validation), test: rows(prepared.split.test) };
  }
  if (summaries.length > 1) {
    const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(4));
    result.autoSelection = {
      candidates: summaries,
      reason: `Auto chose ${describeModel(winner.spec)}: best validation loss ${summaries.map((s) => `${s.description} ${fmt(s.bestValLoss)}`).join(' vs ')}.`,
    };
  }
  return {
    result,
    trained: { model: winner.model, preprocessing: prepared.fitted, exampleShape: data.exampleShape, classes },
  };
}
