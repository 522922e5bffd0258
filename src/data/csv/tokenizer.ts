import { DataError } from './errors';

/**
 * Streaming RFC 4180 tokenizer: feed decoded text in chunks of any size, receive one record at a time.
 * Handles quoted fields containing delimiters, quotes ("") and line breaks, CRLF / LF / CR endings,
 * and skips blank lines. Records cut by a chunk boundary are carried over to the next chunk.
 */
export type RecordHandler = (fields: string[], line: number) => void;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvTokenizer {
  private carry = '';
  /** Physical line (1-based) where `carry` starts. */
  private carryLine = 1;
  private readonly delimiterCode: number;

  constructor(
    delimiter: string,
    private readonly onRecord: RecordHandler,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  push(chunk: string): void {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    const consumed = this.scan(text, false);
    this.carry = consumed < text.length ? text.slice(consumed) : '';
  }

  /** Flushes the last record; throws when a quoted field was never closed. */
  end(): void {
    if (this.carry.length > 0) this.scan(this.carry, true);
    this.carry = '';
  }

  /** Scans complete records from `text`; returns how many characters were consumed. */
  private scan(text: string, isLast: boolean): number {
    const delim = this.delimiterCode;
    const n = text.length;
    let pos = 0;
    let line = this.carryLine;
    while (pos < n) {
      const recordStart = pos;
      const recordLine = line;
      const fields: string[] = [];
      let i = pos;
      let complete = false;
      for (;;) {
        // One field starts at i.
        if (i < n && text.charCodeAt(i) === QUOTE) {
          let value = '';
          let segmentStart = i + 1;
          let j = segmentStart;
          let closed = false;
          for (;;) {
            const q = text.indexOf('"', j);
            if (q < 0) break;
            if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
              value += text.slice(segmentStart, q + 1);
              segmentStart = q + 2;
              j = q + 2;
              continue;
            }
            if (q + 1 >= n && !isLast) break; // an escaped quote may follow in the next chunk
            value += text.slice(segmentStart, q);
            j = q + 1;
            closed = true;
            break;
          }
          if (!closed) {
            if (isLast) {
              throw new DataError(
                'csv_unclosed_quote',
                `Line ${recordLine}: a quoted field starts here but its closing quote (") is missing. ` +
                  'Close the quote, or double any quote inside the field ("").',
              );
            }
            break; // wait for more text
          }
          // Text after the closing quote up to the next delimiter is kept, as spreadsheets do.
          let k = j;
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === delim || c === LF || c === CR) break;
            k++;
          }
          if (k > j) value += text.slice(j, k);
          for (let m = i; m < k; m++) if (text.charCodeAt(m) === LF) line++;
          fields.push(value);
          i = k;
        } else {
          let k = i;
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === delim || c === LF || c === CR) break;
            k++;
          }
          fields.push(text.slice(i, k));
          i = k;
        }
        if (i >= n) {
          if (isLast) {
            complete = true;
            pos = n;
          }
          break;
        }
        const c = text.charCodeAt(i);
        if (c === delim) {
          i++;
          continue;
        }
        // End of record.
        if (c === CR) {
          if (i + 1 >= n && !isLast) break; // CR at chunk end: LF may follow
          i += i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
        } else i++;
        line++;
        complete = true;
        pos = i;
        break;
      }
      if (!complete) {
        this.carryLine = recordLine;
        line = recordLine;
        return recordStart;
      }
      if (!(fields.length === 1 && isBlank(fields[0]))) this.onRecord(fields, recordLine);
    }
    this.carryLine = line;
    return n;
  }
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
