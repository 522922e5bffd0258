import type { ColumnProfile } from '../data/profile';
import type { CsvDialect } from '../data/csv/dialect';
import type { ParseTimings } from '../data/csv/parse-csv';
import type { TextEncodingName } from '../data/csv/encoding';
import type { BackendProbe } from '../runtime/backends';
import type { BackendDecision } from '../runtime/calibration';
import type { BackendName, TrainSettings } from '../train/settings';
import type { TrainingResult } from '../train/result';
import type { ModelArtifacts } from '../export/model-artifacts';
import type { ImageDatasetSummary, ImageLoadRequest, ImageThumbnails } from '../data/images/summary';
import type { ExportCalls } from '../export/calls';
import type { PredictCalls } from '../predict/calls';
import type { NotebookCalls } from '../notebook/calls';
import type { SearchCalls } from '../search/calls';
import type { JobProgress, TrainJob } from '../train/job';
import type { RunMark } from '../train/run-timings';

export type { JobProgress, TrainJob } from '../train/job';

/** What the page knows about the loaded table; the columns themselves stay in the worker. */
export interface TableSummary {
  id: string;
  kind: 'table';
  name: string;
  rows: number;
  bytes: number;
  dialect: CsvDialect;
  /** Text encoding the file was read with, and whether it was detected or chosen. */
  encoding?: TextEncodingName;
  encodingEvidence?: string;
  header: string[];
  profiles: ColumnProfile[];
  /** First rows exactly as parsed. */
  preview: string[][];
  warnings: string[];
  parseSeconds: number;
  /** Time to compute the column profiles after parsing. */
  profileSeconds: number;
  /** Where parsing spent its time (files; the bench reports it). */
  parseTimings?: ParseTimings;
  /** When the worker received the call, finished parsing, finished profiling (epoch ms; the hand-over probe reads them). */
  loadMarks?: { received: number; parsed: number; profiled: number };
}

/** The loaded data set: a table or images (`kind` tells which); a new load replaces either. */
export type DatasetSummary = TableSummary | ImageDatasetSummary;

export type DataSource = { kind: 'file'; file: File; encoding?: TextEncodingName } | { kind: 'url'; url: string; name: string };

/** Calls about tables: loading and browsing. Request name → [payload, result]. */
export interface TableCalls {
  'load-table': [DataSource, TableSummary];
  rows: [{ datasetId: string; start: number; count: number }, string[][]];
}

/** Calls about backends and training. */
export interface TrainCalls {
  'probe-backends': [Record<string, never>, BackendProbe[]];
  'choose-backend': [{ choice: TrainSettings['backend']; workload: 'tabular' | 'image' }, BackendDecision & { active: BackendName }];
  train: [TrainJob, TrainingResult];
  /**
   * The latest training run's marks (runner timings, train/run-timings.ts); null before any run. With
   * `wait`: the marks of the run in progress or the next to start, once it settles (null if cancelled).
   */
  'run-timings': [{ wait?: boolean }, RunMark[] | null];
}

/** Calls about image data sets: loading (progress, cancel) and pixels for galleries. */
export interface ImageCalls {
  'load-images': [ImageLoadRequest, ImageDatasetSummary];
  /** The first `perClass` images of every class. */
  'image-samples': [{ datasetId: string; perClass: number }, ImageThumbnails];
  /** The listed images (e.g. misclassified test images). */
  'image-pixels': [{ datasetId: string; indices: number[] }, ImageThumbnails];
}

/** Calls about the trained model kept in the worker. */
export interface ModelCalls {
  /** The current trained model as artifacts (weights transferred, not copied); null when none. */
  'model-artifacts': [Record<string, never>, ModelArtifacts | null];
  /** Restores a model from artifacts (a shared link, an imported bundle) so it can predict and export. */
  'load-model': [ModelArtifacts, { parameters: number; backend: BackendName }];
}

/**
 * Every call the worker answers. A feature adds its own `XCalls` interface in its own file, lists it
 * here, and registers handlers in studio.worker.ts.
 */
export interface WorkerCalls extends TableCalls, TrainCalls, ModelCalls, ImageCalls, ExportCalls, PredictCalls, NotebookCalls, SearchCalls {}

export type CallName = keyof WorkerCalls;

export type WorkerRequest = { [K in CallName]: { kind: 'call'; id: number; call: K; payload: WorkerCalls[K][0] } }[CallName] | { kind: 'cancel'; id: number };

export interface WorkerFailure {
  code: string;
  message: string;
}

export type WorkerResponse = { kind: 'progress'; id: number; progress: JobProgress } | { kind: 'done'; id: number; result: unknown } | { kind: 'failed'; id: number; error: WorkerFailure };
