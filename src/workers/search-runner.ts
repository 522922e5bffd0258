import { DataError } from '../lib/errors';
import { estimateInputWidth } from '../preprocess/settings';
import { DEFAULT_MLP } from '../models/spec';
import type { SearchCalls } from '../search/calls';
import type { TrainJob } from '../train/job';
import { getProbes, loadRuntime, setTrained, workerState, type Handler } from './worker-state';
import { prewarmed } from './prewarm';

type Progress = Parameters<Handler<'search'>>[2];

/** Runs a search (or a leaderboard retrain) on the loaded table: backend choice, then the domain job. */
export async function searchTable(job: SearchCalls['search'][0], signal: AbortSignal, progress: Progress, modelChoice: TrainJob['model'] = 'auto') {
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
  const { result, trained } = await runTableSearch(
    job,
    current.table,
    current.profiles,
    current.summary.name,
    { signal, progress, backend: { name: backend.active, reason: backend.reason, adapter: backend.adapter } },
    modelChoice,
  );
  setTrained(trained);
  return result;
}

/** "auto" on a table: a small search with a budget that suits the table (see autoSearchSettings). */
export async function autoSearch(job: TrainJob, signal: AbortSignal, progress: Progress) {
  const { autoSearchSettings } = await import('../search/search-job');
  const rows = workerState.dataset?.table.rowCount ?? 0;
  return searchTable({ ...job, search: autoSearchSettings(Math.round(rows * (1 - job.prepare.testFraction))) }, signal, progress, 'auto');
}
