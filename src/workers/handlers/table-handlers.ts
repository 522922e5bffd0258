import { parseCsvBlob } from '../../data/csv/parse-csv';
import { DataError } from '../../lib/errors';
import { profileTable } from '../../data/profile';
import { tableRows } from '../../data/table';
import type { DataSource, JobProgress, TableCalls, TableSummary } from '../protocol';
import { workerState, type Handlers, concurrent } from '../worker-state';
import { prewarmTableBackend } from '../prewarm';
import { loadStarted } from '../load-precedence';

/** Epoch milliseconds, comparable with the page's clock (the hand-over probe lines the two up). */
const epochMs = () => performance.timeOrigin + performance.now();

let datasetCounter = 0;

export async function sourceBlob(source: DataSource, signal: AbortSignal): Promise<{ blob: Blob; name: string }> {
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

export const tableHandlers: Handlers<TableCalls> = {
  // A load runs as one: the start-up calls (backend probe, saved-model list) wait for it and for its hand-over
  // to the page (load-precedence.ts, afterHandOver below).
  'load-table': concurrent(async (source, signal, progress) => {
    const finished = loadStarted();
    try {
      const summary = await loadTable(source, signal, progress);
      afterHandOver(summary.id, finished);
      return summary;
    } catch (error) {
      finished();
      throw error;
    }
  }),

  rows: concurrent(async ({ datasetId, start, count }) => {
    const dataset = workerState.dataset;
    if (!dataset || dataset.summary.id !== datasetId) return [];
    const rows = tableRows(dataset.table, start, Math.min(count, 500));
    // The table's first rows are on their way: the waiting start-up calls and the warm-up may take the thread now.
    handOverDone(datasetId);
    return rows;
  }),
};

/**
 * What waits for a loaded table's hand-over to the page: the start-up calls held back during the load (the
 * backend probe's WebGL context creation, in the GPU process on a software renderer) and the WASM warm-up
 * (prewarm.ts: TensorFlow.js's import and its WASM module's compile, ~0.3–1 s of the worker's thread). Started
 * beside the page's first render of the table, they slowed it (the same two cores) and the table's first rows
 * waited ~0.9 s behind the warm-up. They run once the page has asked for the new table's first rows, or
 * HAND_OVER_MS after the load if it asks for none (a runner without a page view, a hidden tab). Train waits for
 * a warm-up in flight, not for one still pending: a training started first brings the backend up itself.
 */
const HAND_OVER_MS = 1500;
interface HandOver {
  datasetId: string;
  timer: ReturnType<typeof setTimeout>;
  finished: () => void;
}
let pendingHandOver: HandOver | null = null;

function afterHandOver(datasetId: string, finished: () => void): void {
  if (pendingHandOver) {
    // A table loaded meanwhile replaced this one: its hold on the start-up calls ends, and it gets no warm-up.
    clearTimeout(pendingHandOver.timer);
    pendingHandOver.finished();
  }
  const handOver: HandOver = { datasetId, finished, timer: setTimeout(() => completeHandOver(handOver), HAND_OVER_MS) };
  pendingHandOver = handOver;
}

function completeHandOver(handOver: HandOver): void {
  if (pendingHandOver !== handOver) return;
  pendingHandOver = null;
  clearTimeout(handOver.timer);
  handOver.finished();
  void prewarmTableBackend();
}

/** The page asked for this table's rows: what waited for its hand-over runs after this answer. */
function handOverDone(datasetId: string): void {
  const handOver = pendingHandOver;
  if (handOver?.datasetId !== datasetId) return;
  clearTimeout(handOver.timer);
  handOver.timer = setTimeout(() => completeHandOver(handOver), 0);
}

async function loadTable(source: DataSource, signal: AbortSignal, progress: (p: JobProgress) => void): Promise<TableSummary> {
  const received = epochMs();
  const started = performance.now();
  const { blob, name } = await sourceBlob(source, signal);
  const encoding = source.kind === 'file' ? source.encoding : undefined;
  const parsed = await parseCsvBlob(blob, { fileName: name, signal, ...(encoding ? { encoding } : {}), onProgress: (p) => progress({ phase: 'reading', ...p }) });
  const parseSeconds = (performance.now() - started) / 1000;
  const parsedAt = epochMs();
  const profiles = profileTable(parsed.table);
  const summary: TableSummary = {
    id: `table-${++datasetCounter}`,
    kind: 'table',
    name,
    rows: parsed.table.rowCount,
    bytes: parsed.bytes,
    dialect: parsed.dialect,
    encoding: parsed.encoding,
    encodingEvidence: parsed.encodingEvidence,
    header: parsed.header,
    profiles,
    preview: parsed.preview,
    warnings: parsed.warnings,
    parseSeconds,
    profileSeconds: (performance.now() - started) / 1000 - parseSeconds,
    ...(parsed.timings ? { parseTimings: parsed.timings } : {}),
    loadMarks: { received, parsed: parsedAt, profiled: epochMs() },
  };
  // Replace the previous dataset only now that the new one loaded completely.
  workerState.dataset = { summary, table: parsed.table, profiles, ...(source.kind === 'file' ? { file: source.file } : {}) };
  workerState.images = null;
  return summary;
}
