import type { PickedFile } from '../export/read-bundle';
import type { BatchPrediction, ImagePrediction, InferencePrecision, RecordPrediction } from './batch';

/** Calls about predicting with the worker's current model. */
export interface PredictCalls {
  /** One row from the prediction form: [column, value] pairs as typed. */
  'predict-record': [{ values: [string, string | number | null][] }, RecordPrediction];
  /** A CSV of rows: predictions, invalid rows, accuracy (when the target column is present) and drift. */
  'predict-csv': [{ file: Blob; name: string; precision?: InferencePrecision }, BatchPrediction];
  'predict-images': [{ files: PickedFile[] }, ImagePrediction[]];
}
