import { DataError } from '../../data/csv/errors';
import { estimateInputWidth } from '../../preprocess/settings';
import type { TrainCalls } from '../protocol';
import { getProbes, loadRuntime, setTrained, workerState, type Handlers } from '../worker-state';
import { trainImages } from './image-handlers';

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
    const probes = await getProbes();
    // Linear regression is solved in closed form on the CPU; TF.js only holds the weights, so no calibration is worth its time.
    const closedForm = job.model === 'linear' && job.training.backend === 'auto' ? (probes.find((p) => p.name === 'wasm' && p.available) ? 'wasm' : 'cpu') : null;
    const backend = closedForm
      ? { ...(await rt.chooseBackend(closedForm, 'tabular', probes, shape)), reason: 'Linear regression is solved in closed form (float64, on the CPU); no backend calibration needed.' }
      : await rt.chooseBackend(job.training.backend, 'tabular', probes, shape);
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
