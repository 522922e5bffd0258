import { DataError } from '../lib/errors';
import { estimateInputWidth } from '../preprocess/settings';
import { DEFAULT_MLP } from '../models/spec';
import type { SearchCalls } from '../search/calls';
import type { TrainJob } from '../train/job';
import { getProbes, loadedImages, loadRuntime, setTrained, workerState, type Handler } from './worker-state';
import { prewarmed } from './prewarm';

type Progress = Parameters<Handler<'search'>>[2];

/** Runs a search (or a leaderboard retrain) on the loaded table or image set: backend choice, then the domain job. */
export async function searchTable(job: SearchCalls['search'][0], signal: AbortSignal, progress: Progress, modelChoice: TrainJob['model'] = 'auto') {
  if (workerState.images?.summary.id === job.datasetId) return searchImages(job, signal, progress);
  const current = workerState.dataset;
  if (!current || current.summary.id !== job.datasetId) {
    throw new DataError('no_dataset', 'The dataset to search on is no longer loaded. Load a table again, then search.');
  }
  const rt = await loadRuntime();
  await prewarmed();
  progress({ phase: 'backend', message: 'Choosing a backend…' });
  const shape = { exampleShape: [Math.max(1, estimateInputWidth(current.profiles, job.prepare))], batchSize: job.training.batchSize, spec: DEFAULT_MLP };
  const backend = await rt.chooseBackend(job.training.backend, 'tabular', await getProbes(), shape);
  const { runTableSearch } = await import('../search/search-job');
  const { result, trained } = await runTableSearch(job, current.table, current.profiles, current.summary.name, { signal, progress, backend: rt.backendContext(backend) }, modelChoice);
  setTrained(trained);
  return result;
}

/** A CNN search on the loaded image set (calibrated on the image workload, as image training is). */
async function searchImages(job: SearchCalls['search'][0], signal: AbortSignal, progress: Progress) {
  const loaded = loadedImages(job.datasetId);
  const rt = await loadRuntime();
  progress({ phase: 'backend', message: 'Choosing a backend…' });
  const { width, height, channels } = loaded.dataset;
  const { DEFAULT_CNN } = await import('../models/spec');
  const backend = await rt.chooseBackend(job.training.backend, 'image', await getProbes(), { exampleShape: [height, width, channels], batchSize: 32, spec: DEFAULT_CNN });
  const { runImageSearch } = await import('../search/search-job');
  const { result, trained } = await runImageSearch(job, loaded.dataset, loaded.summary.name, {
    signal,
    progress,
    backend: rt.backendContext(backend),
  });
  setTrained(trained);
  return result;
}

/** "auto" on a table: a small search with a budget that suits the table (see autoSearchSettings); regression trains its candidates. */
export async function autoSearch(job: TrainJob, signal: AbortSignal, progress: Progress) {
  const current = workerState.dataset;
  if (!current || current.summary.id !== job.datasetId) {
    throw new DataError('no_dataset', 'The dataset to train on is no longer loaded. Load it again, then train.');
  }
  const rt = await loadRuntime();
  progress({ phase: 'backend', message: 'Choosing a backend…' });
  const shape = { exampleShape: [Math.max(1, estimateInputWidth(current.profiles, job.prepare))], batchSize: job.training.batchSize, spec: DEFAULT_MLP };
  const backend = await rt.chooseBackend(job.training.backend, 'tabular', await getProbes(), shape);
  const { runTableAuto } = await import('../search/search-job');
  const { result, trained } = await runTableAuto(job, current.table, current.profiles, current.summary.name, {
    signal,
    progress,
    backend: rt.backendContext(backend),
  });
  setTrained(trained);
  return result;
}
