import { DataError } from '../../lib/errors';

/**
 * Streaming RFC 4180 scanner that fills a row buffer field by field and hands over complete rows.
 * Handles quoted fields with delimiters, doubled quotes and line breaks, CRLF / LF / CR endings, and
 * skips blank lines. Plain decimal numbers in columns that are still numeric are parsed straight from
 * the character codes (no substring, no Number()), which is most of a large file's work.
 */
export interface RowBuffer {
  /** Fields in this row. */
  count: number;
  /**
   * isNumber[i] === 1: numbers[i] is the field's number; 2: numbers[i] is the field's code in the
   * column's dictionary (see RowSink.dictionaries); 0: texts[i] holds the field as written.
   */
  numbers: Float64Array;
  isNumber: Uint8Array;
  texts: string[];
}

export interface RowSink {
  /** Whether column `index` still wants numbers (fast path) rather than text. */
  readonly numericHint: Uint8Array;
  /**
   * Per column, the distinct values of a string column with few of them (code = index), or null: a field
   * equal to one of them is handed over as its code, without making a string of it.
   */
  readonly dictionaries: readonly (readonly string[] | null)[];
  /** Whether the next rows should also keep their text (for the preview). */
  wantsText(): boolean;
  row(buffer: RowBuffer, line: number): void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const COMMA = 44;
const MAX_FAST_DIGITS = 15;
/** Powers of ten up to 10^22 are exact doubles, so mantissa / 10^k is correctly rounded (same as Number()). */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export class CsvScanner {
  private carry = '';
  private carryLine = 1;
  private readonly delimiter: number;
  private readonly decimalPoint: number;
  private readonly buffer: RowBuffer;

  constructor(
    delimiter: string,
    decimal: '.' | ',',
    private readonly sink: RowSink,
    width: number,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.decimalPoint = decimal === ',' ? COMMA : DOT;
    const capacity = Math.max(16, width * 2);
    this.buffer = { count: 0, numbers: new Float64Array(capacity), isNumber: new Uint8Array(capacity), texts: new Array<string>(capacity).fill('') };
  }

  push(chunk: string): void {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    const consumed = this.scan(text, false);
    this.carry = consumed < text.length ? text.slice(consumed) : '';
  }

  /** Flushes the last row; throws when a quoted field was never closed. */
  end(): void {
    if (this.carry.length > 0) this.scan(this.carry, true);
    this.carry = '';
  }

  private grow(): void {
    const b = this.buffer;
    const size = b.numbers.length * 2;
    const numbers = new Float64Array(size);
    numbers.set(b.numbers);
    const isNumber = new Uint8Array(size);
    isNumber.set(b.isNumber);
    b.numbers = numbers;
    b.isNumber = isNumber;
    while (b.texts.length < size) b.texts.push('');
  }

  private text(index: number, value: string): void {
    const b = this.buffer;
    if (index >= b.numbers.length) this.grow();
    b.isNumber[index] = 0;
    b.texts[index] = value;
  }

  /** Scans complete rows from `text`; returns how many characters were consumed. */
  private scan(text: string, isLast: boolean): number {
    const delim = this.delimiter;
    const point = this.decimalPoint;
    let hint = this.sink.numericHint;
    let dictionaries = this.sink.dictionaries;
    const b = this.buffer;
    const n = text.length;
    let pos = 0;
    let line = this.carryLine;
    let keepText = this.sink.wantsText();
    while (pos < n) {
      const rowStart = pos;
      const rowLine = line;
      let field = 0;
      let i = pos;
      let complete = false;
      for (;;) {
        if (i < n && text.charCodeAt(i) === QUOTE) {
          // Quoted field: always text.
          let value = '';
          let segment = i + 1;
          let j = segment;
          let closed = false;
          for (;;) {
            const q = text.indexOf('"', j);
            if (q < 0) break;
            if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
              value += text.slice(segment, q + 1);
              segment = q + 2;
              j = q + 2;
              continue;
            }
            if (q + 1 >= n && !isLast) break; // a doubled quote may continue in the next chunk
            value += text.slice(segment, q);
            j = q + 1;
            closed = true;
            break;
          }
          if (!closed) {
            if (isLast) {
              throw new DataError(
                'csv_unclosed_quote',
                `Line ${rowLine}: a quoted field starts here but its closing quote (") is missing. Close the quote, or double any quote inside the field ("").`,
              );
            }
            break;
          }
          // Text after the closing quote up to the delimiter is kept, as spreadsheets do.
          let k = j;
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === delim || c === LF || c === CR) break;
            k++;
          }
          if (k > j) value += text.slice(j, k);
          for (let m = i; m < k; m++) if (text.charCodeAt(m) === LF) line++;
          this.text(field++, value);
          i = k;
        } else {
          const start = i;
          let k = i;
          let fast = !keepText && field < hint.length && hint[field] === 1;
          if (fast) {
            // Plain decimal: [+-]digits[.digits], at most 15 significant digits.
            let negative = false;
            let c = k < n ? text.charCodeAt(k) : -1;
            if (c === MINUS || c === PLUS) {
              negative = c === MINUS;
              k++;
            }
            let mantissa = 0;
            let digits = 0;
            let fraction = 0;
            let sawPoint = false;
            for (; k < n; k++) {
              c = text.charCodeAt(k);
              if (c >= 48 && c <= 57) {
                mantissa = mantissa * 10 + (c - 48);
                digits++;
                if (sawPoint) fraction++;
              } else if (c === point && !sawPoint) sawPoint = true;
              else break;
            }
            const atEnd = k >= n || c === delim || c === LF || c === CR;
            if (atEnd && digits > 0 && digits <= MAX_FAST_DIGITS) {
              const magnitude = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
              if (field >= b.numbers.length) this.grow();
              b.numbers[field] = negative ? -magnitude : magnitude;
              b.isNumber[field] = 1;
              field++;
            } else fast = false;
          }
          if (!fast) {
            while (k < n) {
              const c = text.charCodeAt(k);
              if (c === delim || c === LF || c === CR) break;
              k++;
            }
            const known = !keepText && field < dictionaries.length ? dictionaries[field] : null;
            const code = known !== null ? knownCode(text, start, k, known) : -1;
            if (code >= 0) {
              if (field >= b.numbers.length) this.grow();
              b.numbers[field] = code;
              b.isNumber[field] = 2;
              field++;
            } else this.text(field++, text.slice(start, k));
          }
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
        if (c === CR) {
          if (i + 1 >= n && !isLast) break; // CR at chunk end: an LF may follow
          i += i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
        } else i++;
        line++;
        complete = true;
        pos = i;
        break;
      }
      if (!complete) {
        this.carryLine = rowLine;
        return rowStart;
      }
      if (!(field === 1 && b.isNumber[0] === 0 && isBlank(b.texts[0]))) {
        b.count = field;
        this.sink.row(b, rowLine);
        keepText = this.sink.wantsText();
        hint = this.sink.numericHint; // replaced once the header row is known
        dictionaries = this.sink.dictionaries;
      }
    }
    this.carryLine = line;
    return n;
  }
}

/** The index of the value in `known` equal to text[start, end), or -1. */
function knownCode(text: string, start: number, end: number, known: readonly string[]): number {
  const length = end - start;
  const first = length > 0 ? text.charCodeAt(start) : -1;
  for (let code = 0; code < known.length; code++) {
    const value = known[code];
    if (value.length !== length || value.charCodeAt(0) !== first) continue;
    let i = 1;
    while (i < length && value.charCodeAt(i) === text.charCodeAt(start + i)) i++;
    if (i === length) return code;
  }
  return -1;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
