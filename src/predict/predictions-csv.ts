import Papa from 'papaparse';
import { cellText, type Table } from '../data/table';

/** Spreadsheet apps run cells starting with these as formulas; such text cells get a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function safeCell(text: string): string {
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

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
      for (let j = 0; j < k; j++) cells.push('');
      cells.push(safeCell(problems.get(r) ?? 'no prediction'));
    }
    rows.push(cells);
  }
  return Papa.unparse({ fields: [...header.map(safeCell), added.predicted, ...added.probabilities, added.problem].map(String), data: rows }, { newline: '\n' });
}
