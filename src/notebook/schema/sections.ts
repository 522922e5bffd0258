/**
 * Parsers for each part of the notebook document. Caps are generous for real work and small enough
 * that a hostile document cannot exhaust memory: see LIMITS.
 */
import type { ClassificationReport, ClassMetrics, RocCurve } from '../../evaluate';
import type { ImageSettings } from '../../data/images/settings';
import { DEFAULT_IMAGE_SETTINGS } from '../../data/images/settings';
import type { CnnLayerSpec, CnnSpec, LogisticRegressionSpec, MlpSpec, ModelSpec } from '../../models/spec';
import { DEFAULT_LOGREG, DEFAULT_MLP, validateModelSpec } from '../../models/spec';
import type { FittedCategoricalFeature, FittedFeature, FittedNumericFeature, FittedPreprocessor } from '../../preprocess/fitted';
import type { PrepareSettings } from '../../preprocess/settings';
import { DEFAULT_PREPARE } from '../../preprocess/settings';
import type { CandidateSummary, TrainingResult } from '../../train/result';
import type { TrainSettings } from '../../train/settings';
import { DEFAULT_TRAIN, validateTrainSettings } from '../../train/settings';
import type { EpochRecord } from '../../train/train-loop';
import type { ImageTrainingInfo, MisclassifiedImage } from '../../train/image-result';
import type { DatasetRef, EmbeddedModel, ModelSection } from '../document';
import { DEFAULT_CNN } from '../document';
import {
  array,
  boolean,
  dictionary,
  INVALID,
  jsonValue,
  measure,
  nullable,
  number,
  object,
  oneOf,
  optional,
  refine,
  required,
  string,
  union,
  withDefault,
  type Parser,
} from './parsers';

export const LIMITS = {
  shortText: 500,
  longText: 20_000,
  noteText: 100_000,
  cells: 1_000,
  classes: 1_000,
  columns: 10_000,
  categories: 10_000,
  inputSlots: 200_000,
  epochs: 10_000,
  curvePoints: 200_000,
  warnings: 1_000,
  /** Row numbers of each split, when a run kept them (benchmarks). */
  splitRows: 10_000_000,
  misclassified: 1_000,
  /** Inline dataset text inside a document (the share plan keeps links far below this). */
  inlineChars: 4_000_000,
  /** base64 characters of embedded weights (~6 MB of float32). */
  weightsBase64Chars: 8_000_000,
  weightTensors: 1_000,
} as const;

