import type { Table } from '../data/table';
import type { ColumnProfile } from '../data/profile';
import type { PreparedData } from '../preprocess/prepare';
import { prepareTableCached } from '../preprocess/prepare-cache';
import type { TrainJob } from './job';
import type { TrainingResult } from './result';
import { runTrainingJob, type JobContext, type PreparedSource, type TrainedModel } from './task-job';
import { addTextInsights } from './text-insights';

export type { JobContext, TrainedModel } from './task-job';
export { isRegressionModel } from './task-job';

/** A table as a training source: features fitted on the training split, the task chosen from the target. */
export function tableSource(table: Table, profiles: ColumnProfile[], job: Pick<TrainJob, 'prepare'> & Partial<Pick<TrainJob, 'model'>>): PreparedSource {
  // The text CNN reads word ids in order; every other model reads TF-IDF rows. The same table, Prepare
  // settings and encoding as the last run reuse its preparation (preprocess/prepare-cache.ts).
  const prepared: PreparedData = prepareTableCached(table, profiles, job.prepare, job.model === 'textcnn' ? 'sequence' : 'tfidf');
  const sequence = prepared.fitted.features.find((f) => f.kind === 'text' && f.encoding === 'sequence');
  return {
    ...(sequence?.kind === 'text' ? { vocabularySize: sequence.terms.length + 2 } : {}),
    task: prepared.task,
    features: prepared.features,
    exampleShapeFor: () => [prepared.fitted.inputSize],
    labels: prepared.labels,
    targets: prepared.targets,
    classes: prepared.fitted.target.classes,
    split: prepared.split,
    preprocessing: prepared.fitted,
    rows: prepared.labels.length,
    warnings: prepared.warnings,
    sourceRows: (indices) => Array.from(indices, (i) => prepared.tableRows[i]),
    evaluatingMessage: 'Evaluating on the held-out test split…',
    finish: (result, test) => addTextInsights(result, test, table, prepared),
  };
}

/** Prepares the table, trains (comparing candidates for "auto"), evaluates on the test split with the task's metrics. */
export async function runTableTraining(job: TrainJob, table: Table, profiles: ColumnProfile[], datasetName: string, context: JobContext): Promise<{ result: TrainingResult; trained: TrainedModel }> {
  context.progress({ phase: 'preparing', message: 'Preparing features (fitted on the training split)…' });
  const source = tableSource(table, profiles, job);
  context.mark?.('prepared');
  return runTrainingJob(job, source, datasetName, context);
}
