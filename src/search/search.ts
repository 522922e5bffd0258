import { createRandom, deriveSeed } from '../data/random';
import { BudgetTracker, type SearchBudget } from './budget';
import { gridValidationFolds, validationFolds, type Fold } from './folds';
import { halvingSchedule } from './halving';
import { defaultTrials, gridTrials, sampleTrial } from './sampler';
import { runSeed } from './seeds';
import { compareTrials, GRID_CV_REPEATS, SELECTION_RULE, selectTrial, type SelectionRule, type SelectionShape } from './select';
import type { SearchSpace, TrialSettings } from './space';

/** One training run the search asks for: a trial's settings on one fold, for at most `epochs` epochs. */
export interface RunRequest {
  trialId: number;
  settings: TrialSettings;
  epochs: number;
  seed: number;
  fold: number;
  train: Int32Array;
  validation: Int32Array;
  /** True once the run must end (budget spent or the user stopped); the run then reports `stopped`. */
  shouldStop: () => boolean;
}

/** What a run reports: validation scores at its best epoch (lowest validation loss). */
export interface RunResult {
  valAccuracy: number;
  valLoss: number;
  bestEpoch: number;
  epochsRun: number;
  seconds: number;
  stopped: boolean;
}

/** Trains one run; the only place a search touches a model (see src/train/train-candidate.ts). */
export type RunTrainer = (request: RunRequest) => Promise<RunResult>;

/** A configuration's latest (highest-rung) cross-validated score. Never holds test metrics. */
export interface TrialRecord {
  id: number;
  settings: TrialSettings;
  /** Halving rung (0 = fewest epochs) and that rung's epoch limit. */
  rung: number;
  epochs: number;
  validation: {
    metric: 'accuracy';
    mean: number;
    std: number;
    loss: number;
    folds: number;
    /** Grid trials (exact logistic regression): the k-fold was repeated this many times (`folds` = k × repeats). */
    repeats?: number;
    /** Grid trials: the scores on the search's own k folds (the first repeat), to compare with trials scored on those folds only. */
    searchFolds?: { mean: number; std: number; loss: number; folds: number };
  };
  /** Mean best epoch over the folds: the epoch count a final fit on all training rows uses. */
  bestEpoch: number;
  /** Wall time of this trial's runs, all rungs together. */
  seconds: number;
}

export interface SearchProgressInfo {
  trialsDone: number;
  best: { id: number; mean: number; std: number } | null;
  /** Seconds left (time budgets) or null. */
  secondsLeft: number | null;
  trialsLeft: number | null;
  elapsedSeconds: number;
  current: { trialId: number; rung: number; fold: number; folds: number } | null;
}

export interface SearchOptions {
  /** Rows the search may use (never the test rows): indices into the data. */
  rows: Int32Array;
  /** Class of a row; only ever called with rows from `rows`. */
  label: (row: number) => number;
  space: SearchSpace;
  budget: SearchBudget;
  /** k for k-fold cross-validation, or 'holdout'; tables above CV_MAX_ROWS always use a holdout. */
  folds: number | 'holdout';
  seed: number;
  signal?: AbortSignal;
  now?: () => number;
  /** Seconds a time budget keeps for the final fit, given the best trial so far. */
  reserveSeconds?: (best: TrialRecord | null) => number;
  onTrial?: (trial: TrialRecord, best: TrialRecord) => void;
  onProgress?: (info: SearchProgressInfo) => void;
  /** Configurations per successive-halving bracket (default 9) and the halving rate (default 3). */
  bracketSize?: number;
  eta?: number;
  /** Model inputs and classes, to rank trials by parameter count in the one-standard-error rule (default 1 input, 2 classes). */
  shape?: SelectionShape;
  /** Repeats of the k-fold that score grid trials (default GRID_CV_REPEATS; 1 = the search's folds only). */
  gridRepeats?: number;
}

export interface SearchOutcome {
  trials: TrialRecord[];
  /** The trial kept: the simplest within one standard error of the best mean (see select.ts). */
  best: TrialRecord | null;
  rule: SelectionRule;
  stoppedBy: 'budget' | 'user';
  folds: Fold[];
  seconds: number;
}

export { compareTrials };

function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  // Population spread (ddof 0), as scikit-learn's cv_results_ std_test_score.
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  return { mean, std };
}

/**
 * Random search in successive-halving brackets: each bracket samples configurations (the studio's two
 * defaults first), trains all of them briefly on every fold, and lets the best third go on with three
 * times the epochs. Brackets repeat until the budget is spent or the signal aborts; the best trial so
 * far is always kept. Only `rows` (the training rows) are ever handed to the trainer.
 */
