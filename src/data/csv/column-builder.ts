import type { Column } from '../table';
import { ChunkedValues } from './chunked-values';

/** Spellings of "no value" seen in real exports (pandas' defaults plus a few from UCI and spreadsheets). */
const MISSING_TOKENS = new Set(['', 'NA', 'N/A', 'n/a', 'na', 'NaN', 'nan', 'NAN', 'null', 'NULL', 'Null', 'None', 'none', '?', '-', '#N/A', '#NA', '<NA>', '.', 'missing']);

export function isMissingToken(raw: string): boolean {
  if (raw.length === 0) return true;
  // Longer than any token: missing only when it is all whitespace (eight spaces used to become 0).
  if (raw.length > 7) return raw.charCodeAt(0) <= 32 && raw.trim() === '';
  return MISSING_TOKENS.has(raw.trim());
}

/**
 * Parses a number the way a person writes it in a data file, or NaN.
 * `Number()` alone would also accept hex ("0x1A"), binary, "Infinity" and whitespace-only strings.
 */
export function parseNumberCell(raw: string, decimalComma: boolean): number {
  const text = decimalComma ? raw.replace(',', '.') : raw;
  const value = +text;
  if (value !== value || value === Infinity || value === -Infinity) return Number.NaN;
  // +"   " is 0: a cell without a digit is not the number zero.
  if (value === 0 && !/\d/.test(text)) return Number.NaN;
  // Reject radix prefixes: after an optional sign and whitespace the literal must not start with 0x/0b/0o.
  if (text.length > 1) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // letters other than e/E (exponent) mean a radix literal
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
        if (c !== 69 && c !== 101) return Number.NaN;
      }
    }
  }
  return value;
}

/**
 * Accumulates one column while rows stream in. It stays numeric (Float64 chunks) until a value that is
 * neither missing nor a number arrives; then it switches to dictionary-coded strings (Int32 chunks).
 */
export class ColumnBuilder {
  private numbers: ChunkedValues<Float64Array> | null = new ChunkedValues((n) => new Float64Array(n));
  private codes: ChunkedValues<Int32Array> | null = null;
  private readonly dictionary = new Map<string, number>();
  private readonly values: string[] = [];
  private missingCount = 0;

  constructor(
    readonly name: string,
    private readonly decimalComma: boolean,
  ) {}

  push(raw: string): void {
    if (isMissingToken(raw)) {
      this.missingCount++;
      if (this.numbers) this.numbers.push(Number.NaN);
      else (this.codes as ChunkedValues<Int32Array>).push(-1);
      return;
    }
    if (this.numbers) {
      const value = parseNumberCell(raw, this.decimalComma);
      if (value === value) {
        this.numbers.push(value);
        return;
      }
      this.switchToStrings();
    }
    (this.codes as ChunkedValues<Int32Array>).push(this.codeOf(raw));
  }

  /** A number the scanner already parsed (only offered while the column is numeric). */
  pushNumber(value: number): void {
    if (this.numbers) this.numbers.push(value);
    else this.push(String(value));
  }

  /** A value the scanner matched to `code` of this column's dictionary (see `knownValues`). */
  pushCode(code: number): void {
    (this.codes as ChunkedValues<Int32Array>).push(code);
  }

  get isNumeric(): boolean {
    return this.numbers !== null;
  }

  /** The distinct values seen so far in code order (string columns; the array grows as values arrive). */
  get knownValues(): readonly string[] {
    return this.values;
  }

  /** Pads a short row: the value is missing. */
  pushMissing(): void {
    this.push('');
  }

  finish(): Column {
    if (this.numbers) {
      return { storage: 'numeric', name: this.name, values: this.numbers.take(), missing: this.missingCount };
    }
    return {
      storage: 'string',
      name: this.name,
      codes: (this.codes as ChunkedValues<Int32Array>).take(),
      dictionary: this.values,
      missing: this.missingCount,
    };
  }

  private codeOf(raw: string): number {
    const known = this.dictionary.get(raw);
    if (known !== undefined) return known;
    const code = this.values.length;
    this.dictionary.set(raw, code);
    this.values.push(raw);
    return code;
  }

  /** Re-encodes the numbers seen so far as strings (as JavaScript prints them). */
  private switchToStrings(): void {
    const numbers = this.numbers as ChunkedValues<Float64Array>;
    this.numbers = null;
    const codes = new ChunkedValues((n) => new Int32Array(n));
    numbers.forEach((v) => codes.push(v !== v ? -1 : this.codeOf(String(v))));
    this.codes = codes;
  }
}
