import type { SearchBudget } from '../search/budget';
import type { SearchReport } from '../search/calls';
import type { TrainingResult } from '../train/result';
import { addRun, runFromResult, type RunRecord } from '../notebook/runs';
import { newId } from '../notebook/document';
import type { SliceCreator } from './types';
import { worker } from './worker-access';

export type SearchResult = TrainingResult & { search: SearchReport };

export interface SearchSlice {
  /** The budget and validation the Search button uses (the runner passes its own). */
  searchOptions: { budget: SearchBudget; folds: number | 'holdout' };
  /** What the run caps dropped when the last run was added, in words (null when nothing). */
  runsNote: string | null;
  /** Runs picked for comparison (ids, in pick order). */
  compareRunIds: string[];
  setSearchOptions(patch: Partial<SearchSlice['searchOptions']>): void;
  /** Searches on the loaded table with the notebook's preparation; keeps the best model and records the run. */
  search(options?: { budget?: SearchBudget; folds?: number | 'holdout'; includeSplit?: boolean }): Promise<SearchResult | null>;
  /** Retrains one leaderboard trial of run `runId` on all training rows and evaluates it on test. */
  retrainTrial(runId: string, trialId: number): Promise<SearchResult | null>;
  deleteRun(id: string): void;
  toggleCompare(id: string): void;
  /** Appends a finished run (training or search) to the notebook's experiments, within the caps. */
  recordRun(result: TrainingResult & { search?: SearchReport }): RunRecord;
}

export const createSearchSlice: SliceCreator<SearchSlice> = (set, get) => {
  async function runJob(payload: {
    budget: SearchBudget;
    folds: number | 'holdout';
    includeSplit?: boolean;
    retrain?: { trialId: number; settings: SearchReport['best']['settings']; epochs: number };
  }): Promise<SearchResult | null> {
    const { dataset, notebook, training } = get();
    if (!dataset || training.status !== 'idle') return null;
    return get().runTrainingJob(
      (onProgress) =>
        worker().call(
          'search',
          {
            datasetId: dataset.id,
            prepare: notebook.prepare,
            training: notebook.training,
            search: { budget: payload.budget, folds: payload.folds },
            ...(payload.retrain ? { retrain: payload.retrain } : {}),
            ...(payload.includeSplit ? { includeSplit: true } : {}),
            ...(dataset.kind === 'images' ? { images: notebook.images } : {}),
          },
          onProgress,
        ),
      { message: payload.retrain ? `Retraining trial #${payload.retrain.trialId}…` : 'Starting the search…', epochs: 0 },
    );
  }

  return {
    searchOptions: { budget: { kind: 'time', seconds: 30 }, folds: 5 },
    runsNote: null,
    compareRunIds: [],
    setSearchOptions: (patch) => set((s) => ({ searchOptions: { ...s.searchOptions, ...patch } })),
    search(options = {}) {
      const defaults = get().searchOptions;
      return runJob({ budget: options.budget ?? defaults.budget, folds: options.folds ?? defaults.folds, includeSplit: options.includeSplit });
    },
    retrainTrial(runId, trialId) {
      const run = get().notebook.runs?.find((r) => r.id === runId);
      const trial = run?.search?.trials.find((t) => t.id === trialId);
      if (!run?.search || !trial) return Promise.resolve(null);
      return runJob({
        budget: run.search.budget,
        folds: run.search.validation.method === 'holdout' ? 'holdout' : run.search.validation.folds,
        retrain: { trialId, settings: trial.settings, epochs: trial.bestEpoch },
      });
    },
    deleteRun(id) {
      get().updateNotebook((doc) => ({ ...doc, runs: (doc.runs ?? []).filter((r) => r.id !== id) }));
      set((s) => ({ compareRunIds: s.compareRunIds.filter((r) => r !== id) }));
    },
    recordRun(result) {
      const sha = get().notebook.dataset;
      const run = runFromResult(result, { id: newId('run'), datasetSha256: sha && 'sha256' in sha ? sha.sha256 : undefined });
      let dropped: string[] = [];
      get().updateNotebook((doc) => {
        const next = addRun(doc.runs ?? [], run);
        dropped = next.dropped;
        return { ...doc, runs: next.runs };
      });
      set({ runsNote: dropped.length > 0 ? `To keep the notebook small, dropped ${dropped.join('; ')}.` : null });
      return run;
    },
    toggleCompare: (id) => set((s) => ({ compareRunIds: s.compareRunIds.includes(id) ? s.compareRunIds.filter((r) => r !== id) : [...s.compareRunIds, id] })),
  };
};
