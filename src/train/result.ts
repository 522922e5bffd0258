import type { Resumption } from './device-recovery';
import type { ClassificationReport } from '../evaluate';
import type { RegressionMetrics } from '../evaluate/regression-metrics';
import type { TaskKind } from './task';
import type { ModelChoice, ModelSpec } from '../models/spec';
import type { PrepareSettings } from '../preprocess/settings';
import type { FittedPreprocessor } from '../preprocess/fitted';
import type { BackendName, TrainSettings } from './settings';
import type { EpochRecord, TrainingOutcome } from './train-loop';
import type { ImageTrainingInfo, MisclassifiedImage } from './image-result';
import type { ClassTopTokens, TextMistake } from '../evaluate/text-insights';

/** What regression charts and predictions need beyond the metrics. */
export interface RegressionDetails {
  target: string;
  loss: 'mse' | 'mae' | 'huber';
  /** Test rows (at most MAX_REGRESSION_POINTS, evenly taken), original units. */
  actual: number[];
  predicted: number[];
  /** A prediction interval from validation residual quantiles (absent without a validation split). */
  interval?: { level: number; lower: number; upper: number };
  /** Mean prediction over every test row, original units (absent in results made before it was stored). */
  testPredictionMean?: number;
}

export const MAX_REGRESSION_POINTS = 2000;

export function taskOf(result: Pick<TrainingResult, 'task' | 'metrics'>): TaskKind {
  return result.task ?? ('mae' in result.metrics ? 'regression' : 'classification');
}

/** The classification report, or null for a regression result. */
export function classificationMetricsOf(result: Pick<TrainingResult, 'metrics'>): ClassificationReport | null {
  return 'mae' in result.metrics ? null : result.metrics;
}

export function regressionMetricsOf(result: Pick<TrainingResult, 'metrics'>): RegressionMetrics | null {
  return 'mae' in result.metrics ? result.metrics : null;
}

/**
 * The regression test metrics every export reports (metrics.json, the runner's `tau train` JSON): one list of
 * fields, so the two outputs cannot drift apart.
 */
export function regressionTestSummary(result: Pick<TrainingResult, 'metrics' | 'regression'>) {
  const r = regressionMetricsOf(result);
  if (!r) return null;
  return {
    mae: r.mae,
    rmse: r.rmse,
    r2: r.r2,
    mape: r.mape,
    ...(r.mapeNote ? { mapeNote: r.mapeNote } : {}),
    medianAbsoluteError: r.medianAbsoluteError,
    baselineMae: r.baselineMae,
    ...(result.regression?.interval ? { interval: result.regression.interval } : {}),
  };
}

/** A classifier's optional scores (present only where they are defined), for the same outputs. */
export function optionalClassificationScores(m: ClassificationReport) {
  return {
    ...(m.rocAuc !== undefined ? { rocAuc: m.rocAuc } : {}),
    ...(m.rocAucMacroOvr !== undefined ? { rocAucMacroOvr: m.rocAucMacroOvr } : {}),
    ...(m.logLoss !== undefined ? { logLoss: m.logLoss } : {}),
  };
}

/** A candidate tried by "auto" model selection. */
export interface CandidateSummary {
  model: ModelSpec;
  description: string;
  bestValLoss: number | null;
  bestValAccuracy: number | null;
  epochs: number;
}

/** Everything a finished training run produced, as plain JSON (stored in the notebook). */
export interface TrainingResult {
  finishedAt: string;
  datasetName: string;
  rows: number;
  classes: string[];
  split: { train: number; validation: number; test: number };
  modelChoice: ModelChoice;
  model: ModelSpec;
  modelDescription: string;
  /** Present when "auto" compared candidates: which, and why the winner. */
  autoSelection?: { candidates: CandidateSummary[]; reason: string };
  backend: BackendName;
  backendReason: string;
  adapter?: string;
  /** WASM: the threads XNNPACK ran on (absent on other backends and in results made before it was recorded). */
  threads?: number;
  prepare: PrepareSettings;
  settings: TrainSettings;
  preprocessing: FittedPreprocessor | null;
  /** absent in results made before regression existed: classification. */
  task?: TaskKind;
  /** Classification: the report on the test split; regression: MAE, RMSE, R², … (tell them apart with taskOf / regressionMetricsOf). */
  metrics: ClassificationReport | RegressionMetrics;
  /** Regression: test-split points for the charts and the prediction interval. */
  regression?: RegressionDetails;
  training: {
    epochs: number;
    bestEpoch: number;
    stoppedBy: TrainingOutcome['stoppedBy'];
    seconds: number;
    samplesPerSecond: number;
    history: EpochRecord[];
  };
  warnings: string[];
  /** Device failures the run survived (each also in `warnings`): which backend failed, where it resumed. */
  recovery?: Resumption[];
  /** Original (0-based) table rows of each split, when the job asked for them. */
  splitRows?: { train: number[]; validation: number[]; test: number[] };
  /** Image data sets: input size, augmentation, and the most confident mistakes on the test split. */
  image?: ImageTrainingInfo;
  misclassified?: MisclassifiedImage[];
  /** Text classifiers: the most confident mistakes on the test split as text snippets. */
  textMistakes?: TextMistake[];
  /** Linear model on bag-of-words inputs: the highest-weighted terms per class. */
  topTokens?: ClassTopTokens[];
}
