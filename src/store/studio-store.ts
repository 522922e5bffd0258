import { create } from 'zustand';
import type { ColumnProfile } from '../data/profile';
import { findSample, SAMPLES } from '../data/samples';
import { checkTarget, canBeFeature, includedByDefault, type PrepareSettings } from '../preprocess/settings';
import type { ModelChoice, ModelSpec } from '../models/spec';
import type { BackendName, TrainSettings } from '../train/settings';
import type { BackendProbe } from '../train/backends';
import type { EpochRecord } from '../train/train-loop';
import type { TrainingResult } from '../train/result';
import type { RevenueInputs } from '../revenue';
import { createNotebook, newId, type DatasetRef, type NotebookDocument } from '../notebook/document';
import type { DatasetSummary, DataSource, JobProgress, WorkerFailure } from '../workers/protocol';
import { StudioWorkerClient, WorkerError, type Job } from '../workers/worker-client';

export interface LoadState {
  name: string;
  bytesRead: number;
  totalBytes: number;
  rows: number;
  cancel: () => void;
}

export interface LiveRun {
  candidate: string;
  history: EpochRecord[];
}

export interface TrainingState {
  status: 'idle' | 'running' | 'stopping';
  message: string;
  candidate: string;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  runs: LiveRun[];
  cancel: (() => void) | null;
}

export interface StudioState {
  notebook: NotebookDocument;
  dataset: DatasetSummary | null;
  loading: LoadState | null;
  loadError: WorkerFailure | null;
  training: TrainingState;
  trainError: WorkerFailure | null;
  backends: BackendProbe[] | null;
  backendsError: string | null;
  /** The backend the last (or current) training ran on, and why it was chosen. */
  backendInUse: { name: BackendName; reason: string; adapter?: string } | null;
}

export interface StudioActions {
  loadFile(file: File): Promise<boolean>;
  loadSample(id: string): Promise<boolean>;
  cancelLoad(): void;
  fetchRows(start: number, count: number): Promise<string[][]>;
  probeBackends(): Promise<void>;
  setTitle(title: string): void;
  setPrepare(patch: Partial<PrepareSettings>): void;
  setFeatureIncluded(name: string, include: boolean): void;
  setModelChoice(choice: ModelChoice): void;
  setModelSpec(spec: ModelSpec): void;
  setTraining(patch: Partial<TrainSettings>): void;
  train(): Promise<TrainingResult | null>;
  stopTraining(): void;
  setRevenue(inputs: RevenueInputs): void;
  addNote(afterCellId: string): void;
  updateNote(id: string, text: string): void;
  removeNote(id: string): void;
  replaceNotebook(doc: NotebookDocument): void;
}

const IDLE_TRAINING: TrainingState = { status: 'idle', message: '', candidate: '', epoch: 0, epochs: 0, batch: 0, batches: 0, runs: [], cancel: null };

let client: StudioWorkerClient | null = null;
/** The worker starts on first use, so tests and the first paint never wait for it. */
export function worker(): StudioWorkerClient {
  client ??= new StudioWorkerClient();
  return client;
}

