import type { ImageSettings } from '../data/images/settings';
import type { TrainingResult } from '../train/result';
import type { PrepareSettings } from '../preprocess/settings';
import type { TrainSettings } from '../train/settings';
import type { SearchBudget } from './budget';
import type { SearchProgressInfo, TrialRecord } from './search';
import type { SelectionRule } from './select';
import type { TrialSettings } from './space';

export interface SearchSettings {
  budget: SearchBudget;
  /** k of k-fold cross-validation (small tables), or 'holdout'. Tables above CV_MAX_ROWS always use a holdout. */
  folds: number | 'holdout';
  /** Most epochs a trial trains at its last rung (default: from the table size, see searchSpaceFor). */
  maxEpochs?: number;
}

/** A model search on the loaded table, or (with `retrain`) one trial's settings fitted on all training rows. */
export interface SearchJob {
  datasetId: string;
  prepare: PrepareSettings;
  /** Base training settings: the seed seeds the search; the backend choice applies. */
  training: TrainSettings;
  search: SearchSettings;
  /** Fit these settings (a leaderboard pick) on all training rows for `epochs` epochs instead of searching. */
  retrain?: { trialId: number; settings: TrialSettings; epochs: number };
  includeSplit?: boolean;
  /** Image data sets: augmentation while training (each trial and the final fit). */
  images?: ImageSettings;
}

/** What a search reports besides the final model's results. Trials carry validation scores only, never test metrics. */
export interface SearchReport {
  budget: SearchBudget;
  validation: { method: 'k-fold' | 'holdout'; folds: number; rows: number };
  trials: TrialRecord[];
  /** The kept trial; `rule` says how it was chosen (absent for a leaderboard retrain). */
  best: { id: number; settings: TrialSettings; epochs: number; rule?: SelectionRule };
  stoppedBy: 'budget' | 'user' | 'retrain';
  /** Wall time of the search, of the final fit on all training rows, and of the whole job. */
  searchSeconds: number;
  finalFitSeconds: number;
  seconds: number;
  seed: number;
}

export type SearchProgress = { phase: 'search' } & SearchProgressInfo;

/** Calls about model search (worker). */
export interface SearchCalls {
  search: [SearchJob, TrainingResult & { search: SearchReport }];
}
