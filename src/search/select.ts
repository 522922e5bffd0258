import { CNN_PRESETS } from '../train/image-presets';
import { SEARCH_FAMILY_NAMES } from './families';
import type { TrialRecord } from './search';
import type { TrialSettings } from './space';

/**
 * How the search picks its model. 'one-standard-error' (Breiman et al., CART; Hastie, Tibshirani & Friedman
 * §7.10): among the trials whose cross-validated mean is within one standard error of the best mean, the
 * simplest wins. On small tables a few validation rows separate the top trials, and the highest mean is
 * often an overfit configuration that happened to suit those rows.
 * 'grid-best-then-one-standard-error' (searches with a grid family, the exact logistic regression): the
 * grid's point is chosen first, by the highest mean over its repeated folds (GridSearchCV's rule; see
 * GRID_TIE), and that one grid trial then meets the other trials in the one-standard-error rule, scored on
 * the same folds as they are (its first repeat). Older runs say 'one-standard-error' for both.
 */
export type SelectionRule = 'one-standard-error' | 'grid-best-then-one-standard-error';
export const SELECTION_RULE: SelectionRule = 'grid-best-then-one-standard-error';

/**
 * Repeats of the search's k-fold that score each grid trial (each fit is one exact solve, milliseconds):
 * with 3 folds, 3 × 3 = 9 fits per C. Measured in scripts/measure/results/search-r5.md.
 */
export const GRID_CV_REPEATS = 3;

/** Equal grid means go to the smaller C (stronger penalty, as GridSearchCV's first best) or the larger. */
export const GRID_TIE: 'smaller-c' | 'larger-c' = 'smaller-c';

/** Higher mean validation accuracy wins; equal accuracy goes to the lower validation loss, then the earlier trial. */
export function compareTrials(a: TrialRecord, b: TrialRecord): number {
  return b.validation.mean - a.validation.mean || a.validation.loss - b.validation.loss || a.id - b.id;
}

/** Model inputs and classes, to count a trial's parameters (the search runs on prepared data). */
export interface SelectionShape {
  inputs: number;
  classes: number;
}

/** Standard error of a trial's mean validation score: fold spread / √k (0 for a holdout, which has no spread). */
export function standardError(trial: TrialRecord): number {
  const k = trial.validation.folds;
  return k > 1 ? trial.validation.std / Math.sqrt(k) : 0;
}

/**
 * Trainable weights of a trial's model, approximately: dense layers for logistic regression and MLPs
 * (inputs → hidden… → classes, with biases); for CNNs, the preset's conv filters scaled by the width
 * (a bigger preset or width is a bigger model, which is all the ordering needs).
 */
export function trialParameters(settings: TrialSettings, shape: SelectionShape): number {
  if (settings.cnn) {
    let filters = 0;
    let previous = 1;
    for (const layer of CNN_PRESETS[settings.cnn.preset].spec.layers) {
      if (layer.type !== 'conv') continue;
      const f = Math.max(4, Math.round(layer.filters * settings.cnn.width));
      filters += (previous * 9 + 1) * f;
      previous = f;
    }
    return filters;
  }
  const sizes = [shape.inputs, ...settings.hidden, shape.classes];
  let total = 0;
  for (let i = 1; i < sizes.length; i++) total += (sizes[i - 1] + 1) * sizes[i];
  return total;
}

/** How strongly a trial's weights are penalised: 1/C for the exact logistic regression, else its L2. */
function strength(settings: TrialSettings): number {
  return settings.c !== undefined ? 1 / settings.c : settings.l2;
}

/**
 * Orders trials from simplest: model family in table order (logistic regression before MLP before CNN),
 * then fewer parameters, then stronger L2, then more dropout; equal complexity goes to the higher mean.
 */
export function compareSimplicity(a: TrialRecord, b: TrialRecord, shape: SelectionShape): number {
  const family = (t: TrialRecord) => SEARCH_FAMILY_NAMES.indexOf(t.settings.family);
  return (
    family(a) - family(b) ||
    trialParameters(a.settings, shape) - trialParameters(b.settings, shape) ||
    strength(b.settings) - strength(a.settings) ||
    b.settings.dropout - a.settings.dropout ||
    b.validation.mean - a.validation.mean ||
    a.validation.loss - b.validation.loss ||
    a.id - b.id
  );
}

/**
 * The trial a search keeps: the simplest among those whose mean is within one standard error of the
 * best mean (`top` is the best by mean, then loss, then id: see compareTrials).
 */
export function chooseTrial(trials: Iterable<TrialRecord>, top: TrialRecord, shape: SelectionShape): TrialRecord {
  const threshold = top.validation.mean - standardError(top);
  let chosen = top;
  for (const t of trials) {
    // A tiny tolerance so float noise in equal means does not split ties.
    if (t.validation.mean >= threshold - 1e-12 && compareSimplicity(t, chosen, shape) < 0) chosen = t;
  }
  return chosen;
}

/** The grid family's pick: the highest mean over all its folds; equal means (within float noise) by GRID_TIE. */
export function chooseGridTrial(grid: Iterable<TrialRecord>, tie: typeof GRID_TIE = GRID_TIE): TrialRecord | null {
  let chosen: TrialRecord | null = null;
  for (const t of grid) {
    if (!chosen) {
      chosen = t;
      continue;
    }
    const d = t.validation.mean - chosen.validation.mean;
    const c = t.settings.c ?? 0;
    const best = chosen.settings.c ?? 0;
    if (d > 1e-12 || (Math.abs(d) <= 1e-12 && (tie === 'smaller-c' ? c < best : c > best))) chosen = t;
  }
  return chosen;
}

/**
 * The trial a search keeps. Without grid trials: chooseTrial over all (the one-standard-error rule). With
 * them (trials whose settings carry C): the grid's pick (chooseGridTrial, over its repeated folds), scored
 * on its first repeat (the folds every other trial was scored on), competes with the other trials in the
 * one-standard-error rule; the logistic regression is the simplest family, so it is kept unless an MLP's
 * mean beats it by more than one standard error.
 */
export function selectTrial(trials: Iterable<TrialRecord>, shape: SelectionShape, tie: typeof GRID_TIE = GRID_TIE): TrialRecord | null {
  const all = [...trials];
  const gridPick = chooseGridTrial(
    all.filter((t) => t.settings.c !== undefined),
    tie,
  );
  const others = all.filter((t) => t.settings.c === undefined);
  const like = gridPick?.validation.searchFolds ? { ...gridPick, validation: { ...gridPick.validation, ...gridPick.validation.searchFolds } } : gridPick;
  const candidates = like ? [like, ...others] : others;
  if (candidates.length === 0) return null;
  const top = candidates.reduce((a, b) => (compareTrials(b, a) < 0 ? b : a));
  const chosen = chooseTrial(candidates, top, shape);
  return chosen === like ? gridPick : chosen;
}
