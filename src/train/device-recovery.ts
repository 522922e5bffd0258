/**
 * Training that survives its device: when the backend fails mid-run (WebGPU `device.lost`, an
 * out-of-memory error), the job asks `recovery.fallback` to switch TF.js to the next backend, rebuilds
 * the model there from the last completed epoch's weights (kept as plain arrays after every epoch) and
 * continues from that epoch. The runtime (src/runtime/device-recovery.ts) decides what a device failure
 * is and which backend comes next; this module only knows how to resume.
 */
import type * as tf from '@tensorflow/tfjs';
import { tensor } from '@tensorflow/tfjs';
import { BACKEND_LABELS, type BackendName, type TrainSettings } from './settings';
import type { ResumePoint } from './resume-point';
import { trainModel, type TrainingData, type TrainingOptions, type TrainingOutcome } from './train-loop';

/** A device failure the runtime recognised: what happened, in words ("device was lost", "ran out of memory"). */
export class DeviceFailureError extends Error {
  constructor(
    readonly backend: BackendName,
    readonly failure: string,
  ) {
    super(`${BACKEND_LABELS[backend]} ${failure}.`);
    this.name = 'DeviceFailureError';
  }
}

export interface BackendRecovery {
  /**
   * After `error` on backend `from`: if it is a device failure, switch TF.js to the next working backend
   * and say what failed; otherwise (or when no backend is left) null, and the error stands.
   */
  fallback(error: unknown, from: BackendName): Promise<{ to: BackendName; cause: string } | null>;
  /** After every completed epoch (and its resume point): throws a DeviceFailureError when the device reported a failure meanwhile. */
  afterEpoch?(epoch: number, backend: BackendName): void | Promise<void>;
  /** After the model was rebuilt on the new backend with the resume point's weights, before training continues. */
  resumed?(model: tf.LayersModel, point: ResumePoint | null): void;
}

/** One fallback, as the result reports it. */
export interface Resumption {
  from: BackendName;
  to: BackendName;
  cause: string;
  /** The epoch that was running when the device failed. */
  failedEpoch: number;
  /** The last completed epoch the run resumed from (0: started over). */
  resumedFrom: number;
  message: string;
}

export function resumptionMessage(r: Omit<Resumption, 'message'>): string {
  const where = `${BACKEND_LABELS[r.from]} ${r.cause} during epoch ${r.failedEpoch}`;
  return r.resumedFrom > 0
    ? `${where}; resumed on ${BACKEND_LABELS[r.to]} from epoch ${r.resumedFrom} (its weights, best model so far and learning rate; the optimizer's moments restart).`
    : `${where}; no epoch had finished, so training restarted on ${BACKEND_LABELS[r.to]}.`;
}

export interface RecoveredTraining {
  model: tf.LayersModel;
  outcome: TrainingOutcome;
  backend: BackendName;
  resumptions: Resumption[];
}

/**
 * trainModel with fallback: `build` makes the model on whichever backend is active (same seed, so a
 * restart from nothing is the same initialisation). Without `recovery` it is exactly trainModel.
 */
export async function trainWithRecovery(
  build: () => tf.LayersModel,
  data: TrainingData,
  settings: TrainSettings,
  hooks: TrainingOptions,
  backend: BackendName,
  recovery?: BackendRecovery,
): Promise<RecoveredTraining> {
  let current = backend;
  let point: ResumePoint | null = null;
  const resumptions: Resumption[] = [];
  let model = build();
  for (;;) {
    const onResumePoint = recovery
      ? async (p: ResumePoint) => {
          point = p;
          await recovery.afterEpoch?.(p.epoch, current);
        }
      : undefined;
    try {
      const outcome = await trainModel(model, data, settings, { ...hooks, ...(point ? { resumeFrom: point } : {}), ...(onResumePoint ? { onResumePoint } : {}) });
      return { model, outcome, backend: current, resumptions };
    } catch (error) {
      disposeAfterFailure(model);
      const next = recovery ? await recovery.fallback(error, current) : null;
      if (!next) throw error;
      const resumedFrom = (point as ResumePoint | null)?.epoch ?? 0;
      const details = { from: current, to: next.to, cause: next.cause, failedEpoch: resumedFrom + 1, resumedFrom };
      resumptions.push({ ...details, message: resumptionMessage(details) });
      current = next.to;
      model = build();
      if (point) restoreWeights(model, (point as ResumePoint).weights);
      recovery?.resumed?.(model, point);
    }
  }
}

function restoreWeights(model: tf.LayersModel, weights: Float32Array[]): void {
  const shapes = model.getWeights().map((w) => w.shape);
  if (shapes.length !== weights.length) throw new Error(`Resume: the rebuilt model has ${shapes.length} weight arrays, the saved epoch ${weights.length}.`);
  const tensors = weights.map((w, i) => tensor(w, shapes[i], 'float32'));
  model.setWeights(tensors);
  tensors.forEach((t) => t.dispose());
}

/** Disposing a model whose device is gone may throw; the model is unusable either way. */
function disposeAfterFailure(model: tf.LayersModel): void {
  try {
    model.dispose();
  } catch (error) {
    console.warn('The failed model could not be disposed cleanly (its device is gone).', error);
  }
}
