import type { Table } from '../data/table';
import type { ColumnProfile } from '../data/profile';
import { prepareTable, type PreparedData } from '../preprocess/prepare';
import type { TrainJob } from './job';
import type { TrainingResult } from './result';
import { runTrainingJob, type JobContext, type PreparedSource, type TrainedModel } from './task-job';

export type { JobContext, TrainedModel } from './task-job';
export { isRegressionModel } from './task-job';

/** A table as a training source: features fitted on the training split, the task chosen from the target. */
export function tableSource(table: Table, profiles: ColumnProfile[], job: Pick<TrainJob, 'prepare'>): PreparedSource {
  const prepared: PreparedData = prepareTable(table, profiles, job.prepare);
  return {
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
  };
}

/** Prepares the table, trains (comparing candidates for "auto"), evaluates on the test split with the task's metrics. */
export async function runTableTraining(job: TrainJob, table: Table, profiles: ColumnProfile[], datasetName: string, context: JobContext): Promise<{ result: TrainingResult; trained: TrainedModel }> {
  context.progress({ phase: 'preparing', message: 'Preparing features (fitted on the training split)…' });
  const source = tableSource(table, profiles, job);
  return runTrainingJob(job, source, datasetName, context);
}
