import type { ClassificationReport } from '../evaluate';
import type { ModelChoice, ModelSpec } from '../models/spec';
import type { PrepareSettings } from '../preprocess/settings';
import type { FittedPreprocessor } from '../preprocess/fitted';
import type { BackendName, TrainSettings } from './settings';
import type { EpochRecord, TrainingOutcome } from './train-loop';
import type { ImageTrainingInfo, MisclassifiedImage } from './image-result';

/** A candidate tried by "auto" model selection. */
export interface CandidateSummary {
  model: ModelSpec;
  description: string;
  bestValLoss: number | null;
  bestValAccuracy: number | null;
  epochs: number;
}

/** Everything a finished training run produced, as plain JSON (stored in the notebook). */
export interface TrainingResult {
  finishedAt: string;
  datasetName: string;
  rows: number;
  classes: string[];
  split: { train: number; validation: number; test: number };
  modelChoice: ModelChoice;
  model: ModelSpec;
  modelDescription: string;
  /** Present when "auto" compared candidates: which, and why the winner. */
  autoSelection?: { candidates: CandidateSummary[]; reason: string };
  backend: BackendName;
  backendReason: string;
  adapter?: string;
  prepare: PrepareSettings;
  settings: TrainSettings;
  preprocessing: FittedPreprocessor | null;
  metrics: ClassificationReport;
  training: {
    epochs: number;
    bestEpoch: number;
    stoppedBy: TrainingOutcome['stoppedBy'];
    seconds: number;
    samplesPerSecond: number;
    history: EpochRecord[];
  };
  warnings: string[];
  /** Original (0-based) table rows of each split, when the job asked for them. */
  splitRows?: { train: number[]; validation: number[]; test: number[] };
  /** Image data sets: input size, augmentation, and the most confident mistakes on the test split. */
  image?: ImageTrainingInfo;
  misclassified?: MisclassifiedImage[];
}
