import type { TrainSettings } from './settings';

/**
 * Training defaults for image data sets, applied when images replace a table. CNNs want a smaller
 * Adam step than the tabular default (0.01 makes the default CNN diverge or stall) and larger batches
 * (fewer, larger dispatches). Patience 5: validation loss on a few hundred images is noisy, and 3
 * stopped Fashion-MNIST runs a few epochs early (scripts/measure/image-quality.mjs). Halving the step
 * after 2 epochs without improvement settles the noisy last epochs of a CNN.
 */
export const IMAGE_TRAIN_DEFAULTS: Pick<TrainSettings, 'optimizer' | 'learningRate' | 'batchSize' | 'epochs' | 'earlyStopping' | 'patience' | 'reduceLearningRateAfter'> = {
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 64,
  epochs: 20,
  earlyStopping: true,
  patience: 5,
  reduceLearningRateAfter: 2,
};
