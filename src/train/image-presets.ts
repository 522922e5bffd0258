/**
 * CNN presets and checks for image models, free of TensorFlow.js so the page can import them.
 */
import { DEFAULT_CNN } from '../models/spec';
import type { CnnSpec, ModelSpec } from '../models/spec';
import type { TrainJob } from './job';

export type CnnPresetId = 'small' | 'medium';

export const CNN_PRESETS: Record<CnnPresetId, { label: string; hint: string; spec: CnnSpec }> = {
  small: {
    label: 'Small CNN',
    hint: 'Two narrow conv blocks; trains in seconds on small images, a good first try.',
    spec: {
      kind: 'cnn',
      l2: 0,
      layers: [
        { type: 'conv', filters: 8, kernel: 3, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'conv', filters: 16, kernel: 3, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'dense', units: 32, activation: 'relu' },
      ],
    },
  },
  medium: {
    label: 'Medium CNN (default)',
    hint: 'Two conv blocks (16 and 32 filters) with batch normalization and dropout; the default, tuned on Fashion-MNIST.',
    spec: DEFAULT_CNN,
  },
};

/** Which preset a spec is, or null when it was edited. */
export function presetOf(spec: CnnSpec): CnnPresetId | null {
  const key = JSON.stringify({ layers: spec.layers, l2: spec.l2 });
  for (const id of Object.keys(CNN_PRESETS) as CnnPresetId[]) {
    const preset = CNN_PRESETS[id].spec;
    if (JSON.stringify({ layers: preset.layers, l2: preset.l2 }) === key) return id;
  }
  return null;
}

/** The model an image job trains: Auto means the CNN; logistic regression and MLPs see flat pixels. */
export function imageModelSpec(job: Pick<TrainJob, 'model' | 'specs'>): ModelSpec {
  if (job.model === 'logreg') return job.specs.logreg;
  if (job.model === 'mlp') return job.specs.mlp;
  return job.specs.cnn;
}

/** Says why a CNN cannot run on images of this size (pooling shrinks them below one pixel), or null. */
export function checkCnnFitsImage(spec: CnnSpec, width: number, height: number): string | null {
  let w = width;
  let h = height;
  for (const layer of spec.layers) {
    if (layer.type !== 'maxpool') continue;
    w = Math.floor(w / layer.size);
    h = Math.floor(h / layer.size);
    if (w < 1 || h < 1) {
      return `The CNN's pooling layers shrink ${width}×${height} images below one pixel. Remove a pooling layer or load the images at a larger size.`;
    }
  }
  return null;
}

/** Trainable parameters of a CNN spec on images of this shape (as TF.js counts them; batch norm's moving stats excluded). */
export function countCnnParameters(spec: CnnSpec, width: number, height: number, channels: number, classCount: number): number {
  let w = width;
  let h = height;
  let c = channels;
  let flat: number | null = null;
  let total = 0;
  for (const layer of spec.layers) {
    if (layer.type === 'conv') {
      total += (layer.kernel * layer.kernel * c + 1) * layer.filters;
      c = layer.filters;
    } else if (layer.type === 'maxpool') {
      w = Math.floor(w / layer.size);
      h = Math.floor(h / layer.size);
    } else if (layer.type === 'batchnorm') {
      total += 2 * (flat ?? c);
    } else if (layer.type === 'dense') {
      const inputs: number = flat ?? w * h * c;
      total += (inputs + 1) * layer.units;
      flat = layer.units;
    }
  }
  return total + ((flat ?? w * h * c) + 1) * classCount;
}
