import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../models/build-model';
import { DEFAULT_MLP } from '../models/spec';
import { checkArtifacts, fromArtifacts, toArtifacts } from './model-io';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('model artifacts', () => {
  it('round-trips a model: same predictions after save and load', async () => {
    const model = buildModel(DEFAULT_MLP, [5], 3, 11);
    const artifacts = await toArtifacts({ model, preprocessing: null, exampleShape: [5], classes: ['a', 'b', 'c'] });
    expect(artifacts.weightSpecs.map((w) => w.shape)).toEqual(model.getWeights().map((w) => w.shape));
    const restored = await fromArtifacts(artifacts);
    const x = tf.tensor2d([
      [0.1, -0.2, 0.3, 1, 2],
      [3, 2, 1, 0, -1],
    ]);
    const a = (model.predict(x) as tf.Tensor).dataSync();
    const b = (restored.model.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(b)).toEqual(Array.from(a));
    x.dispose();
    model.dispose();
    restored.model.dispose();
  });

  it('names a truncated weight file and a shape mismatch', async () => {
    const model = buildModel(DEFAULT_MLP, [5], 3, 11);
    const artifacts = await toArtifacts({ model, preprocessing: null, exampleShape: [5], classes: ['a', 'b', 'c'] });
    expect(() => checkArtifacts({ ...artifacts, weightData: artifacts.weightData.slice(0, 100) })).toThrow(/truncated or belongs to another model/);
    await expect(fromArtifacts({ ...artifacts, exampleShape: [6] })).rejects.toThrow(/expects inputs of shape \[5\]/);
    await expect(fromArtifacts({ ...artifacts, classes: ['a', 'b'] })).rejects.toThrow(/has 3 outputs but the bundle expects 2/);
    model.dispose();
  });
});
