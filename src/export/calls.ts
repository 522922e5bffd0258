import type { FittedPreprocessor } from '../preprocess/fitted';
import type { PrepareSettings } from '../preprocess/settings';
import type { MetricsFile } from './bundle-format';
import type { ImageShape } from '../data/images/image-shape';
import type { PickedFile } from './read-bundle';
import type { QuantizeDtype } from './quantize';
import type { QuantizationReport } from './quantize-evaluate';

/** How to export: the TF.js bundle (optionally quantized) or the PyTorch project alone. */
export interface ExportOptions {
  quantize?: QuantizeDtype;
  format?: 'bundle' | 'pytorch';
}

/** The model the worker holds, as the page sees it. */
export interface ModelInfo {
  /** Changes whenever the worker's model changes. */
  id: string;
  source: 'trained' | 'imported' | 'browser';
  name: string;
  classes: string[];
  exampleShape: number[];
  parameters: number;
  /** Table models: the fitted transforms (the prediction form is generated from them). */
  preprocessing: FittedPreprocessor | null;
  image: ImageShape | null;
  /** Whether training statistics for drift checks are known. */
  hasReference: boolean;
  metrics: MetricsFile | null;
  /** Things worth knowing about an imported bundle (e.g. missing metrics.json). */
  notes: string[];
}

/**
 * What the page knows about the model it trained: the worker cannot tell which dataset and settings
 * produced its model, so the page says (used only for models trained here, never for imported ones).
 */
export interface ModelContext {
  datasetId: string | null;
  prepare: PrepareSettings | null;
  metrics: MetricsFile | null;
  name: string;
}

/** A model saved in this browser (IndexedDB, `indexeddb://<id>`). */
export interface SavedModelEntry {
  id: string;
  url: string;
  name: string;
  savedAt: string;
  kind: 'tabular' | 'image';
  classes: string[];
  parameters: number;
  accuracy: number | null;
  /** False when the TensorFlow.js model store no longer holds the weights. */
  available: boolean;
}

/** Calls about exporting, saving and importing models. */
export interface ExportCalls {
  /** Sent without metrics (`metrics: null`); a model trained here is answered without them too (the page holds them). */
  'model-info': [ModelContext, ModelInfo | null];
  'export-bundle': [ModelContext & ExportOptions, { zip: Blob; fileName: string; bytes: number; quantization?: QuantizationReport }];
  /** Sizes and test metrics of the float16 and uint8 bundles, before downloading one. */
  'quantize-preview': [ModelContext, QuantizationReport[]];
  'save-model-browser': [ModelContext & { label: string }, SavedModelEntry[]];
  'list-saved-models': [Record<string, never>, SavedModelEntry[]];
  'open-saved-model': [{ id: string }, ModelInfo];
  'delete-saved-model': [{ id: string }, SavedModelEntry[]];
  'import-bundle': [{ files: PickedFile[] }, ModelInfo];
}
