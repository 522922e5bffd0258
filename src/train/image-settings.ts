import type { TrainSettings } from './settings';

/**
 * Training defaults for image data sets, applied when images replace a table. CNNs want a smaller
 * Adam step than the tabular default (0.01 makes the default CNN diverge or stall), larger batches
 * (fewer, larger GPU dispatches) and a short patience, since one epoch can take minutes in a browser.
 */
export const IMAGE_TRAIN_DEFAULTS: Pick<TrainSettings, 'optimizer' | 'learningRate' | 'batchSize' | 'epochs' | 'earlyStopping' | 'patience'> = {
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 64,
  epochs: 15,
  earlyStopping: true,
  patience: 3,
};
