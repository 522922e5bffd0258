import { checkRange, inRange, TRAIN_RANGES } from '../settings/limits';
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;
export type OptimizerName = 'adam' | 'sgd';

/** How to train, as plain data (notebook document, runner flags, exports). */
export interface TrainSettings {
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Stop when validation loss has not improved for `patience` epochs, and keep the best weights. */
  earlyStopping: boolean;
  patience: number;
  /**
   * Halve the learning rate after this many epochs without a better validation loss (0 = never).
   * A noisy plateau is often a step too large for the last stretch, not the end of learning.
   */
  reduceLearningRateAfter: number;
  seed: number;
  backend: BackendChoice;
  /** Regression loss on the standardized target (absent: mse). Classification always uses cross-entropy. */
  loss?: 'mse' | 'mae' | 'huber';
}

export const DEFAULT_TRAIN: TrainSettings = {
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 32,
  epochs: 150,
  earlyStopping: true,
  patience: 20,
  reduceLearningRateAfter: 0,
  seed: 42,
  backend: 'auto',
};

export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/** Ranges from the one settings table (src/settings/limits.json), shared with the schema, the UI and the runner. */
export function validateTrainSettings(s: TrainSettings): string | null {
  const r = TRAIN_RANGES;
  return (
    checkRange('Learning rate', s.learningRate, r.learningRate) ??
    checkRange('Batch size', s.batchSize, r.batchSize) ??
    checkRange('Epochs', s.epochs, r.epochs) ??
    checkRange('Patience', s.patience, r.patience) ??
    (inRange(s.reduceLearningRateAfter, r.reduceLearningRateAfter)
      ? null
      : `Halve the learning rate after a whole number of epochs from 0 (never) to ${r.reduceLearningRateAfter.max.toLocaleString('en-US')}.`) ??
    checkRange('Seed', s.seed, r.seed)
  );
}
