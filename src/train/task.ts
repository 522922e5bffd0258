/**
 * The task a job trains for. Classification and regression differ in the target encoding, the output
 * layer, the loss, the metrics, the charts and what a prediction is; everything else (preparing
 * features, splitting, the training loop, backends, export) is shared. New tasks (text, search) add a
 * kind here and a definition in task-definitions.ts.
 */
import type { ColumnProfile } from '../data/profile';
import { checkTarget, MAX_CLASSES } from '../preprocess/settings';

export type TaskKind = 'classification' | 'regression';
export type TaskChoice = 'auto' | TaskKind;
export type RegressionLoss = 'mse' | 'mae' | 'huber';
export const REGRESSION_LOSSES: readonly RegressionLoss[] = ['mse', 'mae', 'huber'];

/** A numeric target with more distinct values than this (or non-integers beyond 20 values) is a quantity, not a class. */
export const REGRESSION_MIN_DISTINCT = 20;

export interface TaskDecision {
  task: TaskKind;
  /** Why, in one sentence a user reads next to the choice. */
  reason: string;
}

/** Picks the task from the target column: numeric with many distinct values → regression, otherwise classification. */
export function chooseTask(profile: ColumnProfile, choice: TaskChoice = 'auto'): TaskDecision {
  const name = `"${profile.name}"`;
  if (choice === 'classification') return { task: 'classification', reason: `Classification, as chosen: the model predicts which class of ${name} a row belongs to.` };
  if (choice === 'regression') return { task: 'regression', reason: `Regression, as chosen: the model predicts the number in ${name}.` };
  if (profile.storage !== 'numeric') {
    return { task: 'classification', reason: `Classification: ${name} holds ${profile.distinct} distinct text values (categories).` };
  }
  const many = profile.distinct > MAX_CLASSES || (profile.distinct > REGRESSION_MIN_DISTINCT && profile.integers === false);
  if (many) {
    return {
      task: 'regression',
      reason: `Regression: ${name} is numeric with ${profile.distinct} distinct values${profile.integers === false ? ' (not whole numbers)' : ''}, a quantity rather than a set of classes.`,
    };
  }
  return { task: 'classification', reason: `Classification: ${name} is numeric but has only ${profile.distinct} distinct values, treated as classes.` };
}

export type TargetCheckResult = { ok: true } | { ok: false; code: string; message: string };

/** Says whether a column can be the target of `task`, and what to do if not. */
export function checkTargetForTask(profile: ColumnProfile, task: TaskKind): TargetCheckResult {
  if (task === 'classification') {
    const check = checkTarget(profile);
    return check.ok ? { ok: true } : check;
  }
  const name = `"${profile.name}"`;
  if (profile.storage !== 'numeric') {
    const example = profile.top?.[0]?.value;
    return {
      ok: false,
      code: 'target_not_numeric',
      message: `${name} holds text values${example !== undefined ? ` (e.g. "${example}")` : ''}; regression needs a numeric target. Choose a numeric column, or train a classifier (task: classification).`,
    };
  }
  if (profile.distinct === 0) return { ok: false, code: 'target_empty', message: `${name} has no values; choose another target column.` };
  if (profile.distinct < 2) {
    return { ok: false, code: 'target_constant', message: `Every value of ${name} is ${profile.min}; there is nothing to predict. Choose another target column.` };
  }
  return { ok: true };
}