function failureOf(error: unknown): WorkerFailure {
  if (error instanceof WorkerError) return error.failure;
  console.error(error);
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** A target that works for this table: the sample's, the current one if still valid, else the last categorical column. */
export function defaultTarget(profiles: ColumnProfile[], preferred: string[]): string | null {
  for (const name of preferred) {
    const p = profiles.find((c) => c.name === name);
    if (p && checkTarget(p).ok) return name;
  }
  const candidates = profiles.filter((p) => (p.type === 'categorical' || p.type === 'boolean') && checkTarget(p).ok);
  return candidates.length > 0 ? candidates[candidates.length - 1].name : null;
}

export const useStudio = create<StudioState & StudioActions>()((set, get) => {
  const updateNotebook = (update: (doc: NotebookDocument) => NotebookDocument) =>
    set((state) => ({ notebook: { ...update(state.notebook), updatedAt: new Date().toISOString() } }));

  async function load(source: DataSource, name: string, ref: (summary: DatasetSummary) => DatasetRef, preferredTarget?: string): Promise<boolean> {
    get().loading?.cancel();
    let job: Job<DatasetSummary> | null = null;
    const onProgress = (p: JobProgress) => {
      if (p.phase === 'reading') set((s) => (s.loading ? { loading: { ...s.loading, bytesRead: p.bytesRead, totalBytes: p.totalBytes, rows: p.rows } } : {}));
    };
    job = worker().call('load-table', source, onProgress);
    const current = job;
    set({ loading: { name, bytesRead: 0, totalBytes: source.kind === 'file' ? source.file.size : 0, rows: 0, cancel: () => current.cancel() }, loadError: null });
    try {
      const summary = await current.promise;
      const previousTarget = get().notebook.prepare.target;
      const target = defaultTarget(summary.profiles, [...(preferredTarget ? [preferredTarget] : []), ...(previousTarget ? [previousTarget] : [])]);
      set({ dataset: summary, loading: null, loadError: null, trainError: null, training: IDLE_TRAINING });
      updateNotebook((doc) => ({
        ...doc,
        dataset: ref(summary),
        prepare: {
          ...doc.prepare,
          target,
          featureOverrides: doc.prepare.featureOverrides.filter((o) => summary.header.includes(o.name)),
        },
        results: null,
      }));
      return true;
    } catch (error) {
      const failure = failureOf(error);
      // The previous dataset stays loaded; only the message changes.
      set({ loading: null, loadError: failure.code === 'cancelled' ? null : failure });
      return false;
    }
  }

  return {
    notebook: createNotebook(),
    dataset: null,
    loading: null,
    loadError: null,
    training: IDLE_TRAINING,
    trainError: null,
    backends: null,
    backendsError: null,
    backendInUse: null,

    loadFile: (file) => load({ kind: 'file', file }, file.name, (s) => ({ kind: 'file', name: file.name, bytes: s.bytes })),

    async loadSample(id) {
      const sample = findSample(id);
      if (!sample) {
        set({ loadError: { code: 'unknown_sample', message: `There is no built-in sample "${id}". Samples: ${SAMPLES.map((s) => s.id).join(', ')}.` } });
        return false;
      }
      const url = new URL(`samples/${sample.file}`, document.baseURI).href;
      return load({ kind: 'url', url, name: sample.file }, sample.file, () => ({ kind: 'sample', name: sample.name, file: sample.file }), sample.target);
    },

    cancelLoad() {
      get().loading?.cancel();
    },

    async fetchRows(start, count) {
      const dataset = get().dataset;
      if (!dataset) return [];
      return worker().call('rows', { datasetId: dataset.id, start, count }).promise;
    },

    async probeBackends() {
      try {
        set({ backends: await worker().call('probe-backends', {}).promise, backendsError: null });
      } catch (error) {
        set({ backendsError: failureOf(error).message });
      }
    },

    setTitle: (title) => updateNotebook((doc) => ({ ...doc, title })),
    setPrepare: (patch) => updateNotebook((doc) => ({ ...doc, prepare: { ...doc.prepare, ...patch } })),
    setFeatureIncluded(name, include) {
      const profile = get().dataset?.profiles.find((p) => p.name === name);
      if (profile && include && !canBeFeature(profile).ok) return;
      updateNotebook((doc) => {
        const others = doc.prepare.featureOverrides.filter((o) => o.name !== name);
        const isDefault = profile ? includedByDefault(profile) === include : false;
        return { ...doc, prepare: { ...doc.prepare, featureOverrides: isDefault ? others : [...others, { name, include }] } };
      });
    },
    setModelChoice: (choice) => updateNotebook((doc) => ({ ...doc, model: { ...doc.model, choice } })),
    setModelSpec: (spec) => updateNotebook((doc) => ({ ...doc, model: { ...doc.model, [spec.kind]: spec } })),
    setTraining: (patch) => updateNotebook((doc) => ({ ...doc, training: { ...doc.training, ...patch } })),

    async train() {
      const { dataset, notebook, training } = get();
      if (!dataset || training.status !== 'idle') return null;
      const job = worker().call(
        'train',
        {
          datasetId: dataset.id,
          prepare: notebook.prepare,
          model: notebook.model.choice,
          specs: { logreg: notebook.model.logreg, mlp: notebook.model.mlp, cnn: notebook.model.cnn },
          training: notebook.training,
        },
        (p) => set((s) => ({ training: applyProgress(s.training, p) })),
      );
      set({
        trainError: null,
        training: { ...IDLE_TRAINING, status: 'running', message: 'Starting…', epochs: notebook.training.epochs, cancel: () => job.cancel() },
      });
      try {
        const result = await job.promise;
        set({
          training: { ...get().training, status: 'idle', cancel: null, message: '' },
          backendInUse: { name: result.backend, reason: result.backendReason, adapter: result.adapter },
        });
        updateNotebook((doc) => ({ ...doc, results: result }));
        return result;
      } catch (error) {
        set({ trainError: failureOf(error), training: { ...get().training, status: 'idle', cancel: null, message: '' } });
        return null;
      }
    },

    stopTraining() {
      const { training } = get();
      if (training.status !== 'running') return;
      training.cancel?.();
      set({ training: { ...training, status: 'stopping', message: 'Stopping after this batch; keeping the best model so far…' } });
    },

    setRevenue: (inputs) => updateNotebook((doc) => ({ ...doc, revenue: inputs })),

    addNote(afterCellId) {
      updateNotebook((doc) => {
        const index = doc.cells.findIndex((c) => c.id === afterCellId);
        const cells = [...doc.cells];
        cells.splice(index + 1, 0, { id: newId('cell'), type: 'markdown', text: '' });
        return { ...doc, cells };
      });
    },
    updateNote: (id, text) =>
      updateNotebook((doc) => ({ ...doc, cells: doc.cells.map((c) => (c.id === id && c.type === 'markdown' ? { ...c, text } : c)) })),
    removeNote: (id) => updateNotebook((doc) => ({ ...doc, cells: doc.cells.filter((c) => c.id !== id) })),
    replaceNotebook: (doc) => set({ notebook: doc }),
  };
});

function applyProgress(state: TrainingState, progress: JobProgress): TrainingState {
  switch (progress.phase) {
    case 'training':
      return { ...state, candidate: progress.candidate, epoch: progress.epoch, epochs: progress.epochs, batch: progress.batch, batches: progress.batches, message: '' };
    case 'epoch': {
      const runs = [...state.runs];
      const last = runs[runs.length - 1];
      if (last && last.candidate === progress.candidate) runs[runs.length - 1] = { ...last, history: [...last.history, progress.record] };
      else runs.push({ candidate: progress.candidate, history: [progress.record] });
      return { ...state, runs };
    }
    case 'reading':
      return state;
    default:
      return { ...state, message: progress.message };
  }
}
