import type { Column, Table } from '../data/table';

/** A raw cell: a number, a string as written, or null when missing. */
export type RawCell = number | string | null;

/** Where rows come from: the parsed table at training time, a CSV or a form at prediction time. */
export interface FeatureReader {
  readonly rowCount: number;
  /** Returns a function reading the named column, or null when the source has no such column. */
  column(name: string): ((row: number) => RawCell) | null;
}

export function columnCell(column: Column): (row: number) => RawCell {
  if (column.storage === 'numeric') {
    const values = column.values;
    return (row) => {
      const v = values[row];
      return v === v ? v : null;
    };
  }
  const { codes, dictionary } = column;
  return (row) => {
    const code = codes[row];
    return code < 0 ? null : dictionary[code];
  };
}

export function tableReader(table: Table): FeatureReader {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  return {
    rowCount: table.rowCount,
    column(name) {
      const column = byName.get(name);
      return column ? columnCell(column) : null;
    },
  };
}

/** Rows given as records (a prediction form, JSON): `records[row].get(name)`. */
export function recordReader(records: Map<string, RawCell>[]): FeatureReader {
  return {
    rowCount: records.length,
    column(name) {
      if (!records.some((r) => r.has(name))) return null;
      return (row) => records[row].get(name) ?? null;
    },
  };
}
