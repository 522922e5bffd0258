/**
 * Adapts a table parsed by the studio's CSV reader (typed columns) to the PixelTable view that
 * pixel-csv needs, so pixel CSVs use the same streaming parser as every other CSV.
 */
import { cellText, type Table } from '../table';
import type { PixelTable } from './pixel-csv';

export function pixelTableFromTable(table: Table): PixelTable {
  return {
    names: table.columns.map((c) => c.name),
    rowCount: table.rowCount,
    numericColumn(i) {
      const column = table.columns[i];
      return column.storage === 'numeric' ? column.values : null;
    },
    stringColumn(i) {
      const column = table.columns[i];
      return Array.from({ length: table.rowCount }, (_, r) => cellText(column, r));
    },
  };
}
