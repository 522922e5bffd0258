import type { ColumnProfile } from '../data/profile';
import { findSample, SAMPLES } from '../data/samples';
import { checkTarget } from '../preprocess/settings';
import { checkTargetForTask, chooseTask } from '../train/task';
import type { DatasetRef } from '../notebook/document';
import type { DatasetSummary, DataSource, JobProgress, WorkerFailure } from '../workers/protocol';
import type { SliceCreator } from './types';
import type { TextEncodingName } from '../data/csv/encoding';

/** The last file loaded as a table, so it can be read again in another encoding. */
let lastFile: File | null = null;
import { failureOf, worker } from './worker-access';

export interface LoadState {
  name: string;
  bytesRead: number;
  totalBytes: number;
  rows: number;
  cancel: () => void;
}

export interface DatasetSlice {
  dataset: DatasetSummary | null;
  loading: LoadState | null;
  loadError: WorkerFailure | null;
  loadFile(file: File): Promise<boolean>;
  loadSample(id: string): Promise<boolean>;
  /** Loads from a source and records `ref` in the notebook (used by samples, files, links). */
  loadSource(source: DataSource, name: string, ref: (summary: DatasetSummary) => DatasetRef, preferredTarget?: string): Promise<boolean>;
  cancelLoad(): void;
  /** Another notebook opened: its data is not this one's (cancels a load in progress, clears the data and its error). */
  unloadDataset(): void;
  /** Why the last load failed (or null to clear it), shown where load errors are shown; images and shared notebooks report here. */
  reportLoadError(failure: WorkerFailure | null): void;
  /** A data set loaded by another path (images): it becomes the loaded one. */
  datasetLoaded(summary: DatasetSummary): void;
  /** Reads the loaded file again in another text encoding (the person's choice over the detected one). */
  reloadWithEncoding(encoding: TextEncodingName): Promise<boolean>;
  fetchRows(start: number, count: number): Promise<string[][]>;
}

/** A target that works for this table: the preferred ones if valid, else the last categorical column. */
export function defaultTarget(profiles: ColumnProfile[], preferred: string[]): string | null {
  for (const name of preferred) {
    const p = profiles.find((c) => c.name === name);
    if (p && checkTargetForTask(p, chooseTask(p).task).ok) return name;
  }
  const candidates = profiles.filter((p) => (p.type === 'categorical' || p.type === 'boolean') && checkTarget(p).ok);
  return candidates.length > 0 ? candidates[candidates.length - 1].name : null;
}

export const createDatasetSlice: SliceCreator<DatasetSlice> = (set, get) => ({
  dataset: null,
  loading: null,
  loadError: null,

  async loadSource(source, name, ref, preferredTarget) {
    get().loading?.cancel();
    const onProgress = (p: JobProgress) => {
      if (p.phase === 'reading') set((s) => (s.loading ? { loading: { ...s.loading, bytesRead: p.bytesRead, totalBytes: p.totalBytes, rows: p.rows } } : {}));
    };
    const job = worker().call('load-table', source, onProgress);
    if (source.kind === 'file') lastFile = source.file;
    set({ loading: { name, bytesRead: 0, totalBytes: source.kind === 'file' ? source.file.size : 0, rows: 0, cancel: () => job.cancel() }, loadError: null });
    try {
      const summary = await job.promise;
      const previousTarget = get().notebook.prepare.target;
      const target = defaultTarget(summary.profiles, [...(preferredTarget ? [preferredTarget] : []), ...(previousTarget ? [previousTarget] : [])]);
      set({ dataset: summary, loading: null, loadError: null });
      get().resetTraining();
      get().updateNotebook((doc) => ({
        ...doc,
        dataset: ref(summary),
        prepare: { ...doc.prepare, target, featureOverrides: doc.prepare.featureOverrides.filter((o) => summary.header.includes(o.name)) },
        results: null,
      }));
      return true;
    } catch (error) {
      const failure = failureOf(error);
      // The previous dataset stays loaded; only the message changes.
      set({ loading: null, loadError: failure.code === 'cancelled' ? null : failure });
      return false;
    }
  },

  async reloadWithEncoding(encoding) {
    const file = lastFile;
    const current = get().notebook.dataset;
    if (!file || current?.kind !== 'file' || current.name !== file.name) return false;
    return get().loadSource({ kind: 'file', file, encoding }, file.name, () => current);
  },

  loadFile: (file) => get().loadSource({ kind: 'file', file }, file.name, (s) => ({ kind: 'file', name: file.name, bytes: s.bytes })),

  async loadSample(id) {
    const sample = findSample(id);
    if (!sample) {
      set({ loadError: { code: 'unknown_sample', message: `There is no built-in sample "${id}". Samples: ${SAMPLES.map((s) => s.id).join(', ')}.` } });
      return false;
    }
    const url = new URL(`samples/${sample.file}`, document.baseURI).href;
    return get().loadSource({ kind: 'url', url, name: sample.file }, sample.file, () => ({ kind: 'sample', name: sample.name, file: sample.file }), sample.target);
  },

  cancelLoad() {
    get().loading?.cancel();
  },

  unloadDataset() {
    get().loading?.cancel();
    set({ dataset: null, loadError: null });
  },

  reportLoadError: (failure) => set({ loadError: failure }),
  datasetLoaded: (summary) => set({ dataset: summary, loadError: null }),

  async fetchRows(start, count) {
    const dataset = get().dataset;
    if (!dataset) return [];
    return worker().call('rows', { datasetId: dataset.id, start, count }).promise;
  },
});
