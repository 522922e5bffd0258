import type { ModelArtifacts } from './model-artifacts';
import type { FittedPreprocessor } from '../preprocess/fitted';
import type { TrainingReference } from '../predict/training-reference';
import type { QuantizationReport } from './quantize-evaluate';
import type { ImageShape } from '../data/images/image-shape';

/**
 * The exported model bundle (a .zip): model.json + weight shards exactly as TensorFlow.js and
 * tensorflowjs_converter read them, preprocessing.json, metrics.json and README.md.
 */
export const BUNDLE_FILES = {
  model: 'model.json',
  preprocessing: 'preprocessing.json',
  metrics: 'metrics.json',
  readme: 'README.md',
} as const;

/** tensorflowjs_converter's shard size: weights are split into files of at most 4 MB. */
export const SHARD_BYTES = 4 * 1024 * 1024;

/** Caps on what an imported bundle may hold; past them the import stops with a message. */
export const BUNDLE_LIMITS = {
  totalBytes: 200 * 1024 * 1024,
  jsonBytes: 16 * 1024 * 1024,
  files: 1000,
  weightTensors: 10_000,
  tensorDimensions: 8,
  classes: 1000,
  features: 10_000,
  categoriesPerFeature: 10_000,
  textLength: 1000,
} as const;

/** model.json as TensorFlow.js writes it (format "layers-model"). */
export interface ModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: ModelArtifacts['weightSpecs'] }[];
}

/** preprocessing.json of a table model: the fitted transforms plus, optionally, training statistics for drift checks. */
export interface TabularPreprocessingFile extends FittedPreprocessor {
  kind: 'tabular';
  monitoring?: TrainingReference;
}

/** preprocessing.json of an image model: how pixels become the model input. */
export interface ImagePreprocessingFile {
  format: 'tau-preprocessing';
  version: 1;
  kind: 'image';
  target: { name: string; classes: string[] };
  image: ImageShape;
  /** Inputs are height × width × channels floats: uint8 pixel / 255 (HWC, row-major). */
  pixelScale: number;
  layout: 'HWC';
}

export type PreprocessingFile = TabularPreprocessingFile | ImagePreprocessingFile;

/** metrics.json: how the model did on its held-out test split, and how it was trained. */
export interface MetricsFile {
  format: 'tau-metrics';
  version: 1;
  exportedAt: string;
  /** Set when the bundle's weights are stored quantized: the dtype, sizes, and test metrics before and after. */
  quantization?: QuantizationReport;
  /** Absent when the model was not evaluated here (e.g. imported without metrics). */
  evaluation?: {
    finishedAt: string;
    datasetName: string;
    rows: number;
    classes: string[];
    split: { train: number; validation: number; test: number };
    model: object;
    modelDescription: string;
    backend: string;
    adapter?: string;
    seed: number;
    settings: object;
    prepare: object;
    /** Absent in bundles written before regression existed: classification. */
    task?: 'classification' | 'regression';
    /** Classification: accuracy, F1, confusion matrix…; regression: RegressionTestMetrics. */
    test: ClassificationTestMetrics | RegressionTestMetrics;
    training: { epochs: number; bestEpoch: number; stoppedBy: string; seconds: number; samplesPerSecond: number };
  };
}

export interface RegressionTestMetrics {
  mae: number;
  rmse: number;
  r2: number;
  mape: number | null;
  mapeNote?: string;
  medianAbsoluteError: number;
  baselineMae: number;
  /** A 90% prediction interval: value + lower … value + upper (validation residual quantiles). */
  interval?: { level: number; lower: number; upper: number };
}

export interface ClassificationTestMetrics {
  accuracy: number;
  macroF1: number;
  weightedF1: number;
  perClass: object[];
  confusionMatrix: { labels: string[]; matrix: number[][] };
  rocAuc?: number;
  rocAucMacroOvr?: number;
  logLoss?: number;
}

/** Everything a bundle holds once read and checked; `artifacts` can be handed to the worker's load-model. */
export interface ModelBundle {
  artifacts: ModelArtifacts;
  preprocessing: PreprocessingFile;
  metrics: MetricsFile | null;
  /** Non-fatal notes (e.g. "metrics.json is missing"). */
  notes: string[];
}

/** Test accuracy of a classification bundle; undefined for regression or without metrics. */
export function testAccuracy(metrics: MetricsFile | null): number | undefined {
  const test = metrics?.evaluation?.test;
  return test && 'accuracy' in test ? test.accuracy : undefined;
}
