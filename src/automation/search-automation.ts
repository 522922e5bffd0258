import { useStudio } from '../store/studio-store';
import type { SearchResult } from '../store/search-slice';
import { parseBudget, type SearchBudget } from '../search/budget';
import { applyTrainOptions, type TrainOptions } from './train-automation';
import { trainOutput } from './runner-output';
import { fail, type AutomationResult } from './result';

export interface SearchOptions extends Pick<TrainOptions, 'target' | 'backend' | 'seed' | 'testSize' | 'validationSize' | 'includeSplit'> {
  /** "60s", "2m" or "20trials". */
  budget?: string;
  /** k of k-fold CV, or 0 for a holdout. */
  cv?: number;
}

/** `tau search` output: trials carry validation scores only; `metrics` are the final model's test metrics (as `tau train`). */
export function searchOutput(result: SearchResult) {
  const train = trainOutput(result);
  const s = result.search;
  return {
    trials: s.trials.map((t) => ({ id: t.id, settings: t.settings, validation: t.validation, rung: t.rung, epochs: t.epochs, bestEpoch: t.bestEpoch, seconds: t.seconds })),
    best: { id: s.best.id, settings: s.best.settings, epochs: s.best.epochs, ...(s.best.rule ? { rule: s.best.rule } : {}) },
    metrics: train.metrics,
    split: train.split,
    backend: train.backend,
    backendReason: train.backendReason,
    budget: s.budget,
    validation: s.validation,
    stoppedBy: s.stoppedBy,
    seconds: { total: s.seconds, search: s.searchSeconds, finalFit: s.finalFitSeconds },
    seed: s.seed,
    rows: train.rows,
    classes: train.classes,
    model: train.model,
    modelDescription: train.modelDescription,
    featureColumns: train.featureColumns,
    training: train.training,
    prepare: train.prepare,
    warnings: train.warnings,
    ...(train.splitRows ? { splitRows: train.splitRows } : {}),
  };
}

export type SearchOutput = ReturnType<typeof searchOutput>;

export const searchAutomation = {
  async search(options: SearchOptions): Promise<AutomationResult<SearchOutput>> {
    const applied = applyTrainOptions(options);
    if (!applied.ok) return applied;
    let budget: SearchBudget | null = { kind: 'time', seconds: 60 };
    if (options.budget !== undefined) {
      budget = parseBudget(options.budget);
      if (!budget) return fail('invalid_input', `--budget takes a time ("60s", "2m") or a number of trials ("20trials"); got "${options.budget}".`);
    }
    if (options.cv !== undefined && !(Number.isInteger(options.cv) && (options.cv === 0 || (options.cv >= 2 && options.cv <= 20)))) {
      return fail('invalid_input', '--cv takes a whole number of folds from 2 to 20, or 0 for a holdout.');
    }
    if (useStudio.getState().dataset?.kind !== 'table') return fail('not_a_table', 'Model search works on tables; load a CSV (or a sample).');
    const folds = options.cv === undefined ? 5 : options.cv === 0 ? 'holdout' : options.cv;
    const result = await useStudio.getState().search({ budget, folds, includeSplit: options.includeSplit });
    const { trainError } = useStudio.getState();
    if (!result) return fail(trainError?.code ?? 'search_failed', trainError?.message ?? 'The search did not finish.');
    return { ok: true, value: searchOutput(result) };
  },
  /** The notebook's kept runs (experiments). */
  runs: () => useStudio.getState().notebook.runs ?? [],
};
