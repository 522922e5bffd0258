import type { Column } from '../table';

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
 * Accumulates one column while rows stream in. It stays numeric (a Float64Array) until a value that is
 * neither missing nor a number arrives; then it switches to dictionary-coded strings.
 */
export class ColumnBuilder {
  private length = 0;
  private numbers: Float64Array | null = new Float64Array(1024);
  private codes: Int32Array | null = null;
  private readonly dictionary = new Map<string, number>();
  private readonly values: string[] = [];
  private missingCount = 0;

  constructor(
    readonly name: string,
    private readonly decimalComma: boolean,
  ) {}

  push(raw: string): void {
    const index = this.length++;
    if (isMissingToken(raw)) {
      this.missingCount++;
      if (this.numbers) this.numberSlot(index)[index] = Number.NaN;
      else this.codeSlot(index)[index] = -1;
      return;
    }
    if (this.numbers) {
      const value = parseNumberCell(raw, this.decimalComma);
      if (value === value) {
        this.numberSlot(index)[index] = value;
        return;
      }
      this.switchToStrings(index);
    }
    this.codeSlot(index)[index] = this.codeOf(raw);
  }

  /** A number the scanner already parsed (only offered while the column is numeric). */
  pushNumber(value: number): void {
    if (!this.numbers) {
      this.push(String(value));
      return;
    }
    const index = this.length++;
    this.numberSlot(index)[index] = value;
  }

  get isNumeric(): boolean {
    return this.numbers !== null;
  }

  /** Pads a short row: the value is missing. */
  pushMissing(): void {
    this.push('');
  }

  finish(): Column {
    if (this.numbers) {
      return { storage: 'numeric', name: this.name, values: this.numbers.slice(0, this.length), missing: this.missingCount };
    }
    const codes = this.codes ?? new Int32Array(0);
    return {
      storage: 'string',
      name: this.name,
      codes: codes.slice(0, this.length),
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

  private numberSlot(index: number): Float64Array {
    let numbers = this.numbers as Float64Array;
    if (index >= numbers.length) {
      const grown = new Float64Array(numbers.length * 2);
      grown.set(numbers);
      numbers = grown;
      this.numbers = grown;
    }
    return numbers;
  }

  private codeSlot(index: number): Int32Array {
    let codes = this.codes ?? new Int32Array(1024);
    if (index >= codes.length) {
      const grown = new Int32Array(Math.max(codes.length * 2, index + 1));
      grown.set(codes);
      codes = grown;
    }
    this.codes = codes;
    return codes;
  }

  /** Re-encodes the numbers seen so far as strings (as JavaScript prints them) before `index`. */
  private switchToStrings(index: number): void {
    const numbers = this.numbers as Float64Array;
    this.numbers = null;
    const codes = this.codeSlot(Math.max(index, numbers.length - 1));
    for (let i = 0; i < index; i++) {
      const v = numbers[i];
      codes[i] = v !== v ? -1 : this.codeOf(String(v));
    }
  }
}
