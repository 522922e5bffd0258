/**
 * Batch prediction for a table model: checks the columns, transforms every row with the fitted
 * preprocessing, asks `probabilitiesOf` (the model, wherever it runs) for the valid rows only, and
 * assembles the result the page shows and the runner prints. Plain TypeScript: the worker supplies the
 * model call, tests supply a stand-in.
 */
import { DataError } from '../lib/errors';
import { tableRows, type Table } from '../data/table';
import { argmaxRows } from '../evaluate/argmax';
import { tableReader } from '../preprocess/feature-reader';
import type { FittedPreprocessor } from '../preprocess/fitted';
import { transformRows } from '../preprocess/transform';
import { batchAccuracy, batchRegressionErrors, MAX_LISTED_INVALID, PREVIEW_ROWS, type BatchPrediction } from './batch';
import { driftReport } from './drift';
import { predictionsCsv, regressionPredictionsCsv } from './predictions-csv';
import type { TrainingReference } from './training-reference';

export interface TableModel {
  classes: string[];
  preprocessing: FittedPreprocessor;
  /** Training statistics for the drift report; null falls back to the fitted ranges. */
  reference: TrainingReference | null;
}

/** Probabilities (rows × classes, row-major) for the listed rows of `features`. */
export type ProbabilitiesOf = (features: Float32Array, rows: Int32Array) => Promise<Float32Array>;

/** Names the model's input columns missing from `header`, or null when all are there. */
export function missingColumnsError(fitted: FittedPreprocessor, header: string[], fileName: string): DataError | null {
  const missing = fitted.features.map((f) => f.name).filter((n) => !header.includes(n));
  if (missing.length === 0) return null;
  return new DataError(
    'predict_missing_columns',
    `${fileName} lacks ${missing.length === 1 ? 'the column' : `${missing.length} columns`} the model needs: ${missing
      .slice(0, 10)
      .map((m) => `"${m}"`)
      .join(
        ', ',
      )}${missing.length > 10 ? ', …' : ''}. Its columns are: ${header.slice(0, 20).join(', ')}${header.length > 20 ? ', …' : ''}. Add the missing columns (empty values are filled as at training time) or check the header spelling.`,
  );
}

/** Predictions for every row of `table` (invalid rows get label -1 and NaN probabilities, and say why). */
export async function predictTable(model: TableModel, table: Table, header: string[], fileName: string, probabilitiesOf: ProbabilitiesOf): Promise<Omit<BatchPrediction, 'seconds'>> {
  const fitted = model.preprocessing;
  const missing = missingColumnsError(fitted, header, fileName);
  if (missing) throw missing;
  const reader = tableReader(table);
  const all = Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const { features, problems } = transformRows(fitted, reader, all);
  const problemByRow = new Map(problems.map((p) => [p.row, `${p.column}: ${p.message}`]));
  const valid = all.filter((r) => !problemByRow.has(r));
  const target = fitted.target.name;
  const used = new Set([...fitted.features.map((f) => f.name), target]);
  const stem = fileName.replace(/\.[a-z]+$/i, '');
  if (fitted.target.task === 'regression') {
    // Regression: one output per row, already in the target's units.
    const predicted = valid.length > 0 ? await probabilitiesOf(features, valid) : new Float32Array(0);
    const values = new Float32Array(table.rowCount).fill(Number.NaN);
    valid.forEach((row, i) => (values[row] = predicted[i]));
    const interval = fitted.target.interval;
    return {
      fileName,
      rows: table.rowCount,
      header,
      classes: [],
      labels: Int32Array.from(values, (v) => (Number.isNaN(v) ? -1 : 0)),
      probabilities: new Float32Array(0),
      invalidRows: problems.slice(0, MAX_LISTED_INVALID).map((p) => ({ row: p.row + 1, column: p.column, message: p.message })),
      invalidCount: problems.length,
      accuracy: null,
      regression: { values, ...(interval ? { interval } : {}), errors: batchRegressionErrors(reader, target, values) },
      ignoredColumns: header.filter((h) => !used.has(h)),
      drift: table.rowCount > 0 ? driftReport(fitted, model.reference, reader, table.rowCount) : null,
      preview: tableRows(table, 0, PREVIEW_ROWS),
      csv: new Blob([regressionPredictionsCsv(table, target, values, interval, problemByRow)], { type: 'text/csv;charset=utf-8' }),
      csvName: `${stem}-predictions.csv`,
    };
  }
  const k = model.classes.length;
  const validProbabilities = valid.length > 0 ? await probabilitiesOf(features, valid) : new Float32Array(0);
  const validLabels = argmaxRows(validProbabilities, k);
  const labels = new Int32Array(table.rowCount).fill(-1);
  const probabilities = new Float32Array(table.rowCount * k).fill(Number.NaN);
  valid.forEach((row, i) => {
    labels[row] = validLabels[i];
    probabilities.set(validProbabilities.subarray(i * k, (i + 1) * k), row * k);
  });
  return {
    fileName,
    rows: table.rowCount,
    header,
    classes: model.classes,
    labels,
    probabilities,
    invalidRows: problems.slice(0, MAX_LISTED_INVALID).map((p) => ({ row: p.row + 1, column: p.column, message: p.message })),
    invalidCount: problems.length,
    accuracy: batchAccuracy(reader, target, model.classes, labels),
    ignoredColumns: header.filter((h) => !used.has(h)),
    drift: table.rowCount > 0 ? driftReport(fitted, model.reference, reader, table.rowCount) : null,
    preview: tableRows(table, 0, PREVIEW_ROWS),
    // A UTF-8 BOM first, so Excel opens Chinese (any non-ASCII) text correctly; Blob.text() drops it again.
    csv: new Blob(['\ufeff', predictionsCsv(table, target, model.classes, labels, probabilities, problemByRow)], { type: 'text/csv;charset=utf-8' }),
    csvName: `${stem}-predictions.csv`,
  };
}
