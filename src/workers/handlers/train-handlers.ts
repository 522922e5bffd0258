import { DataError } from '../../lib/errors';
import { estimateInputWidth } from '../../preprocess/settings';
import { imageModelSpec } from '../../train/image-presets';
import type { JobProgress, TrainJob } from '../../train/job';
import type { TrainingResult } from '../../train/result';
import type { TrainCalls } from '../protocol';
import { getProbes, loadedImages, loadRuntime, setTrained, workerState, type Handlers } from '../worker-state';

export const trainHandlers: Handlers<TrainCalls> = {
  async 'probe-backends'() {
    return getProbes();
  },

  async 'choose-backend'({ choice, workload }) {
    const rt = await loadRuntime();
    return rt.chooseBackend(choice, workload, await getProbes());
  },

  async train(job, signal, progress) {
    if (workerState.images?.summary.id === job.datasetId) return trainImages(job, signal, progress);
    const current = workerState.dataset;
    if (!current || current.summary.id !== job.datasetId) {
      throw new DataError('no_dataset', 'The dataset to train on is no longer loaded. Load it again, then train.');
    }
    const rt = await loadRuntime();
    progress({ phase: 'backend', message: 'Choosing a backend…' });
    // Calibrate (when needed) on the model, input width and batch size this job will really use.
    const shape = {
      exampleShape: [Math.max(1, estimateInputWidth(current.profiles, job.prepare))],
      batchSize: job.training.batchSize,
      spec: job.model === 'logreg' ? job.specs.logreg : job.specs.mlp,
    };
    const backend = await rt.chooseBackend(job.training.backend, 'tabular', await getProbes(), shape);
    const { runTableTraining } = await import('../../train/training-job');
    const { result, trained } = await runTableTraining(job, current.table, current.profiles, current.summary.name, {
      signal,
      progress,
      backend: { name: backend.active, reason: backend.reason, adapter: backend.adapter },
    });
    setTrained(trained);
    return result;
  },
};

/** The `train` call for an image set (the `train` handler dispatches here on the data set's kind). */
export async function trainImages(job: TrainJob, signal: AbortSignal, progress: (p: JobProgress) => void): Promise<TrainingResult> {
  const loaded = loadedImages(job.datasetId);
  const rt = await loadRuntime();
  const { runImageTraining } = await import('../../train/image-training-job');
  progress({ phase: 'backend', message: 'Choosing a backend…' });
  // Convolutions need Conv2DBackpropFilter, which the WASM backend lacks; dense models on pixels do not.
  const spec = imageModelSpec(job);
  const workload = spec.kind === 'cnn' ? 'image' : 'tabular';
  const { width, height, channels } = loaded.dataset;
  // Calibrate (when needed) on the model, image size and batch size this job will really use.
  const shape = { exampleShape: spec.kind === 'cnn' ? [height, width, channels] : [height * width * channels], batchSize: job.training.batchSize, spec };
  const backend = await rt.chooseBackend(job.training.backend, workload, await getProbes(), shape);
  const { result, trained } = await runImageTraining(job, loaded.dataset, loaded.summary.name, {
    signal,
    progress,
    backend: { name: backend.active, reason: backend.reason, adapter: backend.adapter },
  });
  setTrained(trained);
  return result;
}
