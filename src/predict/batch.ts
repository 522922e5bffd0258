import type { FeatureReader, RawCell } from '../preprocess/feature-reader';
import { formatNumberCell } from '../data/table';
import type { DriftReport } from './drift';

/** A problem with one input row, by 1-based data row number (the header is not counted). */
export interface InvalidRow {
  row: number;
  column: string;
  message: string;
}

export interface RecordPrediction {
  label: string | null;
  probabilities: number[] | null;
  problem: { column: string; message: string } | null;
}

export interface BatchAccuracy {
  /** The target column found in the batch. */
  column: string;
  accuracy: number;
  /** Rows with a predicted class and a target value. */
  rows: number;
  correct: number;
  /** Of those, rows whose target value is not one of the model's classes (always counted wrong). */
  unknownLabels: number;
}

export interface BatchPrediction {
  fileName: string;
  rows: number;
  header: string[];
  classes: string[];
  /** Predicted class index per row; -1 where the row is invalid. */
  labels: Int32Array;
  /** rows × classes, row-major; NaN where the row is invalid. */
  probabilities: Float32Array;
  /** At most MAX_LISTED_INVALID rows; `invalidCount` has the total. */
  invalidRows: InvalidRow[];
  invalidCount: number;
  accuracy: BatchAccuracy | null;
  /** Batch columns the model does not use (the target column is not listed). */
  ignoredColumns: string[];
  drift: DriftReport | null;
  /** The first rows' input cells as text, for the results table. */
  preview: string[][];
  /** Input plus predicted class and probabilities, as CSV. */
  csv: Blob;
  csvName: string;
  seconds: number;
}

export interface ImagePrediction {
  name: string;
  label: string | null;
  probabilities: number[] | null;
  error: string | null;
}

export const MAX_LISTED_INVALID = 1000;
export const PREVIEW_ROWS = 100;

function labelText(cell: RawCell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'number') return formatNumberCell(cell);
  return cell.trim() === '' ? null : cell;
}

/** Accuracy against the batch's target column, when it has one; rows without a prediction or a target value are left out. */
export function batchAccuracy(reader: FeatureReader, targetName: string, classes: string[], labels: Int32Array): BatchAccuracy | null {
  const read = reader.column(targetName);
  if (!read) return null;
  const known = new Set(classes);
  let rows = 0;
  let correct = 0;
  let unknownLabels = 0;
  for (let r = 0; r < labels.length; r++) {
    if (labels[r] < 0) continue;
    const truth = labelText(read(r));
    if (truth === null) continue;
    rows++;
    if (!known.has(truth)) unknownLabels++;
    else if (classes[labels[r]] === truth) correct++;
  }
  if (rows === 0) return null;
  return { column: targetName, accuracy: correct / rows, rows, correct, unknownLabels };
}
