import { parseCsvBlob } from '../../data/csv/parse-csv';
import { DataError } from '../../lib/errors';
import { profileTable } from '../../data/profile';
import { tableRows } from '../../data/table';
import type { DataSource, JobProgress, TableCalls, TableSummary } from '../protocol';
import { workerState, type Handlers, concurrent } from '../worker-state';
import { prewarmTableBackend } from '../prewarm';
import { asLoad } from '../load-precedence';

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
  // A load runs as one: the start-up calls (backend probe, saved-model list) wait for it (load-precedence.ts).
  'load-table': concurrent((source, signal, progress) => asLoad(() => loadTable(source, signal, progress))),

  rows: concurrent(async ({ datasetId, start, count }) => {
    const dataset = workerState.dataset;
    if (!dataset || dataset.summary.id !== datasetId) return [];
    const rows = tableRows(dataset.table, start, Math.min(count, 500));
    // The table's first rows are on their way: the backend warm-up may take the thread now.
    warmUpNowFor(datasetId);
    return rows;
  }),
};

/**
 * The WASM warm-up after a table loaded (prewarm.ts) imports TensorFlow.js and compiles its WASM module, which
 * holds the worker's thread for ~0.3–1 s. It starts once the page has asked for the new table's first rows (the
 * Data section's table waited ~0.9 s for them behind the warm-up), or after WARM_UP_AFTER_LOAD_MS if no rows are
 * asked for (the runner without a page view, a hidden tab). Train waits for a warm-up in flight, not for one
 * still pending: a training started first brings the backend up itself.
 */
const WARM_UP_AFTER_LOAD_MS = 1500;
let pendingWarmUp: { datasetId: string; timer: ReturnType<typeof setTimeout> } | null = null;

/** Schedules the warm-up for the table just loaded (replacing one still pending for an earlier table). */
function warmUpSoon(datasetId: string, ms: number): void {
  if (pendingWarmUp) clearTimeout(pendingWarmUp.timer);
  const timer = setTimeout(() => {
    pendingWarmUp = null;
    void prewarmTableBackend();
  }, ms);
  pendingWarmUp = { datasetId, timer };
}

/** The page asked for this table's rows: a warm-up still pending for it starts after this answer. */
function warmUpNowFor(datasetId: string): void {
  if (pendingWarmUp?.datasetId === datasetId) warmUpSoon(datasetId, 0);
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
  warmUpSoon(summary.id, WARM_UP_AFTER_LOAD_MS);
  return summary;
}
