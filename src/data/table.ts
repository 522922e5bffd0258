/**
 * A parsed table kept column by column in typed arrays: a 100 MB file becomes a few typed arrays,
 * not millions of objects. Storage kind (numbers or dictionary-coded strings) is what the parser saw;
 * the semantic type a person cares about (numeric, categorical, id-like…) is inferred in `infer-types`.
 */
export interface NumericColumn {
  readonly storage: 'numeric';
  readonly name: string;
  /** NaN marks a missing value. */
  readonly values: Float64Array;
  readonly missing: number;
}

export interface StringColumn {
  readonly storage: 'string';
  readonly name: string;
  /** Index into `dictionary`, or -1 for a missing value. */
  readonly codes: Int32Array;
  readonly dictionary: string[];
  readonly missing: number;
}

export type Column = NumericColumn | StringColumn;

export interface Table {
  readonly rowCount: number;
  readonly columns: Column[];
}

/** The cell as a number, NaN when missing or not numeric. */
export function cellNumber(column: Column, row: number): number {
  if (column.storage === 'numeric') return column.values[row];
  return Number.NaN;
}

/** The cell as text, null when missing. Numbers are shown the way JavaScript prints them. */
export function cellText(column: Column, row: number): string | null {
  if (column.storage === 'numeric') {
    const v = column.values[row];
    return Number.isNaN(v) ? null : formatNumberCell(v);
  }
  const code = column.codes[row];
  return code < 0 ? null : column.dictionary[code];
}

export function formatNumberCell(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** Rows [start, start+count) as display strings ('' for missing), for previews and the virtual table. */
export function tableRows(table: Table, start: number, count: number): string[][] {
  const end = Math.min(table.rowCount, start + count);
  const rows: string[][] = [];
  for (let r = Math.max(0, start); r < end; r++) {
    rows.push(table.columns.map((c) => cellText(c, r) ?? ''));
  }
  return rows;
}
