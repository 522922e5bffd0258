import { CsvScanner } from './scanner';
import { detectDialect, type CsvDialect } from './dialect';
import { DataError } from '../../lib/errors';
import { TableAssembler, type AssembledTable } from './table-assembler';
import { detectEncoding, ENCODING_LABELS, looksBinary, type EncodingGuess, type TextEncodingName } from './encoding';

export interface ParseProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export interface ParseOptions {
  /** Name shown in messages ("penguins.csv"). */
  fileName: string;
  signal?: AbortSignal;
  onProgress?: (progress: ParseProgress) => void;
  /** How many raw rows to keep as parsed strings for previews. */
  previewRows?: number;
  /** Bytes read per step; larger steps decode faster, smaller ones report progress more often. */
  chunkBytes?: number;
  /** The person's choice of text encoding; detected from the first bytes when absent. */
  encoding?: TextEncodingName;
}

/** Where parsing a file spent its time (seconds): waiting for bytes, decoding text, scanning rows into columns, the final arrays. */
export interface ParseTimings {
  readSeconds: number;
  decodeSeconds: number;
  scanSeconds: number;
  finishSeconds: number;
}

export interface ParsedCsv extends AssembledTable {
  dialect: CsvDialect;
  bytes: number;
  /** The text encoding used to read the file (detected, or the person's choice). */
  encoding: TextEncodingName;
  encodingEvidence: EncodingGuess['evidence'] | 'chosen';
  /** Files (parseCsvBlob) only. */
  timings?: ParseTimings;
}

const DIALECT_SAMPLE_CHARS = 64 * 1024;
/** File reads in flight ahead of the parse (each `chunkBytes`). */
const READS_IN_FLIGHT = 2;
/**
 * At most one progress report per this many ms: each one re-renders and lays out the page's Data section, on
 * a thread the parse shares the machine's cores with (every 100 ms was ~10% of a core at a 100 MB load).
 */
const PROGRESS_MS = 250;

/** Incremental parser: decoded text in, typed columns out. Dialect is detected from the first 64 KiB. */
class StreamingCsvParser {
  private pending = '';
  private scanner: CsvScanner | null = null;
  private assembler: TableAssembler | null = null;
  private dialect: CsvDialect | null = null;

  constructor(
    private readonly fileName: string,
    private readonly previewRows: number,
    private readonly encodingName = 'UTF-8',
  ) {}

  get rows(): number {
    return this.assembler?.rows ?? 0;
  }

  feed(text: string, final: boolean): void {
    if (!this.scanner) {
      this.pending += text;
      if (this.pending.length < DIALECT_SAMPLE_CHARS && !final) return;
      if (looksBinary(this.pending)) {
        throw new DataError(
          'file_not_text',
          `${this.fileName} does not look like a text table: read as ${this.encodingName} it contains binary data. If it is text, choose its encoding; otherwise choose a .csv, .tsv or .txt file.`,
        );
      }
      const dialect = detectDialect(this.pending, final);
      const assembler = new TableAssembler(this.fileName, dialect, this.previewRows);
      this.dialect = dialect;
      this.assembler = assembler;
      this.scanner = new CsvScanner(dialect.delimiter, dialect.decimal, assembler, 64);
      text = this.pending;
      this.pending = '';
    }
    this.scanner.push(text);
    if (final) this.scanner.end();
  }

  finish(bytes: number, encoding: TextEncodingName = 'utf-8', encodingEvidence: ParsedCsv['encodingEvidence'] = 'valid-utf-8'): ParsedCsv {
    if (!this.assembler || !this.dialect) {
      throw new DataError('csv_empty', `${this.fileName} is empty. Choose a file with a header row and at least one data row.`);
    }
    return { ...this.assembler.finish(), dialect: this.dialect, bytes, encoding, encodingEvidence };
  }
}

/**
 * Parses a delimited text file streamed from `blob` into typed columns.
 * Reads `chunkBytes` at a time and awaits between chunks, so a worker stays able to receive "cancel".
 */
export async function parseCsvBlob(blob: Blob, options: ParseOptions): Promise<ParsedCsv> {
  const chunkBytes = options.chunkBytes ?? 4 * 1024 * 1024;
  const total = blob.size;
  // The encoding from the first 64 KiB (or the person's choice); TextDecoder strips a matching BOM.
  const guess: EncodingGuess | null = options.encoding ? null : detectEncoding(new Uint8Array(await blob.slice(0, 64 * 1024).arrayBuffer()));
  const encoding = options.encoding ?? guess!.encoding;
  const decoder = new TextDecoder(encoding);
  const parser = new StreamingCsvParser(options.fileName, options.previewRows ?? 20, ENCODING_LABELS[encoding]);
  let lastProgress = 0;
  const cancelled = (): DataError => new DataError('cancelled', `Loading ${options.fileName} was cancelled; nothing was changed.`);
  // The next chunks are read while this one is parsed (the file's bytes come from the browser process, whose
  // answer to one read often came later than a chunk's parse on a loaded machine: two reads stay in flight).
  const read = (offset: number): Promise<ArrayBuffer> => blob.slice(offset, Math.min(total, offset + chunkBytes)).arrayBuffer();
  const ahead: Promise<ArrayBuffer>[] = [];
  let nextRead = 0;
  const readAhead = () => {
    while (ahead.length < READS_IN_FLIGHT && nextRead < total) {
      ahead.push(read(nextRead));
      nextRead += chunkBytes;
    }
  };
  readAhead();
  const timings: ParseTimings = { readSeconds: 0, decodeSeconds: 0, scanSeconds: 0, finishSeconds: 0 };
  for (let offset = 0; offset < total; offset += chunkBytes) {
    if (options.signal?.aborted) throw cancelled();
    const end = Math.min(total, offset + chunkBytes);
    const t0 = performance.now();
    const bytes = new Uint8Array(await (ahead.shift() as Promise<ArrayBuffer>));
    readAhead();
    const last = end >= total;
    const t1 = performance.now();
    const text = decoder.decode(bytes, { stream: !last });
    const t2 = performance.now();
    parser.feed(text, last);
    const t3 = performance.now();
    timings.readSeconds += (t1 - t0) / 1000;
    timings.decodeSeconds += (t2 - t1) / 1000;
    timings.scanSeconds += (t3 - t2) / 1000;
    const now = Date.now();
    if (options.onProgress && (now - lastProgress > PROGRESS_MS || last)) {
      lastProgress = now;
      options.onProgress({ bytesRead: end, totalBytes: total, rows: parser.rows });
    }
  }
  if (total === 0) parser.feed('', true);
  if (options.signal?.aborted) throw cancelled();
  const finishing = performance.now();
  const parsed = parser.finish(total, encoding, guess ? guess.evidence : 'chosen');
  timings.finishSeconds = (performance.now() - finishing) / 1000;
  return { ...parsed, timings };
}

/** Parses text already in memory (tests, pasted data). */
export function parseCsvText(text: string, fileName = 'data.csv', previewRows = 20): ParsedCsv {
  const parser = new StreamingCsvParser(fileName, previewRows);
  parser.feed(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, true);
  return parser.finish(text.length);
}
