/// <reference lib="webworker" />
/**
 * The studio's one worker: parsing, training and prediction run here so the page never freezes.
 * Thin by design: it routes messages to the domain modules and keeps the heavy state (the table,
 * the trained model) that the page only sees as summaries.
 */
import { parseCsvBlob } from '../data/csv/parse-csv';
import { DataError } from '../data/csv/errors';
import { profileTable, type ColumnProfile } from '../data/profile';
import { tableRows, type Table } from '../data/table';
import { probeBackends, type BackendProbe } from '../train/backends';
import type { TrainedModel } from '../train/training-job';
import type { CallName, DatasetSummary, DataSource, JobProgress, WorkerCalls, WorkerFailure, WorkerRequest, WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

interface LoadedTable {
  summary: DatasetSummary;
  table: Table;
  profiles: ColumnProfile[];
}

let dataset: LoadedTable | null = null;
let trained: TrainedModel | null = null;
let probes: Promise<BackendProbe[]> | null = null;
let runtime: Promise<typeof import('./tf-runtime')> | null = null;
const jobs = new Map<number, AbortController>();
let datasetCounter = 0;

const loadRuntime = () => (runtime ??= import('./tf-runtime'));
const getProbes = () => (probes ??= probeBackends());

function post(response: WorkerResponse): void {
  self.postMessage(response);
}

async function sourceBlob(source: DataSource, signal: AbortSignal): Promise<{ blob: Blob; name: string }> {
  if (source.kind === 'file') return { blob: source.file, name: source.file.name };
  let response: Response;
  try {
    response = await fetch(source.url, { signal });
  } catch (error) {
    throw new DataError('fetch_failed', `Could not download ${source.url}: ${error instanceof Error ? error.message : String(error)}. Check the address and your connection.`);
  }
  if (!response.ok) throw new DataError('fetch_failed', `Downloading ${source.url} failed with HTTP ${response.status}. Check the address.`);
  return { blob: await response.blob(), name: source.name };
}

type Handler<K extends CallName> = (payload: WorkerCalls[K][0], signal: AbortSignal, progress: (p: JobProgress) => void) => Promise<WorkerCalls[K][1]>;

const handlers: { [K in CallName]: Handler<K> } = {
  async 'load-table'(source, signal, progress) {
    const started = performance.now();
    const { blob, name } = await sourceBlob(source, signal);
    const parsed = await parseCsvBlob(blob, {
      fileName: name,
      signal,
      onProgress: (p) => progress({ phase: 'reading', ...p }),
    });
    const profiles = profileTable(parsed.table);
    const summary: DatasetSummary = {
      id: `table-${++datasetCounter}`,
      kind: 'table',
      name,
      rows: parsed.table.rowCount,
      bytes: parsed.bytes,
      dialect: parsed.dialect,
      header: parsed.header,
      profiles,
      preview: parsed.preview,
      warnings: parsed.warnings,
      parseSeconds: (performance.now() - started) / 1000,
    };
    // Replace the previous dataset only now that the new one loaded completely.
    dataset = { summary, table: parsed.table, profiles };
    return summary;
  },

  async rows({ datasetId, start, count }) {
    if (!dataset || dataset.summary.id !== datasetId) return [];
    return tableRows(dataset.table, start, Math.min(count, 500));
  },

  async 'probe-backends'() {
    return getProbes();
  },

  async 'choose-backend'({ choice, workload }) {
    const rt = await loadRuntime();
    return rt.chooseBackend(choice, workload, await getProbes());
  },

  async train(job, signal, progress) {
    const current = dataset;
    if (!current || current.summary.id !== job.datasetId) {
      throw new DataError('no_dataset', 'The dataset to train on is no longer loaded. Load it again, then train.');
    }
    const rt = await loadRuntime();
    progress({ phase: 'backend', message: 'Choosing a backend…' });
    const backend = await rt.chooseBackend(job.training.backend, 'tabular', await getProbes());
    const { runTableTraining } = await import('../train/training-job');
    const { result, trained: model } = await runTableTraining(job, current.table, current.profiles, current.summary.name, {
      signal,
      progress,
      backend: { name: backend.active, reason: backend.reason, adapter: backend.adapter },
    });
    trained?.model.dispose();
    trained = model;
    return result;
  },
};

function toFailure(error: unknown): WorkerFailure {
  if (error instanceof DataError) return { code: error.code, message: error.message };
  if (error instanceof Error && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return { code: (error as Error & { code: string }).code, message: error.message };
  }
  console.error('Unexpected worker error', error);
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong inside Tau Studio: ${message}. Your data and notebook are unchanged; please try again.` };
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'cancel') {
    jobs.get(request.id)?.abort();
    return;
  }
  const controller = new AbortController();
  jobs.set(request.id, controller);
  const progress = (p: JobProgress) => post({ kind: 'progress', id: request.id, progress: p });
  try {
    const handler = handlers[request.call] as Handler<typeof request.call>;
    const result = await handler(request.payload as never, controller.signal, progress);
    post({ kind: 'done', id: request.id, result });
  } catch (error) {
    post({ kind: 'failed', id: request.id, error: toFailure(error) });
  } finally {
    jobs.delete(request.id);
  }
};
