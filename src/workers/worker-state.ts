import type { ColumnProfile } from '../data/profile';
import type { Table } from '../data/table';
import type { BackendProbe } from '../runtime/backends';
import { probeBackends } from '../runtime/backends';
import { loadsSettled } from './load-precedence';
import type { TrainedModel } from '../train/training-job';
import { DataError } from '../lib/errors';
import type { ModelContext } from '../export/calls';
import { getExtras, newModelId, setExtras, type ModelExtras } from '../export/model-extras';
import { referenceFromTable } from '../predict/reference-from-table';
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
// A data load running meanwhile goes first: the WebGL probe waits for it (load-precedence.ts).
export const getProbes = () => (probes ??= probeBackends(loadsSettled));

/** Replaces the trained model, disposing the old one's tensors. */
export function setTrained(next: TrainedModel | null): void {
  if (workerState.trained && workerState.trained !== next) workerState.trained.model.dispose();
  workerState.trained = next;
}

export function loadedImages(datasetId: string): LoadedImages {
  const loaded = workerState.images;
  if (!loaded || loaded.summary.id !== datasetId) {
    throw new DataError('no_dataset', 'Those images are no longer loaded (another data set replaced them). Load them again.');
  }
  return loaded;
}

export function requireModel(): TrainedModel {
  const trained = workerState.trained;
  if (!trained) throw new DataError('no_model', 'There is no model yet. Train one, import a model bundle, or open a model saved in this browser.');
  return trained;
}

/** The extras of the current model; a model trained here gets them from the page's context on first use. */
export function extrasFor(trained: TrainedModel, context: ModelContext | null): ModelExtras {
  const extras =
    getExtras(trained) ??
    setExtras(trained, { id: newModelId(), source: 'trained', name: context?.name || 'Model trained in this notebook', reference: null, metrics: null, notes: [], referenceTried: false });
  if (extras.source !== 'trained' || !context) return extras;
  if (context.metrics?.evaluation) extras.metrics = context.metrics;
  if (context.name) extras.name = context.name;
  const dataset = workerState.dataset;
  if (!extras.referenceTried && trained.preprocessing && context.prepare && dataset && dataset.summary.id === context.datasetId) {
    extras.referenceTried = true;
    try {
      extras.reference = referenceFromTable(dataset.table, dataset.profiles, context.prepare, trained.preprocessing);
    } catch (error) {
      // Drift checks then use the fitted ranges only; the reason goes to the console for whoever debugs it.
      console.warn('Training statistics for drift checks could not be computed.', error);
    }
  }
  return extras;
}

/** TensorFlow.js with a backend ready: the one training chose, else its best available (first use after an import). */
export async function readyRuntime() {
  const rt = await loadRuntime();
  await rt.tf.ready();
  return rt;
}

export type Handler<K extends CallName> = (payload: WorkerCalls[K][0], signal: AbortSignal, progress: (p: JobProgress) => void) => Promise<WorkerCalls[K][1]>;
export type Handlers<Calls> = { [K in keyof Calls & CallName]: Handler<K> };

const concurrentHandlers = new WeakSet<object>();

/**
 * Marks a handler that never touches TensorFlow.js (loading data, browsing rows, probing): it runs at
 * once instead of waiting in the worker's one-at-a-time TF queue. The mark lives on the handler, so a new
 * call is one entry in its handler module and nothing else.
 */
export function concurrent<K extends CallName>(handler: Handler<K>): Handler<K> {
  concurrentHandlers.add(handler);
  return handler;
}

export function runsConcurrently(handler: object): boolean {
  return concurrentHandlers.has(handler);
}
