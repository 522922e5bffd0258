/** Parser for the notebook's optional `runs` (experiments): bounded, unknown keys dropped. */
import type { SearchBudget } from '../../search/budget';
import type { SearchReport } from '../../search/calls';
import type { TrialRecord } from '../../search/search';
import type { TrialSettings } from '../../search/space';
import { SEARCH_FAMILY_NAMES } from '../../search/families';
import { FULL_BATCH_LOGREG } from '../../settings/limits';
import type { RunCurves, RunMetrics, RunRecord } from '../runs';
import { MAX_CURVE_POINTS, MAX_RUNS } from '../runs';
import { array, measure, nullable, number, object, oneOf, optional, required, string, union, type Parser } from './parsers';
import { modelSpec, trainSettings } from './sections';

const shortText = string({ max: 500 });
const id = string({ max: 100, min: 1, pattern: /^[A-Za-z0-9_-]+$/, hint: 'expected an id of letters, digits, - and _' });
const count = number({ min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
const finite = number();
const curve = array(measure, { max: MAX_CURVE_POINTS });
const nullableCurve = array(nullable(measure), { max: MAX_CURVE_POINTS });

const curves: Parser<RunCurves> = object<RunCurves>({ loss: required(curve), accuracy: required(curve), valLoss: required(nullableCurve), valAccuracy: required(nullableCurve) });
const metrics: Parser<RunMetrics> = object<RunMetrics>({
  accuracy: optional(measure),
  macroF1: optional(measure),
  weightedF1: optional(measure),
  logLoss: optional(measure),
  rocAuc: optional(measure),
  mae: optional(finite),
  rmse: optional(finite),
  r2: optional(finite),
});

const trialSettings: Parser<TrialSettings> = object<TrialSettings>({
  family: required(oneOf(SEARCH_FAMILY_NAMES)),
  hidden: required(array(number({ min: 1, max: 4096, integer: true }), { max: 8 })),
  learningRate: required(number({ min: 0, max: 10 })),
  l2: required(number({ min: 0, max: 1 })),
  dropout: required(number({ min: 0, max: 0.99 })),
  batchSize: required(number({ min: 1, max: 65536, integer: true })),
  epochs: required(number({ min: 1, max: 10000, integer: true })),
  patience: required(number({ min: 1, max: 1000, integer: true })),
  cnn: optional(object<NonNullable<TrialSettings['cnn']>>({ preset: required(oneOf(['small', 'medium'] as const)), width: required(number({ min: 0.05, max: 16 })) })),
  textcnn: optional(
    object<NonNullable<TrialSettings['textcnn']>>({
      embeddingDim: required(number({ min: 1, max: 1024, integer: true })),
      filters: required(number({ min: 1, max: 4096, integer: true })),
      kernel: required(number({ min: 1, max: 64, integer: true })),
    }),
  ),
  text: optional(object<NonNullable<TrialSettings['text']>>({ vocabulary: required(number({ min: 1, max: 100_000, integer: true })), ngrams: required(number({ min: 1, max: 3, integer: true })) })),
  c: optional(number({ min: FULL_BATCH_LOGREG.cMin, max: FULL_BATCH_LOGREG.cMax })),
});

const trial: Parser<TrialRecord> = object<TrialRecord>({
  id: required(count),
  settings: required(trialSettings),
  rung: required(count),
  epochs: required(count),
  validation: required(
    object<TrialRecord['validation']>({
      metric: required(oneOf(['accuracy'] as const)),
      mean: required(measure),
      std: required(measure),
      loss: required(finite),
      folds: required(count),
      repeats: optional(count),
      searchFolds: optional(object<NonNullable<TrialRecord['validation']['searchFolds']>>({ mean: required(measure), std: required(measure), loss: required(finite), folds: required(count) })),
    }),
  ),
  bestEpoch: required(count),
  seconds: required(measure),
});

const budget: Parser<SearchBudget> = union<SearchBudget>('kind', {
  time: object({ kind: required(oneOf(['time'] as const)), seconds: required(number({ min: 0, max: 1e6 })) }),
  trials: object({ kind: required(oneOf(['trials'] as const)), count: required(number({ min: 0, max: 1e6, integer: true })) }),
});

const searchReport: Parser<SearchReport> = object<SearchReport>({
  budget: required(budget),
  validation: required(object<SearchReport['validation']>({ method: required(oneOf(['k-fold', 'holdout'] as const)), folds: required(count), rows: required(count) })),
  trials: required(array(trial, { max: 1000 })),
  best: required(
    object<SearchReport['best']>({
      id: required(count),
      settings: required(trialSettings),
      epochs: required(count),
      rule: optional(oneOf(['one-standard-error', 'grid-best-then-one-standard-error'] as const)),
    }),
  ),
  stoppedBy: required(oneOf(['budget', 'user', 'retrain'] as const)),
  searchSeconds: required(measure),
  finalFitSeconds: required(measure),
  seconds: required(measure),
  seed: required(count),
});

export const runRecord: Parser<RunRecord> = object<RunRecord>({
  id: required(id),
  finishedAt: required(string({ max: 40 })),
  kind: required(oneOf(['train', 'search', 'retrain'] as const)),
  datasetName: required(shortText),
  fingerprint: required(shortText),
  modelChoice: required(oneOf(['auto', 'logreg', 'mlp', 'cnn', 'textcnn'] as const)),
  model: required(modelSpec),
  modelDescription: required(shortText),
  settings: required(trainSettings),
  backend: required(oneOf(['webgpu', 'webgl', 'wasm', 'cpu'] as const)),
  split: required(object({ train: required(count), validation: required(count), test: required(count) })),
  metrics: required(metrics),
  seconds: required(measure),
  curves: optional(curves),
  search: optional(searchReport),
  dropped: optional(array(shortText, { max: 10 })),
});

export const runList: Parser<RunRecord[]> = array(runRecord, { max: MAX_RUNS });
