import type { ModelChoice, LogisticRegressionSpec, LinearRegressionSpec, MlpSpec, CnnSpec, TextCnnSpec } from '../models/spec';
import { DEFAULT_CNN, DEFAULT_LOGREG, DEFAULT_MLP } from '../models/spec';
import type { PrepareSettings } from '../preprocess/settings';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import type { TrainSettings } from '../train/settings';
import { DEFAULT_TRAIN } from '../train/settings';
import type { TrainingResult } from '../train/result';
import type { RevenueInputs } from '../revenue';
import { DEFAULT_IMAGE_SETTINGS, type ImageSettings } from '../data/images/settings';
import { defaultRevenueInputs } from '../revenue/defaults';
import type { FittedPreprocessor } from '../preprocess/fitted';
import type { RunRecord } from './runs';
import type { ImageShape } from '../data/images/image-shape';

/**
 * The notebook: the single source of truth for a piece of work. Autosave, share links, export and the
 * headless runner all read this one serializable document.
 */
export const NOTEBOOK_FORMAT = 'tau-notebook';
/** Version 2 added `trainedModel` (see migrations.ts); older documents and links are migrated on load. */
export const NOTEBOOK_VERSION = 2;

export type SectionId = 'dataset' | 'prepare' | 'model' | 'train' | 'evaluate' | 'predict' | 'revenue';
export const SECTION_ORDER: SectionId[] = ['dataset', 'prepare', 'model', 'train', 'evaluate', 'predict', 'revenue'];

export type NotebookCell = { id: string; type: 'markdown'; text: string } | { id: string; type: SectionId };

/** Where the data comes from; small files may travel inline. */
export type DatasetRef =
  | { kind: 'sample'; name: string; file: string }
  | { kind: 'file'; name: string; bytes: number; sha256?: string; inline?: string }
  | { kind: 'url'; name: string; url: string; sha256?: string }
  | { kind: 'images'; name: string; source: 'folder' | 'zip' | 'idx' | 'pixel-csv'; bytes: number; files: number; sha256?: string };

export interface ModelSection {
  choice: ModelChoice;
  logreg: LogisticRegressionSpec;
  mlp: MlpSpec;
  cnn: CnnSpec;
  /** Regression: linear model settings (absent in older documents: DEFAULT_LINEAR). */
  linear?: LinearRegressionSpec;
  /** Text columns: the text CNN's settings (absent in older documents: DEFAULT_TEXT_CNN). */
  textcnn?: TextCnnSpec;
}

/**
 * A trained model small enough to travel inside the document (autosave, .json, links): the content of
 * ModelArtifacts with the weights as base64. Only kept for the results it produced (same finishedAt).
 */
export interface EmbeddedModel {
  /** `results.finishedAt` of the run that produced these weights. */
  resultsFinishedAt: string;
  modelTopology: Record<string, unknown>;
  weightSpecs: { name: string; shape: number[]; dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64' }[];
  /** Little-endian weight bytes (as TF.js weight shards), base64. */
  weightsBase64: string;
  exampleShape: number[];
  classes: string[];
  preprocessing: FittedPreprocessor | null;
  image?: ImageShape;
}

export interface NotebookDocument {
  format: typeof NOTEBOOK_FORMAT;
  version: typeof NOTEBOOK_VERSION;
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  cells: NotebookCell[];
  dataset: DatasetRef | null;
  prepare: PrepareSettings;
  model: ModelSection;
  training: TrainSettings;
  /** Image preparation (size, channels, augmentation); used when the dataset is images. */
  images: ImageSettings;
  results: TrainingResult | null;
  /** The trained model of `results` when small enough to embed (see EMBED caps in share-plan.ts); else null. */
  trainedModel: EmbeddedModel | null;
  revenue: RevenueInputs;
  /** Experiments: every training run kept (optional; absent in older documents). See runs.ts. */
  runs?: RunRecord[];
}

export function newId(prefix: string): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function createNotebook(title = 'Untitled notebook', now = new Date()): NotebookDocument {
  return {
    format: NOTEBOOK_FORMAT,
    version: NOTEBOOK_VERSION,
    id: newId('nb'),
    title,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    cells: [{ id: newId('cell'), type: 'markdown', text: '' }, ...SECTION_ORDER.map((type) => ({ id: newId('cell'), type }))],
    dataset: null,
    prepare: { ...DEFAULT_PREPARE },
    model: { choice: 'auto', logreg: { ...DEFAULT_LOGREG }, mlp: { ...DEFAULT_MLP }, cnn: structuredClone(DEFAULT_CNN) },
    training: { ...DEFAULT_TRAIN },
    images: structuredClone(DEFAULT_IMAGE_SETTINGS),
    results: null,
    trainedModel: null,
    revenue: defaultRevenueInputs(),
  };
}
