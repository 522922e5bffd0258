import type { ColumnProfile } from '../data/profile';
import type { Table } from '../data/table';
import type { BackendProbe } from '../runtime/backends';
import { probeBackends } from '../runtime/backends';
import type { TrainedModel } from '../train/training-job';
import type { ImageDataset } from '../data/images/image-dataset';
import type { ImageDatasetSummary } from '../data/images/summary';
import type { CallName, JobProgress, TableSummary, WorkerCalls } from './protocol';

/** Heavy state that lives only in the worker; the page sees summaries. */
export interface LoadedTable {
  summary: TableSummary;
  table: Table;
  profiles: ColumnProfile[];
  /** The original file, when loaded from one: the notebook hashes it and keeps small ones inline. */
  file?: File;
}

/** A loaded image set: one Uint8Array of pixels, never one tensor per image. */
export interface LoadedImages {
  summary: ImageDatasetSummary;
  dataset: ImageDataset;
}

/** `dataset` (a table) and `images` are exclusive: loading one clears the other. */
export const workerState: {
  dataset: LoadedTable | null;
  images: LoadedImages | null;
  trained: TrainedModel | null;
} = { dataset: null, images: null, trained: null };

let probes: Promise<BackendProbe[]> | null = null;
let runtime: Promise<typeof import('../runtime/tf-runtime')> | null = null;

/** TensorFlow.js loads on first need, so parsing starts without downloading it. */
export const loadRuntime = () => (runtime ??= import('../runtime/tf-runtime'));
export const getProbes = () => (probes ??= probeBackends());

/** Replaces the trained model, disposing the old one's tensors. */
export function setTrained(next: TrainedModel | null): void {
  if (workerState.trained && workerState.trained !== next) workerState.trained.model.dispose();
  workerState.trained = next;
}

export type Handler<K extends CallName> = (payload: WorkerCalls[K][0], signal: AbortSignal, progress: (p: JobProgress) => void) => Promise<WorkerCalls[K][1]>;
export type Handlers<Calls> = { [K in keyof Calls & CallName]: Handler<K> };
