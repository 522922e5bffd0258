/** A PixelTable over a tiny CSV string (comma-separated, no quoting) for tests. */
import type { PixelTable } from '../pixel-csv';

export function tableFromCsv(text: string): PixelTable {
  const lines = text.trim().split('\n');
  const names = lines[0].split(',');
  const rows = lines.slice(1).map((line) => line.split(','));
  const cell = (r: number, i: number): string | null => {
    const v = rows[r][i];
    return v === undefined || v.trim() === '' ? null : v;
  };
  return tableFromColumns(
    names,
    names.map((_, i) => rows.map((_, r) => cell(r, i))),
  );
}

/** A PixelTable over text columns; a column is numeric when every non-empty cell is a number. */
export function tableFromColumns(names: string[], columns: (string | null)[][]): PixelTable {
  return {
    names,
    rowCount: columns[0]?.length ?? 0,
    numericColumn(i) {
      const column = columns[i];
      const out = new Float64Array(column.length);
      for (let r = 0; r < column.length; r++) {
        const v = column[r];
        if (v === null) out[r] = NaN;
        else if (Number.isFinite(Number(v))) out[r] = Number(v);
        else return null;
      }
      return out;
    },
    stringColumn(i) {
      return columns[i];
    },
  };
}

/** A numeric-only PixelTable from typed columns (fast, for large tables). */
export function tableFromNumbers(names: string[], columns: Float64Array[]): PixelTable {
  return {
    names,
    rowCount: columns[0]?.length ?? 0,
    numericColumn: (i) => columns[i],
    stringColumn: (i) => Array.from(columns[i], (v) => (Number.isNaN(v) ? null : String(v))),
  };
}
