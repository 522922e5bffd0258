/**
 * Training defaults per model kind, from the one settings table (src/settings/limits.json →
 * modelTraining). The general defaults (DEFAULT_TRAIN: patience 20, 150 epochs) suit small tabular
 * models; the text CNN reaches its best validation loss within a few epochs and then only overfits, so
 * its own defaults stop it there. A field replaces the job's only while the job still has the general
 * default in it: a value the user chose (Train section, runner flag, notebook, link) is kept.
 */
import table from '../settings/limits.json' with { type: 'json' };
import type { ModelSpec } from '../models/spec';
import { checkRange, TRAIN_RANGES } from '../settings/limits';
import { DEFAULT_TRAIN, type TrainSettings } from './settings';

export type ModelTrainingField = 'epochs' | 'patience' | 'reduceLearningRateAfter';
export type ModelTrainingDefaults = Partial<Pick<TrainSettings, ModelTrainingField>>;

const FIELDS: readonly ModelTrainingField[] = ['epochs', 'patience', 'reduceLearningRateAfter'];

/** The table's entries, checked against the training ranges once (a bad number in the JSON fails loudly, not silently). */
export function readModelTrainingTable(raw: Record<string, unknown>): Partial<Record<ModelSpec['kind'], ModelTrainingDefaults>> {
  const out: Partial<Record<ModelSpec['kind'], ModelTrainingDefaults>> = {};
  for (const [kind, entry] of Object.entries(raw)) {
    if (kind.startsWith('$')) continue;
    const defaults: ModelTrainingDefaults = {};
    for (const [field, value] of Object.entries(entry as Record<string, unknown>)) {
      if (!(FIELDS as readonly string[]).includes(field)) throw new Error(`limits.json modelTraining.${kind}: unknown field "${field}" (known: ${FIELDS.join(', ')}).`);
      const key = field as ModelTrainingField;
      const problem = typeof value === 'number' ? checkRange(`modelTraining.${kind}.${key}`, value, TRAIN_RANGES[key]) : `modelTraining.${kind}.${key} must be a number.`;
      if (problem) throw new Error(`limits.json: ${problem}`);
      defaults[key] = value as number;
    }
    out[kind as ModelSpec['kind']] = defaults;
  }
  return out;
}

export const MODEL_TRAINING_DEFAULTS = readModelTrainingTable(table.modelTraining);

/** The settings a model of this kind trains with: the job's, with the kind's own defaults where the job has the general ones. */
export function trainingFor(kind: ModelSpec['kind'], settings: TrainSettings): TrainSettings {
  const own = MODEL_TRAINING_DEFAULTS[kind];
  if (!own) return settings;
  const out = { ...settings };
  for (const field of FIELDS) {
    const value = own[field];
    if (value !== undefined && settings[field] === DEFAULT_TRAIN[field]) out[field] = value;
  }
  return out;
}

/** The fields trainingFor changed, as a sentence for the result's notes; null when none changed. */
export function describeTrainingDefaults(label: string, settings: TrainSettings, applied: TrainSettings): string | null {
  const parts: string[] = [];
  if (applied.patience !== settings.patience) parts.push(`patience ${applied.patience}`);
  if (applied.epochs !== settings.epochs) parts.push(`at most ${applied.epochs} epochs`);
  if (applied.reduceLearningRateAfter !== settings.reduceLearningRateAfter)
    parts.push(`halving the learning rate after ${applied.reduceLearningRateAfter} epoch${applied.reduceLearningRateAfter === 1 ? '' : 's'} without a better validation loss`);
  return parts.length === 0 ? null : `${label} trained with its own defaults: ${parts.join(', ')} (set Epochs, Patience or the learning-rate halving to choose otherwise).`;
}
