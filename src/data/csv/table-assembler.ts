import type { Table } from '../table';
import { ColumnBuilder } from './column-builder';
import type { CsvDialect } from './dialect';
import { DataError } from './errors';

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

/** Turns tokenized records (header first) into typed columns, checking each row's width. */
export class TableAssembler {
  private header: string[] | null = null;
  private builders: ColumnBuilder[] = [];
  private readonly preview: string[][] = [];
  private shortRows = 0;
  private firstShortLine = 0;
  rows = 0;

  constructor(
    private readonly fileName: string,
    private readonly dialect: CsvDialect,
    private readonly previewLimit: number,
  ) {}

  readonly onRecord = (fields: string[], line: number): void => {
    if (!this.header) {
      this.header = normalizeHeader(fields);
      this.builders = this.header.map((name) => new ColumnBuilder(name, this.dialect.decimal === ','));
      return;
    }
    const builders = this.builders;
    const width = builders.length;
    if (fields.length > width) {
      // Trailing empty fields (a trailing delimiter) are harmless; real extra values are not.
      for (let i = width; i < fields.length; i++) {
        if (fields[i].trim() !== '') {
          const shown = this.dialect.delimiter === '\t' ? 'tab' : `"${this.dialect.delimiter}"`;
          throw new DataError(
            'csv_ragged_row',
            `${this.fileName}, line ${line}: ${fields.length} fields but the header has ${width}. ` +
              `The extra value "${truncate(fields[i])}" has no column. Check the delimiter, or quote fields that contain ${shown}.`,
          );
        }
      }
    } else if (fields.length < width) {
      this.shortRows++;
      if (this.firstShortLine === 0) this.firstShortLine = line;
    }
    const present = Math.min(width, fields.length);
    for (let c = 0; c < present; c++) builders[c].push(fields[c]);
    for (let c = present; c < width; c++) builders[c].pushMissing();
    if (this.preview.length < this.previewLimit) {
      const row = fields.slice(0, width);
      while (row.length < width) row.push('');
      this.preview.push(row);
    }
    this.rows++;
  };

  finish(): AssembledTable {
    const header = this.header;
    if (!header) {
      throw new DataError('csv_empty', `${this.fileName} is empty. Choose a file with a header row and at least one data row.`);
    }
    if (this.rows === 0) {
      throw new DataError(
        'csv_no_rows',
        `${this.fileName} has a header (${header.slice(0, 5).join(', ')}${header.length > 5 ? ', …' : ''}) but no data rows. Add rows below the header.`,
      );
    }
    const warnings: string[] = [];
    if (this.shortRows > 0) {
      warnings.push(
        `${this.shortRows} row${this.shortRows === 1 ? '' : 's'} had fewer fields than the header (first at line ${this.firstShortLine}); the absent fields count as missing values.`,
      );
    }
    return {
      table: { rowCount: this.rows, columns: this.builders.map((b) => b.finish()) },
      header,
      preview: this.preview,
      warnings,
    };
  }
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
