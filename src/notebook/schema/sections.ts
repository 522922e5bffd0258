/**
 * Parsers for each part of the notebook document. Caps are generous for real work and small enough
 * that a hostile document cannot exhaust memory: see LIMITS.
 */
import type { Resumption } from '../../train/device-recovery';
import { fittedPreprocessorProblem } from '../../preprocess/fitted-check';
import type { ClassificationReport, ClassMetrics, RocCurve } from '../../evaluate';
import type { RegressionMetrics } from '../../evaluate/regression-metrics';
import type { ImageSettings } from '../../data/images/settings';
import { DEFAULT_IMAGE_SETTINGS } from '../../data/images/settings';
import type { CnnLayerSpec, CnnSpec, LinearRegressionSpec, LogisticRegressionSpec, MlpSpec, ModelSpec, TextCnnSpec } from '../../models/spec';
import { DEFAULT_LOGREG, DEFAULT_MLP, validateModelSpec } from '../../models/spec';
import type { FittedCategoricalFeature, FittedFeature, FittedNumericFeature, FittedPreprocessor, FittedTextFeature, TargetStats } from '../../preprocess/fitted';
import type { TokenizerSettings } from '../../preprocess/text/tokenizer';
import type { PrepareSettings } from '../../preprocess/settings';
import { DEFAULT_PREPARE } from '../../preprocess/settings';
import type { CandidateSummary, RegressionDetails, TrainingResult } from '../../train/result';
import type { TrainSettings } from '../../train/settings';
import { DEFAULT_TRAIN, validateTrainSettings } from '../../train/settings';
import type { EpochRecord } from '../../train/train-loop';
import type { ImageTrainingInfo, MisclassifiedImage } from '../../train/image-result';
import { MAX_SNIPPET_CHARS, MAX_TEXT_MISTAKES, TOP_TOKENS_PER_CLASS, type ClassTopTokens, type TextMistake } from '../../evaluate/text-insights';
import type { DatasetRef, EmbeddedModel, ModelSection } from '../document';
import { DEFAULT_CNN } from '../../models/spec';
import { AUTO_LOAD, checkParameterBudget, DOCUMENT_LIMITS, FULL_BATCH_LOGREG, IMAGE_CAPS, IMAGE_RANGES, MODEL_RANGES, PREPARE_RANGES, TRAIN_RANGES, type Range } from '../../settings/limits';
import { countTopologyParameters } from '../../models/parameter-count';
import { checkTopology, checkTopologyBudget } from '../../models/topology-check';
import { array, boolean, dictionary, INVALID, isRecord, jsonValue, measure, nullable, number, object, oneOf, optional, refine, required, string, union, withDefault, type Parser } from './parsers';

/** Document caps come from the one settings table (src/settings/limits.json). */
export const LIMITS = DOCUMENT_LIMITS;

/** A number parser for a range of the settings table. */
const ranged = (range: Range) => number({ min: range.min, max: range.max, integer: range.integer });
/** A cap a document may lower but never raise: values above the table's cap are clamped to it. */
const cap =
  (max: number): Parser<number> =>
  (value, path, issues) => {
    const n = number({ min: 1, integer: true })(value, path, issues);
    return n === INVALID ? INVALID : Math.min(n, max);
  };

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
  maxCategories: withDefault(ranged(PREPARE_RANGES.maxCategories), () => DEFAULT_PREPARE.maxCategories),
  columnTypes: optional(array(object({ name: required(shortText), type: required(oneOf(['text', 'categorical'] as const)) }), { max: LIMITS.columns })),
  textVocabularySize: optional(number({ min: 1, max: 100_000, integer: true })),
  textMaxTokens: optional(number({ min: 1, max: 10_000, integer: true })),
  textWordNgrams: optional(number({ min: 1, max: 3, integer: true })),
  task: optional(oneOf(['auto', 'classification', 'regression'] as const)),
});

const checkSpec = <T extends ModelSpec>(parser: Parser<T>): Parser<T> => refine(parser, (spec) => validateModelSpec(spec));