const shortText = string({ max: LIMITS.shortText });
const longText = string({ max: LIMITS.longText });
const count = number({ min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
const seed = number({ min: 0, max: 2 ** 32 - 1, integer: true });
const isoTime = string({ max: 40, pattern: /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/, hint: 'expected an ISO date and time' });
export const sha256Hex = string({ max: 64, pattern: /^[0-9a-f]{64}$/, hint: 'expected a SHA-256 as 64 lowercase hex digits' });
const activation = oneOf(['relu', 'tanh', 'elu', 'sigmoid'] as const);
const rowList = array(number({ min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }), { max: LIMITS.splitRows });
const classList = array(string({ max: LIMITS.shortText }), { max: LIMITS.classes });

// --- preparation, model, training settings ---------------------------------------------------------

export const prepareSettings: Parser<PrepareSettings> = object<PrepareSettings>({
  target: withDefault(nullable(shortText), () => DEFAULT_PREPARE.target),
  featureOverrides: withDefault(array(object({ name: required(shortText), include: required(boolean) }), { max: LIMITS.columns }), () => []),
  missing: withDefault(oneOf(['drop', 'mean', 'median', 'most_frequent'] as const), () => DEFAULT_PREPARE.missing),
  scaling: withDefault(oneOf(['standardize', 'minmax', 'none'] as const), () => DEFAULT_PREPARE.scaling),
  testFraction: withDefault(number({ min: 0, max: 0.9 }), () => DEFAULT_PREPARE.testFraction),
  validationFraction: withDefault(number({ min: 0, max: 0.9 }), () => DEFAULT_PREPARE.validationFraction),
  seed: withDefault(seed, () => DEFAULT_PREPARE.seed),
  maxCategories: withDefault(number({ min: 1, max: LIMITS.categories, integer: true }), () => DEFAULT_PREPARE.maxCategories),
});

const checkSpec = <T extends ModelSpec>(parser: Parser<T>): Parser<T> => refine(parser, (spec) => validateModelSpec(spec));

const logregSpec = checkSpec(object<LogisticRegressionSpec>({ kind: required(oneOf(['logreg'] as const)), l2: required(number({ min: 0, max: 1 })) }));
const mlpSpec = checkSpec(
  object<MlpSpec>({
    kind: required(oneOf(['mlp'] as const)),
    hidden: required(array(number({ min: 1, max: 4096, integer: true }), { max: 8 })),
    activation: required(activation),
    dropout: required(number({ min: 0, max: 0.99 })),
    l2: required(number({ min: 0, max: 1 })),
  }),
);
const cnnLayer: Parser<CnnLayerSpec> = union<CnnLayerSpec>('type', {
  conv: object({ type: required(oneOf(['conv'] as const)), filters: required(number({ min: 1, max: 4096, integer: true })), kernel: required(number({ min: 1, max: 11, integer: true })), activation: required(activation) }),
  maxpool: object({ type: required(oneOf(['maxpool'] as const)), size: required(number({ min: 2, max: 4, integer: true })) }),
  dropout: object({ type: required(oneOf(['dropout'] as const)), rate: required(number({ min: 0, max: 0.99 })) }),
  batchnorm: object({ type: required(oneOf(['batchnorm'] as const)) }),
  dense: object({ type: required(oneOf(['dense'] as const)), units: required(number({ min: 1, max: 4096, integer: true })), activation: required(activation) }),
});
const cnnSpec = checkSpec(object<CnnSpec>({ kind: required(oneOf(['cnn'] as const)), layers: required(array(cnnLayer, { max: 32 })), l2: required(number({ min: 0, max: 1 })) }));
const modelSpec: Parser<ModelSpec> = union<ModelSpec>('kind', { logreg: logregSpec, mlp: mlpSpec, cnn: cnnSpec });
const modelChoice = oneOf(['auto', 'logreg', 'mlp', 'cnn'] as const);

export const modelSection: Parser<ModelSection> = object<ModelSection>({
  choice: withDefault(modelChoice, () => 'auto'),
  logreg: withDefault(logregSpec, () => ({ ...DEFAULT_LOGREG })),
  mlp: withDefault(mlpSpec, () => ({ ...DEFAULT_MLP, hidden: [...DEFAULT_MLP.hidden] })),
  cnn: withDefault(cnnSpec, () => structuredClone(DEFAULT_CNN)),
});

const backendName = oneOf(['webgpu', 'webgl', 'wasm', 'cpu'] as const);

export const trainSettings: Parser<TrainSettings> = refine(
  object<TrainSettings>({
    optimizer: withDefault(oneOf(['adam', 'sgd'] as const), () => DEFAULT_TRAIN.optimizer),
    learningRate: withDefault(number({ min: 0, max: 10 }), () => DEFAULT_TRAIN.learningRate),
    batchSize: withDefault(number({ min: 1, max: 65536, integer: true }), () => DEFAULT_TRAIN.batchSize),
    epochs: withDefault(number({ min: 1, max: 10000, integer: true }), () => DEFAULT_TRAIN.epochs),
    earlyStopping: withDefault(boolean, () => DEFAULT_TRAIN.earlyStopping),
    patience: withDefault(number({ min: 1, max: 1000, integer: true }), () => DEFAULT_TRAIN.patience),
    reduceLearningRateAfter: withDefault(number({ min: 0, max: 1000, integer: true }), () => DEFAULT_TRAIN.reduceLearningRateAfter),
    seed: withDefault(seed, () => DEFAULT_TRAIN.seed),
    backend: withDefault(oneOf(['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const), () => DEFAULT_TRAIN.backend),
  }),
  validateTrainSettings,
);

export const imageSettings: Parser<ImageSettings> = object<ImageSettings>({
  width: withDefault(number({ min: 1, max: 4096, integer: true }), () => DEFAULT_IMAGE_SETTINGS.width),
  height: withDefault(number({ min: 1, max: 4096, integer: true }), () => DEFAULT_IMAGE_SETTINGS.height),
  channels: withDefault(oneOf(['auto', 1, 3] as const), () => DEFAULT_IMAGE_SETTINGS.channels),
  augmentation: withDefault(
    object<ImageSettings['augmentation']>({
      horizontalFlip: withDefault(boolean, () => false),
      shift: withDefault(number({ min: 0, max: 1 }), () => 0),
      rotation: withDefault(number({ min: 0, max: 360 }), () => 0),
    }),
    () => ({ ...DEFAULT_IMAGE_SETTINGS.augmentation }),
  ),
  maxTotalBytes: withDefault(number({ min: 1, max: 2 ** 53, integer: true }), () => DEFAULT_IMAGE_SETTINGS.maxTotalBytes),
  maxPixelsPerImage: withDefault(number({ min: 1, max: 2 ** 53, integer: true }), () => DEFAULT_IMAGE_SETTINGS.maxPixelsPerImage),
});

// --- dataset reference --------------------------------------------------------------------------------

/** Sample files are looked up by this name under samples/; no path may sneak in. */
const sampleFile = string({ max: 100, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*\.csv$/, hint: 'expected a sample file name such as iris.csv' });

/** Only web addresses a person could open: https, or http on this machine (local tests). */
export const datasetUrl: Parser<string> = (value, path, issues) => {
  const text = string({ max: 2000 })(value, path, issues);
  if (text === INVALID) return INVALID;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return issues.fail(path, `"${text.slice(0, 80)}" is not a web address`);
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol === 'https:' || (url.protocol === 'http:' && local)) return url.href;
  return issues.fail(path, `only https:// addresses are allowed for data, got ${url.protocol}`);
};

export const datasetRef: Parser<DatasetRef> = union<DatasetRef>('kind', {
  sample: object({ kind: required(oneOf(['sample'] as const)), name: required(shortText), file: required(sampleFile) }),
  file: object({
    kind: required(oneOf(['file'] as const)),
    name: required(shortText),
    bytes: required(count),
    sha256: optional(sha256Hex),
    inline: optional(string({ max: LIMITS.inlineChars })),
  }),
  url: object({ kind: required(oneOf(['url'] as const)), name: required(shortText), url: required(datasetUrl), sha256: optional(sha256Hex) }),
  images: object({
    kind: required(oneOf(['images'] as const)),
    name: required(shortText),
    source: required(oneOf(['folder', 'zip', 'idx', 'pixel-csv'] as const)),
    bytes: required(count),
    files: required(count),
    sha256: optional(sha256Hex),
  }),
});

// --- results ----------------------------------------------------------------------------------------------

const classMetrics: Parser<ClassMetrics> = object<ClassMetrics>({ precision: required(measure), recall: required(measure), f1: required(measure), support: required(count) });
const curve = array(measure, { max: LIMITS.curvePoints });
const rocCurve: Parser<RocCurve> = refine(object<RocCurve>({ fpr: required(curve), tpr: required(curve), thresholds: required(curve) }), (roc) =>
  roc.fpr.length === roc.tpr.length && roc.tpr.length === roc.thresholds.length ? null : 'fpr, tpr and thresholds must have the same length',
);

const confusion = refine(
  object<ClassificationReport['confusionMatrix']>({ labels: required(classList), matrix: required(array(array(count, { max: LIMITS.classes }), { max: LIMITS.classes })) }),
  ({ labels, matrix }) => (matrix.length === labels.length && matrix.every((row) => row.length === labels.length) ? null : `the matrix must be ${labels.length} × ${labels.length}, one row and column per label`),
);

export const classificationReport: Parser<ClassificationReport> = refine(
  object<ClassificationReport>({
    accuracy: required(measure),
    macroF1: required(measure),
    weightedF1: required(measure),
    macro: required(classMetrics),
    weighted: required(classMetrics),
    perClass: required(dictionary(classMetrics, { maxKeys: LIMITS.classes, maxKeyLength: LIMITS.shortText })),
    confusionMatrix: required(confusion),
    logLoss: optional(measure),
    rocAuc: optional(measure),
    roc: optional(rocCurve),
    rocAucMacroOvr: optional(measure),
  }),
  (m) => (m.confusionMatrix.labels.every((label) => Object.hasOwn(m.perClass, label)) ? null : 'perClass must have an entry for every label of the confusion matrix'),
);

const numericFeature: Parser<FittedNumericFeature> = object<FittedNumericFeature>({
  kind: required(oneOf(['numeric'] as const)),
  name: required(shortText),
  fill: required(number()),
  center: required(number()),
  scale: required(refine(number(), (s) => (s === 0 ? 'scale must not be 0' : null))),
  min: required(measure),
  max: required(measure),
  mean: required(measure),
  std: required(measure),
});
const categoricalFeature: Parser<FittedCategoricalFeature> = object<FittedCategoricalFeature>({
  kind: required(oneOf(['categorical'] as const)),
  name: required(shortText),
  categories: required(array(shortText, { max: LIMITS.categories })),
  fill: required(shortText),
  frequencies: required(array(measure, { max: LIMITS.categories })),
});

export const fittedPreprocessor: Parser<FittedPreprocessor> = object<FittedPreprocessor>({
  format: required(oneOf(['tau-preprocessing'] as const)),
  version: required(oneOf([1] as const)),
  target: required(object({ name: required(shortText), classes: required(classList) })),
  missing: required(oneOf(['drop', 'mean', 'median', 'most_frequent'] as const)),
  scaling: required(oneOf(['standardize', 'minmax', 'none'] as const)),
  features: required(array(union<FittedFeature>('kind', { numeric: numericFeature, categorical: categoricalFeature }), { max: LIMITS.columns })),
  inputSize: required(number({ min: 0, max: LIMITS.inputSlots, integer: true })),
  inputNames: required(array(shortText, { max: LIMITS.inputSlots })),
});

const epochRecord: Parser<EpochRecord> = object<EpochRecord>({
  epoch: required(count),
  loss: required(measure),
  accuracy: required(measure),
  valLoss: required(nullable(measure)),
  valAccuracy: required(nullable(measure)),
  // Older documents did not time epochs.
  seconds: withDefault(measure, () => NaN),
  // Older documents did not record the step size.
  learningRate: withDefault(measure, () => NaN),
});

const candidateSummary: Parser<CandidateSummary> = object<CandidateSummary>({
  model: required(modelSpec),
  description: required(shortText),
  bestValLoss: required(nullable(measure)),
  bestValAccuracy: required(nullable(measure)),
  epochs: required(count),
});

export const trainingResult: Parser<TrainingResult> = object<TrainingResult>({
  finishedAt: required(isoTime),
  datasetName: required(shortText),
  rows: required(count),
  classes: required(classList),
  split: required(object({ train: required(count), validation: required(count), test: required(count) })),
  modelChoice: required(modelChoice),
  model: required(modelSpec),
  modelDescription: required(shortText),
  autoSelection: optional(object({ candidates: required(array(candidateSummary, { max: 16 })), reason: required(longText) })),
  backend: required(backendName),
  backendReason: required(longText),
  adapter: optional(shortText),
  prepare: required(prepareSettings),
  settings: required(trainSettings),
  preprocessing: required(nullable(fittedPreprocessor)),
  metrics: required(classificationReport),
  training: required(
    object<TrainingResult['training']>({
      epochs: required(count),
      bestEpoch: required(count),
      stoppedBy: required(oneOf(['epochs', 'early-stopping', 'user'] as const)),
      seconds: required(measure),
      samplesPerSecond: required(measure),
      history: required(array(epochRecord, { max: LIMITS.epochs })),
    }),
  ),
  warnings: required(array(longText, { max: LIMITS.warnings })),
  splitRows: optional(object({ train: required(rowList), validation: required(rowList), test: required(rowList) })),
  image: optional(
    object<ImageTrainingInfo>({
      width: required(number({ min: 1, max: 4096, integer: true })),
      height: required(number({ min: 1, max: 4096, integer: true })),
      channels: required(oneOf([1, 3] as const)),
      augmentation: required(object({ horizontalFlip: required(boolean), shift: required(number({ min: 0, max: 1 })), rotation: required(number({ min: 0, max: 360 })) })),
      images: required(count),
    }),
  ),
  misclassified: optional(
    array(
      object<MisclassifiedImage>({
        index: required(count),
        source: required(shortText),
        trueClass: required(count),
        predictedClass: required(count),
        confidence: required(measure),
      }),
      { max: LIMITS.misclassified },
    ),
  ),
});

// --- embedded trained model ---------------------------------------------------------------------------

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Layer classes Tau Studio builds; a topology naming anything else is refused before TF.js sees it. */
const LAYER_CLASSES = new Set(['Sequential', 'Model', 'InputLayer', 'Dense', 'Dropout', 'Conv2D', 'MaxPooling2D', 'BatchNormalization', 'Flatten', 'Activation']);
/** Layer sizes above this would allocate huge tensors while TF.js builds the model. */
const MAX_LAYER_SIZE = 100_000;

/** Walks a Keras topology: known layer classes only, and no size that could allocate gigabytes. */
export function checkTopology(topology: unknown): string | null {
  const stack: unknown[] = [topology];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      // One by one: push(...node) throws RangeError for a huge array.
      for (const item of node) stack.push(item);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    const config = Object.hasOwn(record, 'config') ? record.config : undefined;
    if (typeof record.class_name === 'string' && typeof config === 'object' && config !== null && Object.hasOwn(config, 'name') && !LAYER_CLASSES.has(record.class_name)) {
      // Only layers have a config with a name; initializers and regularizers do not.
      return `the model uses a layer type Tau Studio does not build (${record.class_name.slice(0, 40)})`;
    }
    for (const [key, value] of Object.entries(record)) {
      if ((key === 'units' || key === 'filters') && (typeof value !== 'number' || value > MAX_LAYER_SIZE)) return `a layer's ${key} (${String(value).slice(0, 20)}) is too large`;
      if ((key === 'batch_input_shape' || key === 'kernel_size') && Array.isArray(value) && value.some((d) => typeof d === 'number' && d > MAX_LAYER_SIZE)) return `a layer's ${key} is too large`;
      stack.push(value);
    }
  }
  return null;
}

const weightSpec = object<EmbeddedModel['weightSpecs'][number]>({
  name: required(shortText),
  shape: required(array(number({ min: 0, max: 1e7, integer: true }), { max: 8 })),
  dtype: required(oneOf(['float32', 'int32', 'bool', 'string', 'complex64'] as const)),
});

export const embeddedModel: Parser<EmbeddedModel> = refine(
  object<EmbeddedModel>({
    resultsFinishedAt: required(isoTime),
    modelTopology: required(refine(jsonValue({ maxDepth: 32, maxNodes: 200_000 }), (t) => (typeof t === 'object' && t !== null && !Array.isArray(t) ? checkTopology(t) : 'expected an object')) as Parser<Record<string, unknown>>),
    weightSpecs: required(array(weightSpec, { max: LIMITS.weightTensors })),
    weightsBase64: required(string({ max: LIMITS.weightsBase64Chars, pattern: BASE64, hint: 'expected base64 text' })),
    exampleShape: required(array(number({ min: 1, max: 1e6, integer: true }), { min: 1, max: 4 })),
    classes: required(classList),
    preprocessing: required(nullable(fittedPreprocessor)),
    image: optional(object({ width: required(number({ min: 1, max: 4096, integer: true })), height: required(number({ min: 1, max: 4096, integer: true })), channels: required(oneOf([1, 3] as const)) })),
  }),
  (m) => {
    const values = m.weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
    const bytes = Math.floor((m.weightsBase64.length * 3) / 4) - (m.weightsBase64.endsWith('==') ? 2 : m.weightsBase64.endsWith('=') ? 1 : 0);
    return bytes === values * 4 ? null : `the weights are ${bytes} bytes but the specs describe ${values * 4}`;
  },
);