export async function runSearch(options: SearchOptions, trainRun: RunTrainer): Promise<SearchOutcome> {
  const tracker = new BudgetTracker(options.budget, options.now);
  const random = createRandom(deriveSeed(options.seed, 'sampler'));
  const queue = defaultTrials(options.space);
  const folds = validationFolds(options.rows, options.label, options.folds, options.seed);
  // Grid trials (one exact solve a fold) are scored on more deals of the same k-fold; the first k are `folds`.
  const gridRepeats = Math.max(1, Math.floor(options.gridRepeats ?? GRID_CV_REPEATS));
  const gridFolds = gridRepeats > 1 ? gridValidationFolds(options.rows, options.label, options.folds, options.seed, gridRepeats) : folds;
  const bracketSize = Math.max(1, options.bracketSize ?? 9);
  const eta = options.eta ?? 3;
  const maxEpochs = options.space.maxEpochs;
  const minEpochs = Math.max(3, Math.round(maxEpochs / eta ** 2));
  const trials = new Map<number, TrialRecord>();
  let best: TrialRecord | null = null;
  let nextId = 1;
  let stoppedBy: SearchOutcome['stoppedBy'] = 'budget';
  const shape = options.shape ?? { inputs: 1, classes: 2 };
  const reserve = () => options.reserveSeconds?.(best) ?? 0;
  const aborted = () => options.signal?.aborted === true;
  const progress = (current: SearchProgressInfo['current']) =>
    options.onProgress?.({
      trialsDone: trials.size,
      best: best ? { id: best.id, mean: best.validation.mean, std: best.validation.std } : null,
      secondsLeft: tracker.secondsLeft(reserve()),
      trialsLeft: options.budget.kind === 'trials' ? options.budget.count - tracker.trialsStarted() : null,
      elapsedSeconds: tracker.elapsedSeconds(),
      current,
    });

  /** Scores a configuration at one rung on every fold; null when a run was cut short (the score would not be comparable). */
  async function evaluate(id: number, settings: TrialSettings, rung: number, epochs: number, scoredOn: Fold[] = folds): Promise<TrialRecord | null> {
    const accuracies: number[] = [];
    const losses: number[] = [];
    const bestEpochs: number[] = [];
    let seconds = 0;
    // The first evaluation of a search always finishes (unless the user stops), so there is a best model.
    const mustFinish = trials.size === 0;
    const shouldStop = () => aborted() || (!mustFinish && !tracker.canContinue(reserve()));
    for (let f = 0; f < scoredOn.length; f++) {
      if (shouldStop()) return null;
      progress({ trialId: id, rung, fold: f + 1, folds: scoredOn.length });
      const result = await trainRun({ trialId: id, settings, epochs, seed: runSeed(options.seed, id, f), fold: f, train: scoredOn[f].train, validation: scoredOn[f].validation, shouldStop });
      seconds += result.seconds;
      if (result.stopped) return null;
      accuracies.push(result.valAccuracy);
      losses.push(result.valLoss);
      bestEpochs.push(result.bestEpoch);
    }
    const { mean, std } = meanStd(accuracies);
    const previous = trials.get(id);
    const validation: TrialRecord['validation'] = { metric: 'accuracy', mean, std, loss: meanStd(losses).mean, folds: scoredOn.length };
    if (scoredOn.length > folds.length) {
      const own = meanStd(accuracies.slice(0, folds.length));
      validation.repeats = scoredOn.length / folds.length;
      validation.searchFolds = { mean: own.mean, std: own.std, loss: meanStd(losses.slice(0, folds.length)).mean, folds: folds.length };
    }
    return {
      id,
      settings,
      rung,
      epochs,
      validation,
      bestEpoch: Math.max(1, Math.round(meanStd(bestEpochs).mean)),
      seconds: (previous?.seconds ?? 0) + seconds,
    };
  }

  // Grid families (the exact logistic regression over C): every grid point once, scored by the same folds,
  // outside the trial budget (each is one cheap solve) and outside the brackets, where a converged fit would
  // crowd out models still at their first rung's few epochs.
  let cutShort = false;
  for (const settings of gridTrials(options.space)) {
    if (aborted() || !tracker.canStartTrial(reserve())) break;
    const record = await evaluate(nextId++, settings, 0, 1, gridFolds);
    if (!record) {
      cutShort = true;
      break;
    }
    trials.set(record.id, record);
    best = selectTrial(trials.values(), shape) ?? record;
    options.onTrial?.(record, best);
  }

  search: while (!cutShort && !aborted() && tracker.canStartTrial(reserve())) {
    const count = options.budget.kind === 'trials' ? Math.min(bracketSize, options.budget.count - tracker.trialsStarted()) : bracketSize;
    const configs: { id: number; settings: TrialSettings }[] = [];
    for (let i = 0; i < count; i++) {
      configs.push({ id: nextId++, settings: queue.shift() ?? sampleTrial(options.space, random) });
      tracker.startTrial();
    }
    let alive = configs;
    const rungs = halvingSchedule(configs.length, minEpochs, maxEpochs, eta);
    for (let r = 0; r < rungs.length; r++) {
      const scored: TrialRecord[] = [];
      for (const config of alive.slice(0, rungs[r].configs)) {
        // A sampled grid-family trial (a space of grid families only) is scored like the grid, so means compare.
        const record = await evaluate(config.id, config.settings, r, rungs[r].epochs, config.settings.c !== undefined ? gridFolds : folds);
        if (!record) break search;
        trials.set(record.id, record);
        scored.push(record);
        // A trial's latest rung replaces its earlier score, so the best is re-ranked over latest scores;
        // the best so far is the trial the search would keep if it ended now (see selectTrial).
        best = selectTrial(trials.values(), shape) ?? record;
        options.onTrial?.(record, best);
      }
      scored.sort(compareTrials);
      alive = scored.map((t) => ({ id: t.id, settings: t.settings }));
    }
  }
  if (aborted()) stoppedBy = 'user';
  progress(null);
  return { trials: [...trials.values()].sort((a, b) => a.id - b.id), best, rule: SELECTION_RULE, stoppedBy, folds, seconds: tracker.elapsedSeconds() };
}
