import type { TrainSettings } from './settings';

/**
 * Training defaults for image data sets, applied when images replace a table. CNNs want a smaller
 * Adam step than the tabular default (0.01 makes the default CNN diverge or stall) and larger batches
 * (fewer, larger dispatches). Patience 5: validation loss on a few hundred images is noisy, and 3
 * stopped Fashion-MNIST runs a few epochs early (scripts/measure/image-quality.mjs).
 */
export const IMAGE_TRAIN_DEFAULTS: Pick<TrainSettings, 'optimizer' | 'learningRate' | 'batchSize' | 'epochs' | 'earlyStopping' | 'patience'> = {
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 64,
  epochs: 20,
  earlyStopping: true,
  patience: 5,
};
