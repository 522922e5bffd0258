import { classificationMetricsOf, optionalClassificationScores, regressionTestSummary, taskOf, type TrainingResult } from '../train/result';
import type { MetricsFile } from './bundle-format';

/** metrics.json from the notebook's training result, without the bulky parts (history, ROC points, preprocessing). */
export function metricsFile(result: TrainingResult | null, exportedAt = new Date()): MetricsFile {
  const file: MetricsFile = { format: 'tau-metrics', version: 1, exportedAt: exportedAt.toISOString() };
  if (!result) return file;
  const m = classificationMetricsOf(result);
  const test =
    regressionTestSummary(result) ??
    (m
      ? {
          accuracy: m.accuracy,
          macroF1: m.macroF1,
          weightedF1: m.weightedF1,
          // A list, not an object keyed by class name: class names are user strings.
          perClass: m.confusionMatrix.labels.map((label) => ({ label, ...m.perClass[label] })),
          confusionMatrix: m.confusionMatrix,
          ...optionalClassificationScores(m),
        }
      : null);
  if (!test) return file;
  file.evaluation = {
    finishedAt: result.finishedAt,
    datasetName: result.datasetName,
    rows: result.rows,
    classes: result.classes,
    split: result.split,
    model: result.model,
    modelDescription: result.modelDescription,
    backend: result.backend,
    ...(result.adapter ? { adapter: result.adapter } : {}),
    seed: result.settings.seed,
    settings: result.settings,
    prepare: result.prepare,
    task: taskOf(result),
    test,
    training: {
      epochs: result.training.epochs,
      bestEpoch: result.training.bestEpoch,
      stoppedBy: result.training.stoppedBy,
      seconds: result.training.seconds,
      samplesPerSecond: result.training.samplesPerSecond,
    },
  };
  return file;
}
