import type { BackendProbe } from '../train/backends';
import type { BackendName } from '../train/settings';
import type { EpochRecord } from '../train/train-loop';
import type { TrainingResult } from '../train/result';
import type { JobProgress, WorkerFailure } from '../workers/protocol';
import type { SliceCreator } from './types';
import { failureOf, worker } from './worker-access';

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

export interface TrainingSlice {
  training: TrainingState;
  trainError: WorkerFailure | null;
  backends: BackendProbe[] | null;
  backendsError: string | null;
  /** The backend the last training ran on, and why it was chosen. */
  backendInUse: { name: BackendName; reason: string; adapter?: string } | null;
  probeBackends(): Promise<void>;
  train(): Promise<TrainingResult | null>;
  stopTraining(): void;
  resetTraining(): void;
}

const IDLE: TrainingState = { status: 'idle', message: '', candidate: '', epoch: 0, epochs: 0, batch: 0, batches: 0, runs: [], cancel: null };

export const createTrainingSlice: SliceCreator<TrainingSlice> = (set, get) => ({
  training: IDLE,
  trainError: null,
  backends: null,
  backendsError: null,
  backendInUse: null,

  async probeBackends() {
    try {
      set({ backends: await worker().call('probe-backends', {}).promise, backendsError: null });
    } catch (error) {
      set({ backendsError: failureOf(error).message });
    }
  },

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
    set({ trainError: null, training: { ...IDLE, status: 'running', message: 'Starting…', epochs: notebook.training.epochs, cancel: () => job.cancel() } });
    try {
      const result = await job.promise;
      set({
        training: { ...get().training, status: 'idle', cancel: null, message: '' },
        backendInUse: { name: result.backend, reason: result.backendReason, adapter: result.adapter },
      });
      get().updateNotebook((doc) => ({ ...doc, results: result }));
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

  resetTraining() {
    get().training.cancel?.();
    set({ training: IDLE, trainError: null });
  },
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
