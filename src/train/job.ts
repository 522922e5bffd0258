/**
 * What a training job is given and what it reports while it runs. Plain types of the train stage; the
 * worker protocol carries them between page and worker.
 */
import type { ImageLoadProgress } from '../data/images/summary';
import type { ImageSettings } from '../data/images/settings';
import type { CnnSpec, LogisticRegressionSpec, LinearRegressionSpec, MlpSpec, ModelChoice, TextCnnSpec } from '../models/spec';
import type { PrepareSettings } from '../preprocess/settings';
import type { TrainSettings } from './settings';
import type { EpochRecord } from './train-loop';
import type { SearchProgress } from '../search/calls';

export interface TrainJob {
  datasetId: string;
  prepare: PrepareSettings;
  model: ModelChoice;
  /** `linear` is absent in jobs built before regression existed (DEFAULT_LINEAR). */
  specs: { logreg: LogisticRegressionSpec; mlp: MlpSpec; cnn: CnnSpec; linear?: LinearRegressionSpec; textcnn?: TextCnnSpec };
  training: TrainSettings;
  /** Return the original row numbers of each split (benchmarks and parity checks use them). */
  includeSplit?: boolean;
  /** Image data sets: augmentation (size and channels were applied when loading). */
  images?: ImageSettings;
  /** Driver-only test hook (window.tauStudio): destroy the real WebGPU device after this epoch. */
  injectDeviceLossAfterEpoch?: number;
}

export type JobProgress =
  | { phase: 'reading'; bytesRead: number; totalBytes: number; rows: number }
  | { phase: 'preparing'; message: string }
  | { phase: 'backend'; message: string }
  | { phase: 'training'; candidate: string; epoch: number; epochs: number; batch: number; batches: number }
  | { phase: 'epoch'; candidate: string; record: EpochRecord }
  | { phase: 'evaluating'; message: string }
  | SearchProgress
  | ImageLoadProgress;
