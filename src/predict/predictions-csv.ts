import { safeCell, toCsv } from '../lib/csv';
import { cellText, type Table } from '../data/table';

/** Names for the added columns that do not clash with the input's own. */
export function outputColumns(header: string[], targetName: string, classes: string[]): { predicted: string; probabilities: string[]; problem: string } {
  const taken = new Set(header);
  const fresh = (name: string) => {
    let candidate = name;
    for (let i = 2; taken.has(candidate); i++) candidate = `${name} (${i})`;
    taken.add(candidate);
    return candidate;
  };
  return {
    predicted: fresh(`predicted ${targetName}`),
    probabilities: classes.map((c) => fresh(`probability ${c}`)),
    problem: fresh('problem'),
  };
}

/**
 * The input rows plus the predicted class, one probability column per class and a problem column (why a row
 * has no prediction). Probabilities are written in full (the float32 value's shortest exact decimal).
 */
/** The input rows plus the predicted value (and interval bounds when the model has them) and a problem column. */
export function regressionPredictionsCsv(
  table: Table,
  targetName: string,
  values: Float32Array,
  interval: { level: number; lower: number; upper: number } | undefined,
  problems: Map<number, string>,
): string {
  const header = table.columns.map((c) => c.name);
  const taken = new Set(header);
  const fresh = (name: string) => {
    let candidate = name;
    for (let i = 2; taken.has(candidate); i++) candidate = `${name} (${i})`;
    taken.add(candidate);
    return candidate;
  };
  const added = [fresh(`predicted ${targetName}`), ...(interval ? [fresh(`lower ${Math.round(interval.level * 100)}%`), fresh(`upper ${Math.round(interval.level * 100)}%`)] : []), fresh('problem')];
  const rows: string[][] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const cells = table.columns.map((c) => safeCell(cellText(c, r) ?? ''));
    const v = values[r];
    if (!Number.isNaN(v)) {
      cells.push(String(v));
      if (interval) cells.push(String(v + interval.lower), String(v + interval.upper));
      cells.push('');
    } else {
      cells.push('');
      if (interval) cells.push('', '');
      cells.push(safeCell(problems.get(r) ?? 'no prediction'));
    }
    rows.push(cells);
  }
  return toCsv([[...header.map(safeCell), ...added], ...rows], '\n');
}

export function predictionsCsv(table: Table, targetName: string, classes: string[], labels: Int32Array, probabilities: Float32Array, problems: Map<number, string>): string {
  const header = table.columns.map((c) => c.name);
  const added = outputColumns(header, targetName, classes);
  const k = classes.length;
  const rows: string[][] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const cells = table.columns.map((c) => safeCell(cellText(c, r) ?? ''));
    const label = labels[r];
    if (label >= 0) {
      cells.push(safeCell(classes[label]));
      for (let c = 0; c < k; c++) cells.push(String(probabilities[r * k + c]));
      cells.push('');
    } else {
      cells.push('');
      for (let c = 0; c < k; c++) cells.push('');
      cells.push(safeCell(problems.get(r) ?? 'no prediction'));
    }
    rows.push(cells);
  }
  return toCsv([[...header.map(safeCell), added.predicted, ...added.probabilities, added.problem], ...rows], '\n');
}
