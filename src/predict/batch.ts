import type { FeatureReader, RawCell } from '../preprocess/feature-reader';
import { formatNumberCell } from '../data/table';
import type { DriftReport } from './drift';
import { meanAbsoluteError, meanSquaredError, r2Score } from '../evaluate/regression-metrics';

/** A problem with one input row, by 1-based data row number (the header is not counted). */
export interface InvalidRow {
  row: number;
  column: string;
  message: string;
}

export interface RecordPrediction {
  label: string | null;
  probabilities: number[] | null;
  /** Regression models: the predicted number, and its interval when the model has one. */
  value?: number;
  interval?: { level: number; lower: number; upper: number };
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

/**
 * How table predictions are computed: TF.js in float32 (the default), or the studio's own WebGPU dense
 * kernel in float16 (only where the adapter offers "shader-f16") or in float32 (the same kernel; checks it).
 */
export type InferencePrecision = 'float32' | 'float16' | 'float32-shader';

/** What actually ran, said plainly (e.g. that this device cannot do float16, and float32 was used). */
export interface InferenceNote {
  requested: InferencePrecision;
  used: 'tfjs-float32' | 'webgpu-float16' | 'webgpu-float32';
  adapter?: string;
  note: string;
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
  /** Regression models: predicted value per row (NaN where invalid), interval offsets, and errors against the batch's target column. */
  regression?: { values: Float32Array; interval?: { level: number; lower: number; upper: number }; errors: BatchRegressionErrors | null };
  /** Batch columns the model does not use (the target column is not listed). */
  ignoredColumns: string[];
  drift: DriftReport | null;
  /** The first rows' input cells as text, for the results table. */
  preview: string[][];
  /** Input plus predicted class and probabilities, as CSV. */
  csv: Blob;
  csvName: string;
  seconds: number;
  /** Present when a precision other than the default was asked for. */
  inference?: InferenceNote;
}

export interface ImagePrediction {
  name: string;
  label: string | null;
  probabilities: number[] | null;
  error: string | null;
}

export interface BatchRegressionErrors {
  column: string;
  rows: number;
  mae: number;
  rmse: number;
  r2: number;
}

/** MAE/RMSE/R² against the batch's target column, over rows with a prediction and a numeric target. */
export function batchRegressionErrors(reader: FeatureReader, targetName: string, values: Float32Array): BatchRegressionErrors | null {
  const read = reader.column(targetName);
  if (!read) return null;
  const yTrue: number[] = [];
  const yPred: number[] = [];
  for (let r = 0; r < values.length; r++) {
    if (Number.isNaN(values[r])) continue;
    const cell = read(r);
    const y = typeof cell === 'number' ? cell : cell === null || cell.trim() === '' ? Number.NaN : Number(cell);
    if (!Number.isFinite(y)) continue;
    yTrue.push(y);
    yPred.push(values[r]);
  }
  if (yTrue.length === 0) return null;
  const mse = meanSquaredError(yTrue, yPred);
  return { column: targetName, rows: yTrue.length, mae: meanAbsoluteError(yTrue, yPred), rmse: Math.sqrt(mse), r2: r2Score(yTrue, yPred) };
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
