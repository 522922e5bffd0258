import { argmaxRows, classificationReport, rocForJson, type ClassificationReport } from '../evaluate';

/**
 * Metrics on the held-out test split from the model's probabilities (row-major, one column per
 * class), with the ROC curve made JSON-safe: the same evaluation for tables and images.
 */
export function evaluateTestSplit(probabilities: Float32Array, yTrue: Int32Array, classes: string[]): ClassificationReport {
  const metrics = classificationReport({ yTrue, yPred: argmaxRows(probabilities, classes.length), labels: classes, probabilities });
  if (metrics.roc) metrics.roc = rocForJson(metrics.roc);
  return metrics;
}
