import type { TrainSettings } from './settings';
import type { EpochRecord } from './train-loop';
import { TrainingDivergedError } from './training-diverged';

/**
 * What happens after an epoch, shared by the TF.js and the fused training loops so their rules cannot
 * drift apart: a non-finite loss stops the run; a better monitored loss (validation, else training)
 * becomes the best epoch; otherwise early stopping, or halving the learning rate after a plateau.
 */
export type EpochVerdict = { kind: 'improved'; loss: number } | { kind: 'stop' } | { kind: 'halve'; learningRate: number } | { kind: 'continue' };

export function judgeEpoch(
  record: EpochRecord,
  best: { loss: number; epoch: number } | null,
  lastReduction: number,
  learningRate: number,
  settings: Pick<TrainSettings, 'earlyStopping' | 'patience' | 'reduceLearningRateAfter' | 'learningRate'>,
): EpochVerdict {
  const monitored = record.valLoss ?? record.loss;
  if (!Number.isFinite(monitored) || !Number.isFinite(record.loss)) throw new TrainingDivergedError(record.epoch);
  if (!best || monitored < best.loss - 1e-7) return { kind: 'improved', loss: monitored };
  if (settings.earlyStopping && record.epoch - best.epoch >= settings.patience) return { kind: 'stop' };
  if (settings.reduceLearningRateAfter > 0 && record.epoch - Math.max(best.epoch, lastReduction) >= settings.reduceLearningRateAfter) {
    // Floor at 1/64 of the start: below that an epoch changes nothing measurable.
    return { kind: 'halve', learningRate: Math.max(learningRate / 2, settings.learningRate / 64) };
  }
  return { kind: 'continue' };
}
