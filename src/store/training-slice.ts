import type { BackendProbe } from '../runtime/backends';
import type { BackendName } from '../train/settings';
import type { EpochRecord } from '../train/train-loop';
import type { TrainingResult } from '../train/result';
import type { JobProgress, WorkerFailure } from '../workers/protocol';
import type { SliceCreator } from './types';
import { failureOf, worker } from './worker-access';
import type { Job } from '../workers/worker-client';
import type { SearchProgressInfo } from '../search/search';
import { ProgressBuffer } from '../train/progress-throttle';
import { RESULT_RECEIVED_MARK } from '../train/run-timings';
import { sleep } from '../lib/yield';

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
  /** Model search progress (trials done, best so far, time left), while a search runs. */
  search: SearchProgressInfo | null;
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
  /** Trains with the notebook's settings; `includeSplit` also returns each split's row numbers. */
  train(options?: { includeSplit?: boolean; injectDeviceLossAfterEpoch?: number }): Promise<TrainingResult | null>;
  /**
   * Runs a worker job that trains (a training run, a model search) through this slice's state: progress,
   * stop, the backend used, the result into the notebook and its run list. Other slices start jobs here
   * instead of writing the training state themselves.
   */
  runTrainingJob<R extends TrainingResult>(start: (onProgress: (p: JobProgress) => void) => Job<R>, first: { message: string; epochs: number }): Promise<R | null>;
  stopTraining(): void;
  resetTraining(): void;
  /** Before another notebook opens: stops a run and resolves once it finished into the notebook that started it. */
  finishRunBeforeLeaving(): Promise<void>;
  /** Another notebook opened: the run state and the backend of the last run belong to the previous one. */
  forgetRun(): void;
}

export const IDLE: TrainingState = { status: 'idle', message: '', candidate: '', epoch: 0, epochs: 0, batch: 0, batches: 0, runs: [], search: null, cancel: null };

export const createTrainingSlice: SliceCreator<TrainingSlice> = (set, get, api) => ({
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

  async train(options = {}) {
    const { dataset, notebook, training } = get();
    if (!dataset || training.status !== 'idle') return null;
    return get().runTrainingJob(
      (onProgress) =>
        worker().call(
          'train',
          {
            datasetId: dataset.id,
            prepare: notebook.prepare,
            model: notebook.model.choice,
            specs: {
              logreg: notebook.model.logreg,
              mlp: notebook.model.mlp,
              cnn: notebook.model.cnn,
              ...(notebook.model.linear ? { linear: notebook.model.linear } : {}),
              ...(notebook.model.textcnn ? { textcnn: notebook.model.textcnn } : {}),
            },
            training: notebook.training,
            ...(options.includeSplit ? { includeSplit: true } : {}),
            ...(options.injectDeviceLossAfterEpoch !== undefined ? { injectDeviceLossAfterEpoch: options.injectDeviceLossAfterEpoch } : {}),
            ...(dataset.kind === 'images' ? { images: notebook.images } : {}),
          },
          onProgress,
        ),
      { message: 'Starting…', epochs: notebook.training.epochs },
    );
  },

  async runTrainingJob(start, first) {
    // Progress arrives many times a second; apply it in batches (one render each) so rendering never blocks the page.
    const progressBuffer = new ProgressBuffer((batch) => set((s) => ({ training: batch.reduce(applyProgress, s.training) })));
    const job = start((p) => progressBuffer.push(p));
    set({ trainError: null, training: { ...IDLE, status: 'running', message: first.message, epochs: first.epochs, cancel: () => job.cancel() } });
    try {
      const result = await job.promise.finally(() => {
        performance.mark(RESULT_RECEIVED_MARK);
        progressBuffer.flush();
      });
      // The result arrives in three commits, a task apart (issue 19, 4b): the last progress, then the results
      // (headline, Predict), then the run's end (training facts, runs list). In one task they made one render
      // and commit of the whole page, the longest main-thread task of a run (train-tasks-r7.md).
      await sleep(0);
      set({ backendInUse: { name: result.backend, reason: result.backendReason, adapter: result.adapter } });
      get().updateNotebook((doc) => ({ ...doc, results: result }));
      await sleep(0);
      set({ training: { ...get().training, status: 'idle', cancel: null, message: '' } });
      get().recordRun(result);
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

  async finishRunBeforeLeaving() {
    // A run in progress finishes into the notebook that started it (its best model so far), not the next one.
    if (get().training.status === 'idle') return;
    get().stopTraining();
    await new Promise<void>((resolve) => {
      const unsubscribe = api.subscribe((state) => {
        if (state.training.status === 'idle') {
          unsubscribe();
          resolve();
        }
      });
      if (get().training.status === 'idle') {
        unsubscribe();
        resolve();
      }
    });
  },

  forgetRun() {
    get().resetTraining();
    set({ backendInUse: null });
  },
});

/** Folds one progress message into the training state (exported for tests). */
export function applyProgress(state: TrainingState, progress: JobProgress): TrainingState {
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
    case 'search': {
      const { phase: _phase, ...info } = progress;
      void _phase;
      return { ...state, search: info, message: '' };
    }
    case 'reading':
    case 'images':
      return state;
    default:
      return { ...state, message: progress.message };
  }
}
