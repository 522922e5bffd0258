import type { ColumnProfile } from '../data/profile';
import type { Table } from '../data/table';
import type { BackendProbe } from '../train/backends';
import { probeBackends } from '../train/backends';
import type { TrainedModel } from '../train/training-job';
import type { CallName, DatasetSummary, JobProgress, WorkerCalls } from './protocol';

/** Heavy state that lives only in the worker; the page sees summaries. */
export interface LoadedTable {
  summary: DatasetSummary;
  table: Table;
  profiles: ColumnProfile[];
}

export const workerState: {
  dataset: LoadedTable | null;
  trained: TrainedModel | null;
} = { dataset: null, trained: null };

let probes: Promise<BackendProbe[]> | null = null;
let runtime: Promise<typeof import('./tf-runtime')> | null = null;

/** TensorFlow.js loads on first need, so parsing starts without downloading it. */
export const loadRuntime = () => (runtime ??= import('./tf-runtime'));
export const getProbes = () => (probes ??= probeBackends());

/** Replaces the trained model, disposing the old one's tensors. */
export function setTrained(next: TrainedModel | null): void {
  if (workerState.trained && workerState.trained !== next) workerState.trained.model.dispose();
  workerState.trained = next;
}

export type Handler<K extends CallName> = (payload: WorkerCalls[K][0], signal: AbortSignal, progress: (p: JobProgress) => void) => Promise<WorkerCalls[K][1]>;
export type Handlers<Calls> = { [K in keyof Calls & CallName]: Handler<K> };