const logregSpec = checkSpec(
  object<LogisticRegressionSpec>({
    kind: required(oneOf(['logreg'] as const)),
    l2: required(number({ min: 0, max: 1 })),
    solver: optional(oneOf(['lbfgs'] as const)),
    c: optional(number({ min: FULL_BATCH_LOGREG.cMin, max: FULL_BATCH_LOGREG.cMax })),
  }),
);
const linearSpec = checkSpec(object<LinearRegressionSpec>({ kind: required(oneOf(['linear'] as const)), l2: required(number({ min: 0, max: 1 })) }));
const mlpSpec = checkSpec(
  object<MlpSpec>({
    kind: required(oneOf(['mlp'] as const)),
    hidden: required(array(ranged(MODEL_RANGES.units), { max: MODEL_RANGES.hiddenLayers.max })),
    activation: required(activation),
    dropout: required(number({ min: 0, max: 0.99 })),
    l2: required(number({ min: 0, max: 1 })),
  }),
);
const cnnLayer: Parser<CnnLayerSpec> = union<CnnLayerSpec>('type', {
  conv: object({ type: required(oneOf(['conv'] as const)), filters: required(ranged(MODEL_RANGES.units)), kernel: required(ranged(MODEL_RANGES.kernel)), activation: required(activation) }),
  maxpool: object({ type: required(oneOf(['maxpool'] as const)), size: required(ranged(MODEL_RANGES.poolSize)) }),
  dropout: object({ type: required(oneOf(['dropout'] as const)), rate: required(number({ min: 0, max: 0.99 })) }),
  batchnorm: object({ type: required(oneOf(['batchnorm'] as const)) }),
  dense: object({ type: required(oneOf(['dense'] as const)), units: required(ranged(MODEL_RANGES.units)), activation: required(activation) }),
});
const cnnSpec = checkSpec(
  object<CnnSpec>({ kind: required(oneOf(['cnn'] as const)), layers: required(array(cnnLayer, { max: MODEL_RANGES.cnnLayers.max })), l2: required(number({ min: 0, max: 1 })) }),
);
const textCnnSpec = checkSpec(
  object<TextCnnSpec>({
    kind: required(oneOf(['textcnn'] as const)),
    embeddingDim: required(ranged(MODEL_RANGES.units)),
    filters: required(ranged(MODEL_RANGES.units)),
    kernel: required(ranged(MODEL_RANGES.kernel)),
    dropout: required(number({ min: 0, max: 0.99 })),
    l2: required(number({ min: 0, max: 1 })),
  }),
);
export const modelSpec: Parser<ModelSpec> = union<ModelSpec>('kind', { logreg: logregSpec, linear: linearSpec, mlp: mlpSpec, cnn: cnnSpec, textcnn: textCnnSpec });
const modelChoice = oneOf(['auto', 'logreg', 'linear', 'mlp', 'cnn', 'textcnn'] as const);

export const modelSection: Parser<ModelSection> = object<ModelSection>({
  choice: withDefault(modelChoice, () => 'auto'),
  logreg: withDefault(logregSpec, () => ({ ...DEFAULT_LOGREG })),
  mlp: withDefault(mlpSpec, () => ({ ...DEFAULT_MLP, hidden: [...DEFAULT_MLP.hidden] })),
  cnn: withDefault(cnnSpec, () => structuredClone(DEFAULT_CNN)),
  linear: optional(linearSpec),
  textcnn: optional(textCnnSpec),
});

const backendName = oneOf(['webgpu', 'webgl', 'wasm', 'cpu'] as const);

