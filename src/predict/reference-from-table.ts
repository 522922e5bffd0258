import type { ColumnProfile } from '../data/profile';
import type { Table } from '../data/table';
import type { FittedPreprocessor } from '../preprocess/fitted';
import { tableReader } from '../preprocess/feature-reader';
import { prepareTableCached } from '../preprocess/prepare-cache';
import type { PrepareSettings } from '../preprocess/settings';
import { computeTrainingReference, type TrainingReference } from './training-reference';

/**
 * Recomputes the training split of `table` (prepare is deterministic: same settings and seed, same rows)
 * and returns its statistics, or null when the table no longer yields the model's fitted transforms
 * (then it is not the data the model was trained on). The training run that just fitted `fitted` left its
 * preparation in the cache (same table and settings), so this reuses it instead of preparing again.
 */
export function referenceFromTable(table: Table, profiles: ColumnProfile[], prepare: PrepareSettings, fitted: FittedPreprocessor): TrainingReference | null {
  const prepared = prepareTableCached(table, profiles, prepare);
  if (prepared.fitted !== fitted && JSON.stringify(prepared.fitted) !== JSON.stringify(fitted)) return null;
  const trainRows = Int32Array.from(prepared.split.train, (i) => prepared.tableRows[i]);
  return computeTrainingReference(fitted, tableReader(table), trainRows);
}
