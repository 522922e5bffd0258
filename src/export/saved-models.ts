import type { FittedPreprocessor } from '../preprocess/fitted';
import type { TrainingReference } from '../predict/training-reference';
import type { ImageInput, MetricsFile } from './bundle-format';
import type { SavedModelEntry } from './calls';
import { DataError } from '../lib/errors';
import type { ModelArtifacts } from './model-artifacts';

/**
 * What a model saved in this browser needs besides its TensorFlow.js weights (which TensorFlow.js keeps
 * under `indexeddb://<id>`): preprocessing, classes, metrics and training statistics, in our own store.
 */
export interface SavedModelRecord {
  id: string;
  name: string;
  savedAt: string;
  classes: string[];
  exampleShape: number[];
  parameters: number;
  preprocessing: FittedPreprocessor | null;
  image: ImageInput | null;
  reference: TrainingReference | null;
  metrics: MetricsFile | null;
}

const DB_NAME = 'tau-studio-models';
const STORE = 'models';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('This browser has no IndexedDB, so models cannot be saved in it. Download the model instead.'));
      return;
    }
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened.'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      let result: T;
      request.onsuccess = () => {
        result = request.result;
      };
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error ?? request.error ?? new Error('IndexedDB request failed.'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction was aborted (is the disk full?).'));
    });
  } finally {
    db.close();
  }
}

export const putSavedRecord = (record: SavedModelRecord) => withStore('readwrite', (s) => s.put(record)).then(() => undefined);
export const getSavedRecord = (id: string) => withStore<SavedModelRecord | undefined>('readonly', (s) => s.get(id) as IDBRequest<SavedModelRecord | undefined>);
export const deleteSavedRecord = (id: string) => withStore('readwrite', (s) => s.delete(id)).then(() => undefined);
export const allSavedRecords = () => withStore<SavedModelRecord[]>('readonly', (s) => s.getAll() as IDBRequest<SavedModelRecord[]>);

export const savedModelUrl = (id: string) => `indexeddb://${id}`;

export function savedEntry(record: SavedModelRecord, available: boolean): SavedModelEntry {
  return {
    id: record.id,
    url: savedModelUrl(record.id),
    name: record.name,
    savedAt: record.savedAt,
    kind: record.image ? 'image' : 'tabular',
    classes: record.classes,
    parameters: record.parameters,
    accuracy: record.metrics?.evaluation?.test.accuracy ?? null,
    available,
  };
}

/** What TensorFlow.js's IndexedDB store gives back for a saved model (a subset of its ModelArtifacts). */
export interface StoredWeights {
  modelTopology?: unknown;
  weightSpecs?: { name: string; shape: number[]; dtype: string }[];
  weightData?: ArrayBuffer | ArrayBuffer[];
}

const WEIGHT_DTYPES = new Set<string>(['float32', 'int32', 'bool', 'string', 'complex64']);

function concatBuffers(parts: ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  return out.buffer;
}

/** The stored weights and our record of a saved model, as the artifacts the worker restores models from. */
export function savedArtifacts(record: SavedModelRecord, stored: StoredWeights): ModelArtifacts {
  const { modelTopology, weightSpecs, weightData } = stored;
  if (!modelTopology || typeof modelTopology !== 'object' || !weightSpecs || !weightData) {
    throw new DataError('saved_model_missing', `The stored copy of "${record.name}" is incomplete. Delete it and save it again.`);
  }
  const bad = weightSpecs.find((w) => !WEIGHT_DTYPES.has(w.dtype));
  if (bad) throw new DataError('saved_model_missing', `The stored copy of "${record.name}" has weights of an unknown type (${bad.name}: ${bad.dtype}). Delete it and save it again.`);
  return {
    format: 'tau-model',
    version: 1,
    modelTopology,
    weightSpecs: weightSpecs.map((w) => ({ name: w.name, shape: [...w.shape], dtype: w.dtype as ModelArtifacts['weightSpecs'][number]['dtype'] })),
    weightData: weightData instanceof ArrayBuffer ? weightData : concatBuffers(weightData),
    exampleShape: record.exampleShape,
    classes: record.classes,
    preprocessing: record.preprocessing,
    ...(record.image ? { image: record.image } : {}),
  };
}