export const trainSettings: Parser<TrainSettings> = refine(
  object<TrainSettings>({
    optimizer: withDefault(oneOf(['adam', 'sgd'] as const), () => DEFAULT_TRAIN.optimizer),
    learningRate: withDefault(ranged(TRAIN_RANGES.learningRate), () => DEFAULT_TRAIN.learningRate),
    batchSize: withDefault(ranged(TRAIN_RANGES.batchSize), () => DEFAULT_TRAIN.batchSize),
    epochs: withDefault(ranged(TRAIN_RANGES.epochs), () => DEFAULT_TRAIN.epochs),
    earlyStopping: withDefault(boolean, () => DEFAULT_TRAIN.earlyStopping),
    patience: withDefault(ranged(TRAIN_RANGES.patience), () => DEFAULT_TRAIN.patience),
    reduceLearningRateAfter: withDefault(ranged(TRAIN_RANGES.reduceLearningRateAfter), () => DEFAULT_TRAIN.reduceLearningRateAfter),
    seed: withDefault(seed, () => DEFAULT_TRAIN.seed),
    backend: withDefault(oneOf(['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const), () => DEFAULT_TRAIN.backend),
    loss: optional(oneOf(['mse', 'mae', 'huber'] as const)),
  }),
  validateTrainSettings,
);

export const imageSettings: Parser<ImageSettings> = object<ImageSettings>({
  width: withDefault(ranged(IMAGE_RANGES.size), () => DEFAULT_IMAGE_SETTINGS.width),
  height: withDefault(ranged(IMAGE_RANGES.size), () => DEFAULT_IMAGE_SETTINGS.height),
  channels: withDefault(oneOf(['auto', 1, 3] as const), () => DEFAULT_IMAGE_SETTINGS.channels),
  augmentation: withDefault(
    object<ImageSettings['augmentation']>({
      horizontalFlip: withDefault(boolean, () => false),
      shift: withDefault(ranged(IMAGE_RANGES.shift), () => 0),
      rotation: withDefault(ranged(IMAGE_RANGES.rotation), () => 0),
    }),
    () => ({ ...DEFAULT_IMAGE_SETTINGS.augmentation }),
  ),
  // Safety caps: a document can lower them, never raise them above the table's (older documents that
  // stored higher numbers open with the table's cap).
  maxTotalBytes: withDefault(cap(IMAGE_CAPS.maxTotalBytes), () => DEFAULT_IMAGE_SETTINGS.maxTotalBytes),
  maxPixelsPerImage: withDefault(cap(IMAGE_CAPS.maxPixelsPerImage), () => DEFAULT_IMAGE_SETTINGS.maxPixelsPerImage),
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

/** Columns of inline data (counted on its first line, by the most frequent delimiter), capped: a link's 20,000-column CSV is refused. */
export function inlineColumns(text: string): number {
  const end = text.indexOf('\n');
  const head = end < 0 ? text : text.slice(0, end);
  let most = 0;
  for (const d of [',', '\t', ';', '|']) {
    let n = 1;
    for (let i = head.indexOf(d); i >= 0; i = head.indexOf(d, i + 1)) n++;
    if (n > most) most = n;
  }
  return most;
}

function checkInlineColumns(text: string): string | null {
  const n = inlineColumns(text);
  return n > LIMITS.inlineColumns
    ? `the data stored in the notebook has ${n.toLocaleString('en-US')} columns; notebooks carry data of at most ${LIMITS.inlineColumns.toLocaleString('en-US')} columns (share a larger file by name instead)`
    : null;
}

export const datasetRef: Parser<DatasetRef> = union<DatasetRef>('kind', {
  sample: object({ kind: required(oneOf(['sample'] as const)), name: required(shortText), file: required(sampleFile) }),
  file: object({
    kind: required(oneOf(['file'] as const)),
    name: required(shortText),
    bytes: required(count),
    sha256: optional(sha256Hex),
    inline: optional(refine(string({ max: LIMITS.inlineChars }), checkInlineColumns)),
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

/**
 * A square-at-most-LIMITS.classes matrix of counts in one pass: a 1,000-class matrix has a million cells,
 * and the generic list parser builds a path string per cell (over a second on the page's main thread).
 */
const countMatrix: Parser<number[][]> = (value, path, issues) => {
  if (!Array.isArray(value)) return issues.fail(path, 'expected a list of rows of counts');
  if (value.length > LIMITS.classes) return issues.fail(path, `has ${value.length.toLocaleString('en-US')} rows; at most ${LIMITS.classes.toLocaleString('en-US')} are allowed`);
  const out: number[][] = [];
  for (let r = 0; r < value.length; r++) {
    const row: unknown = value[r];
    if (!Array.isArray(row)) return issues.fail(`${path}[${r}]`, 'expected a list of counts');
    if (row.length > LIMITS.classes) return issues.fail(`${path}[${r}]`, `has ${row.length.toLocaleString('en-US')} entries; at most ${LIMITS.classes.toLocaleString('en-US')} are allowed`);
    const copy = new Array<number>(row.length);
    for (let c = 0; c < row.length; c++) {
      const v: unknown = row[c];
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
        return issues.fail(`${path}[${r}][${c}]`, `expected a whole number of at least 0, got ${typeof v === 'number' ? String(v) : typeof v}`);
      copy[c] = v;
    }
    out.push(copy);
  }
  return out;
};

const confusion = refine(object<ClassificationReport['confusionMatrix']>({ labels: required(classList), matrix: required(countMatrix) }), ({ labels, matrix }) =>
  matrix.length === labels.length && matrix.every((row) => row.length === labels.length) ? null : `the matrix must be ${labels.length} × ${labels.length}, one row and column per label`,
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

const ngramRange = refine(array(number({ min: 1, max: 8, integer: true }), { min: 2, max: 2 }), ([lo, hi]) => (lo <= hi ? null : 'the smaller n comes first')) as unknown as Parser<[number, number]>;
const tokenizerSettings: Parser<TokenizerSettings> = object<TokenizerSettings>({
  normalization: required(oneOf(['NFKC'] as const)),
  lowercase: required(boolean),
  segmenter: required(oneOf(['intl-word'] as const)),
  wordNgrams: required(ngramRange),
  charNgrams: required(nullable(ngramRange)),
  maxCellChars: required(number({ min: 1, max: 1_000_000, integer: true })),
});
const textFeature: Parser<FittedTextFeature> = refine(
  object<FittedTextFeature>({
    kind: required(oneOf(['text'] as const)),
    name: required(shortText),
    tokenizer: required(tokenizerSettings),
    encoding: required(oneOf(['tfidf', 'sequence'] as const)),
    maxTokens: optional(number({ min: 1, max: 10_000, integer: true })),
    terms: required(array(shortText, { max: LIMITS.inputSlots })),
    idf: required(array(measure, { max: LIMITS.inputSlots })),
    sublinearTf: required(boolean),
    norm: required(oneOf(['l2'] as const)),
    medianTokens: required(measure),
    p95Tokens: required(measure),
    vocabularySeen: required(count),
    oovRate: required(measure),
  }),
  (f) => (f.encoding === 'sequence' ? (f.maxTokens === undefined ? 'a token-sequence feature needs maxTokens' : null) : f.idf.length === f.terms.length ? null : 'idf needs one weight per term'),
);

// The shape is read here; whether the values fit together is the check bundles use too (preprocess/fitted-check.ts).
export const fittedPreprocessor: Parser<FittedPreprocessor> = refine(
  object<FittedPreprocessor>({
    format: required(oneOf(['tau-preprocessing'] as const)),
    version: required(oneOf([1] as const)),
    target: required(
      object<FittedPreprocessor['target']>({
        name: required(shortText),
        classes: required(classList),
        task: optional(oneOf(['regression'] as const)),
        stats: optional(object<TargetStats>({ mean: required(number()), std: required(number()), min: required(number()), max: required(number()) })),
        interval: optional(object({ level: required(number({ min: 0, max: 1 })), lower: required(number()), upper: required(number()) })),
      }),
    ),
    missing: required(oneOf(['drop', 'mean', 'median', 'most_frequent'] as const)),
    scaling: required(oneOf(['standardize', 'minmax', 'none'] as const)),
    features: required(array(union<FittedFeature>('kind', { numeric: numericFeature, categorical: categoricalFeature, text: textFeature }), { max: LIMITS.columns })),
    inputSize: required(number({ min: 0, max: LIMITS.inputSlots, integer: true })),
    inputNames: required(array(shortText, { max: LIMITS.inputSlots })),
  }),
  fittedPreprocessorProblem,
);

const regressionMetrics: Parser<RegressionMetrics> = object<RegressionMetrics>({
  count: required(count),
  mae: required(measure),
  mse: required(measure),
  rmse: required(measure),
  r2: required(measure),
  mape: required(nullable(measure)),
  mapeNote: optional(longText),
  medianAbsoluteError: required(measure),
  baseline: required(object({ value: required(measure), mae: required(measure), rmse: required(measure), r2: required(measure) })),
  baselineMae: required(measure),
});

/** Classification reports and regression metrics share the field; a regression one is told by its `mae`. */
const taskMetrics: Parser<TrainingResult['metrics']> = (value, path, issues) =>
  isRecord(value) && Object.hasOwn(value, 'mae') ? regressionMetrics(value, path, issues) : classificationReport(value, path, issues);

const pointList = array(measure, { max: LIMITS.curvePoints });
export const regressionDetails: Parser<RegressionDetails> = refine(
  object<RegressionDetails>({
    target: required(shortText),
    loss: required(oneOf(['mse', 'mae', 'huber'] as const)),
    actual: required(pointList),
    predicted: required(pointList),
    interval: optional(object({ level: required(number({ min: 0, max: 1 })), lower: required(number()), upper: required(number()) })),
    testPredictionMean: optional(number()),
  }),
  (r) => (r.actual.length === r.predicted.length ? null : 'actual and predicted must have the same length'),
);

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
  threads: optional(number({ min: 1, max: 256, integer: true })),
  prepare: required(prepareSettings),
  settings: required(trainSettings),
  preprocessing: required(nullable(fittedPreprocessor)),
  task: optional(oneOf(['classification', 'regression'] as const)),
  metrics: required(taskMetrics),
  regression: optional(regressionDetails),
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
  recovery: optional(
    array(
      object<Resumption>({
        from: required(backendName),
        to: required(backendName),
        cause: required(shortText),
        failedEpoch: required(count),
        resumedFrom: required(count),
        message: required(longText),
      }),
      { max: 4 },
    ),
  ),
  splitRows: optional(object({ train: required(rowList), validation: required(rowList), test: required(rowList) })),
  image: optional(
    object<ImageTrainingInfo>({
      width: required(ranged(IMAGE_RANGES.size)),
      height: required(ranged(IMAGE_RANGES.size)),
      channels: required(oneOf([1, 3] as const)),
      augmentation: required(object({ horizontalFlip: required(boolean), shift: required(ranged(IMAGE_RANGES.shift)), rotation: required(ranged(IMAGE_RANGES.rotation)) })),
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
  textMistakes: optional(
    array(
      object<TextMistake>({
        row: required(count),
        text: required(string({ max: MAX_SNIPPET_CHARS + 1 })),
        trueClass: required(count),
        predictedClass: required(count),
        confidence: required(measure),
      }),
      { max: MAX_TEXT_MISTAKES },
    ),
  ),
  topTokens: optional(
    array(
      object<ClassTopTokens>({
        classIndex: required(count),
        tokens: required(array(object({ token: required(shortText), weight: required(number()) }), { max: TOP_TOKENS_PER_CLASS })),
      }),
      { max: LIMITS.classes },
    ),
  ),
});

// --- embedded trained model ---------------------------------------------------------------------------

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export { checkTopology, checkTopologyBudget };

/** Parameters of an embedded model as its topology declares them (0 when unknown). */
export function embeddedParameters(model: Pick<EmbeddedModel, 'modelTopology'>): number {
  return countTopologyParameters(model.modelTopology) ?? 0;
}
export { AUTO_LOAD };

const weightSpec = object<EmbeddedModel['weightSpecs'][number]>({
  name: required(shortText),
  shape: required(array(number({ min: 0, max: 1e7, integer: true }), { max: 8 })),
  dtype: required(oneOf(['float32', 'int32', 'bool', 'string', 'complex64'] as const)),
});

export const embeddedModel: Parser<EmbeddedModel> = refine(
  object<EmbeddedModel>({
    resultsFinishedAt: required(isoTime),
    modelTopology: required(
      refine(jsonValue({ maxDepth: 32, maxNodes: 200_000 }), (t) => (typeof t === 'object' && t !== null && !Array.isArray(t) ? checkTopology(t) : 'expected an object')) as Parser<
        Record<string, unknown>
      >,
    ),
    weightSpecs: required(array(weightSpec, { max: LIMITS.weightTensors })),
    weightsBase64: required(string({ max: LIMITS.weightsBase64Chars, pattern: BASE64, hint: 'expected base64 text' })),
    exampleShape: required(array(number({ min: 1, max: 1e6, integer: true }), { min: 1, max: 4 })),
    classes: required(classList),
    preprocessing: required(nullable(fittedPreprocessor)),
    image: optional(object({ width: required(ranged(IMAGE_RANGES.size)), height: required(ranged(IMAGE_RANGES.size)), channels: required(oneOf([1, 3] as const)) })),
  }),
  (m) => {
    const values = m.weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
    const budget = checkTopologyBudget(m.modelTopology) ?? checkParameterBudget(values, 'The embedded model');
    if (budget) return budget;
    const bytes = Math.floor((m.weightsBase64.length * 3) / 4) - (m.weightsBase64.endsWith('==') ? 2 : m.weightsBase64.endsWith('=') ? 1 : 0);
    return bytes === values * 4 ? null : `the weights are ${bytes} bytes but the specs describe ${values * 4}`;
  },
);
