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
    return tableRows(dataset.table, start, Math.min(count, 500));
  }),
};

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
  void prewarmTableBackend();
  return summary;
}
