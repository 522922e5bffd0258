import type { TrainedModel } from '../train/training-job';
import type { TrainingReference } from '../predict/training-reference';
import type { MetricsFile } from './bundle-format';
import type { ModelInfo } from './calls';

/**
 * What the worker knows about its current model beyond the TensorFlow.js model itself: where it came from,
 * its metrics and training statistics. Kept beside the model (a WeakMap, so a replaced model takes its
 * extras with it) rather than in the shared worker state.
 */
export interface ModelExtras {
  id: string;
  source: ModelInfo['source'];
  name: string;
  reference: TrainingReference | null;
  metrics: MetricsFile | null;
  notes: string[];
  /** Trained here: whether the training reference was already tried (it needs the training table). */
  referenceTried: boolean;
}

const extrasByModel = new WeakMap<TrainedModel, ModelExtras>();
let counter = 0;

export function newModelId(): string {
  return `model-${Date.now().toString(36)}-${++counter}`;
}

export function getExtras(trained: TrainedModel): ModelExtras | undefined {
  return extrasByModel.get(trained);
}

export function setExtras(trained: TrainedModel, extras: ModelExtras): ModelExtras {
  extrasByModel.set(trained, extras);
  return extras;
}

export function modelInfo(trained: TrainedModel, extras: ModelExtras): ModelInfo {
  return {
    id: extras.id,
    source: extras.source,
    name: extras.name,
    classes: trained.classes,
    exampleShape: trained.exampleShape,
    parameters: trained.model.countParams(),
    preprocessing: trained.preprocessing,
    image: trained.image ?? null,
    hasReference: extras.reference !== null,
    metrics: extras.metrics,
    notes: extras.notes,
  };
}
