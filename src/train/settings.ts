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

export function validateTrainSettings(s: TrainSettings): string | null {
  if (!(Number.isFinite(s.learningRate) && s.learningRate > 0 && s.learningRate <= 10)) return 'Learning rate must be a number above 0 and at most 10.';
  if (!(Number.isInteger(s.batchSize) && s.batchSize >= 1 && s.batchSize <= 65536)) return 'Batch size must be a whole number from 1 to 65,536.';
  if (!(Number.isInteger(s.epochs) && s.epochs >= 1 && s.epochs <= 10000)) return 'Epochs must be a whole number from 1 to 10,000.';
  if (!(Number.isInteger(s.patience) && s.patience >= 1 && s.patience <= 1000)) return 'Patience must be a whole number from 1 to 1,000.';
  if (!(Number.isInteger(s.reduceLearningRateAfter) && s.reduceLearningRateAfter >= 0 && s.reduceLearningRateAfter <= 1000)) return 'Halve the learning rate after a whole number of epochs from 0 (never) to 1,000.';
  if (!(Number.isInteger(s.seed) && s.seed >= 0 && s.seed <= 2 ** 32 - 1)) return 'Seed must be a whole number from 0 to 4,294,967,295.';
  return null;
}
