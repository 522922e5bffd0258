import { DataError } from '../../lib/errors';
import { estimateInputWidth } from '../../preprocess/settings';
import { imageModelSpec } from '../../train/image-presets';
import type { JobProgress, TrainJob } from '../../train/job';
import type { TrainingResult } from '../../train/result';
import type { TrainCalls } from '../protocol';
import { getProbes, loadedImages, loadRuntime, setTrained, workerState, type Handlers, concurrent } from '../worker-state';
import { autoSearch } from '../search-runner';
import { latestRunMarks, runMarksWhenSettled, withRunClock } from '../run-clock';
import { prewarmed } from '../prewarm';
import { loadsSettled } from '../load-precedence';

export const trainHandlers: Handlers<TrainCalls> = {
  // A start-up call: a data load running now goes first (its WebGL context creation took the parse's thread).
  'probe-backends': concurrent(async () => {
    await loadsSettled();
    return getProbes();
  }),

  async 'choose-backend'({ choice, workload }) {
    const rt = await loadRuntime();
    return rt.chooseBackend(choice, workload, await getProbes());
  },

  // Reads marks only (no TF.js): answered at once (or when the run settles), not behind the TF.js queue.
  'run-timings': concurrent(async ({ wait }, signal) => (wait ? runMarksWhenSettled(signal) : latestRunMarks())),

  train: withRunClock(async (job, signal, progress, clock) => {
    if (workerState.images?.summary.id === job.datasetId) return trainImages(job, signal, progress);
    const current = workerState.dataset;
    if (!current || current.summary.id !== job.datasetId) {
      throw new DataError('no_dataset', 'The dataset to train on is no longer loaded. Load it again, then train.');
    }
    // "auto" on a table is a small model search (src/search), refit on all training rows.
    if (job.model === 'auto') return autoSearch(job, signal, progress);
    const rt = await loadRuntime();
    await prewarmed();
    clock.mark('runtime-loaded');
    progress({ phase: 'backend', message: 'Choosing a backend…' });
    // Calibrate (when needed) on the model, input width and batch size this job will really use.
    const shape = {
      exampleShape: [Math.max(1, estimateInputWidth(current.profiles, job.prepare))],
      batchSize: job.training.batchSize,
      spec: job.model === 'logreg' ? job.specs.logreg : job.specs.mlp,
    };
    const probes = await getProbes();
    // Linear regression is solved in closed form on the CPU; TF.js only holds the weights, so no calibration is worth its time.
    const closedForm = job.model === 'linear' && job.training.backend === 'auto' ? (probes.find((p) => p.name === 'wasm' && p.available) ? 'wasm' : 'cpu') : null;
    const backend = closedForm
      ? { ...(await rt.chooseBackend(closedForm, 'tabular', probes, shape)), reason: 'Linear regression is solved in closed form (float64, on the CPU); no backend calibration needed.' }
      : job.model === 'textcnn'
        ? // The text CNN is convolutions over word embeddings: calibrated on the convolution workload.
          await rt.chooseBackend(job.training.backend, 'image', probes)
        : await rt.chooseBackend(job.training.backend, 'tabular', probes, shape);
    const { runTableTraining } = await import('../../train/training-job');
    clock.mark('backend-ready');
    const { result, trained } = await runTableTraining(job, current.table, current.profiles, current.summary.name, {
      signal,
      progress,
      backend: rt.backendContext(backend),
      mark: (name) => clock.mark(name),
      recovery: await recoveryFor(job),
    });
    clock.mark('evaluated');
    setTrained(trained);
    return result;
  }),
};

/** The `train` call for an image set (the `train` handler dispatches here on the data set's kind). */
export async function trainImages(job: TrainJob, signal: AbortSignal, progress: (p: JobProgress) => void): Promise<TrainingResult> {
  const loaded = loadedImages(job.datasetId);
  const rt = await loadRuntime();
  await prewarmed();
  const { runImageTraining } = await import('../../train/image-training-job');
  progress({ phase: 'backend', message: 'Choosing a backend…' });
  // CNNs calibrate on the image workload (convolutions; WASM trains them through runtime/wasm-conv-filter.ts); dense models on pixels on the tabular one.
  const spec = imageModelSpec(job);
  const workload = spec.kind === 'cnn' ? 'image' : 'tabular';
  const { width, height, channels } = loaded.dataset;
  // Calibrate (when needed) on the model, image size and batch size this job will really use.
  const shape = { exampleShape: spec.kind === 'cnn' ? [height, width, channels] : [height * width * channels], batchSize: job.training.batchSize, spec };
  const backend = await rt.chooseBackend(job.training.backend, workload, await getProbes(), shape);
  const { result, trained } = await runImageTraining(job, loaded.dataset, loaded.summary.name, {
    signal,
    progress,
    backend: rt.backendContext(backend),
    recovery: await recoveryFor(job),
  });
  setTrained(trained);
  return result;
}

/** Device-loss / out-of-memory fallback for a job (WASM, then CPU), with the driver's injection if it asked for one. */
async function recoveryFor(job: TrainJob) {
  const rt = await loadRuntime();
  const inject = job.injectDeviceLossAfterEpoch;
  return rt.createDeviceRecovery(await getProbes(), rt.activateBackend, inject !== undefined ? { deviceLossAfterEpoch: inject } : undefined);
}
