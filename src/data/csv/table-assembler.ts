import type { Table } from '../table';
import { formatNumberCell } from '../table';
import { ColumnBuilder } from './column-builder';
import type { CsvDialect } from './dialect';
import { DataError } from '../../lib/errors';
import type { RowBuffer, RowSink } from './scanner';

/** String columns with up to this many distinct values have their fields matched to codes while scanning. */
const MAX_MATCHED_VALUES = 32;

/** Makes header names unique and non-empty without changing them otherwise (they are shown as text). */
export function normalizeHeader(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((name, i) => {
    let base = name.trim();
    if (base === '') base = `column ${i + 1}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base} (${count + 1})`;
  });
}

export interface AssembledTable {
  table: Table;
  header: string[];
  /** The first rows exactly as parsed (strings), padded to the header width. */
  preview: string[][];
  warnings: string[];
}

/** Turns scanned rows (header first) into typed columns, checking each row's width. */
export class TableAssembler implements RowSink {
  private header: string[] | null = null;
  private builders: ColumnBuilder[] = [];
  private readonly preview: string[][] = [];
  private shortRows = 0;
  private firstShortLine = 0;
  numericHint = new Uint8Array(0);
  dictionaries: (readonly string[] | null)[] = [];
  rows = 0;

  constructor(
    private readonly fileName: string,
    private readonly dialect: CsvDialect,
    private readonly previewLimit: number,
  ) {}

  wantsText(): boolean {
    return this.header === null || this.preview.length < this.previewLimit;
  }

  row(buffer: RowBuffer, line: number): void {
    const count = buffer.count;
    if (!this.header) {
      this.header = normalizeHeader(Array.from({ length: count }, (_, i) => fieldText(buffer, i)));
      this.builders = this.header.map((name) => new ColumnBuilder(name, this.dialect.decimal === ','));
      this.numericHint = new Uint8Array(this.builders.length).fill(1);
      this.dictionaries = this.builders.map(() => null);
      return;
    }
    const builders = this.builders;
    const width = builders.length;
    if (count > width) {
      // Trailing empty fields (a trailing delimiter) are harmless; real extra values are not.
      for (let i = width; i < count; i++) {
        const extra = fieldText(buffer, i);
        if (extra.trim() !== '') {
          const shown = this.dialect.delimiter === '\t' ? 'tab' : `"${this.dialect.delimiter}"`;
          throw new DataError(
            'csv_ragged_row',
            `${this.fileName}, line ${line}: ${count} fields but the header has ${width}. ` +
              `The extra value "${truncate(extra)}" has no column. Check the delimiter, or quote fields that contain ${shown}.`,
          );
        }
      }
    } else if (count < width) {
      this.shortRows++;
      if (this.firstShortLine === 0) this.firstShortLine = line;
    }
    const present = Math.min(width, count);
    for (let c = 0; c < present; c++) {
      const builder = builders[c];
      const kind = buffer.isNumber[c];
      if (kind === 1) builder.pushNumber(buffer.numbers[c]);
      else if (kind === 2) builder.pushCode(buffer.numbers[c]);
      else {
        builder.push(buffer.texts[c]);
        if (!builder.isNumeric) {
          this.numericHint[c] = 0;
          // A string column with few distinct values: the scanner matches its fields to codes directly.
          const known = builder.knownValues;
          this.dictionaries[c] = known.length <= MAX_MATCHED_VALUES ? known : null;
        }
      }
    }
    for (let c = present; c < width; c++) builders[c].pushMissing();
    if (this.preview.length < this.previewLimit) {
      const row: string[] = [];
      for (let c = 0; c < width; c++) row.push(c < count ? fieldText(buffer, c) : '');
      this.preview.push(row);
    }
    this.rows++;
  }

  finish(): AssembledTable {
    const header = this.header;
    if (!header) {
      throw new DataError('csv_empty', `${this.fileName} is empty. Choose a file with a header row and at least one data row.`);
    }
    if (this.rows === 0) {
      throw new DataError('csv_no_rows', `${this.fileName} has a header (${header.slice(0, 5).join(', ')}${header.length > 5 ? ', …' : ''}) but no data rows. Add rows below the header.`);
    }
    const warnings: string[] = [];
    if (this.shortRows > 0) {
      warnings.push(`${this.shortRows} row${this.shortRows === 1 ? '' : 's'} had fewer fields than the header (first at line ${this.firstShortLine}); the absent fields count as missing values.`);
    }
    return {
      table: { rowCount: this.rows, columns: this.builders.map((b) => b.finish()) },
      header,
      preview: this.preview,
      warnings,
    };
  }
}

function fieldText(buffer: RowBuffer, index: number): string {
  return buffer.isNumber[index] === 1 ? formatNumberCell(buffer.numbers[index]) : buffer.texts[index];
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
