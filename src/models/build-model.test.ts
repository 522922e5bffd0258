import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from './build-model';
import { DEFAULT_LOGREG, DEFAULT_MLP } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const features = tf.tensor2d([
  [2.5, -1, 0.3, 4],
  [-3, 0.5, 1.2, -2],
  [0, 0, 0, 0],
]);

describe('buildModel', () => {
  it('starts logistic regression at uniform probabilities (loss ln K), whatever the seed', () => {
    for (const seed of [1, 7, 42]) {
      const model = buildModel(DEFAULT_LOGREG, [4], 3, seed);
      const probabilities = tf.tidy(() => (model.predict(features) as tf.Tensor).arraySync() as number[][]);
      model.dispose();
      for (const row of probabilities) for (const p of row) expect(p).toBeCloseTo(1 / 3, 6);
    }
  });

  it('seeds the MLP: the same seed gives the same weights, another seed different ones', () => {
    const weights = (seed: number) => {
      const model = buildModel(DEFAULT_MLP, [4], 3, seed);
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    expect(weights(3)).toEqual(weights(3));
    expect(weights(3)[0]).not.toEqual(weights(4)[0]);
  });
});
