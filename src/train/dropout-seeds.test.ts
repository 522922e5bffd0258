import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { dropoutSeed, dropoutStepper, stepDropoutSeeds } from './dropout-seeds';

describe('dropout seeds per step', () => {
  it('differ between steps, layers and runs, and repeat for the same ones', () => {
    const seeds = new Set<number>();
    for (const run of [1, 2]) for (let epoch = 1; epoch <= 3; epoch++) for (let batch = 0; batch < 4; batch++) for (let layer = 0; layer < 2; layer++) seeds.add(dropoutSeed(run, epoch, batch, layer));
    expect(seeds.size).toBe(2 * 3 * 4 * 2);
    expect(dropoutSeed(5, 2, 3, 1)).toBe(dropoutSeed(5, 2, 3, 1));
    const draw = stepDropoutSeeds(5, 2, 3);
    expect([draw(), draw()]).toEqual([dropoutSeed(5, 2, 3, 0), dropoutSeed(5, 2, 3, 1)]);
  });

  it('give each TF.js training step its own mask, the same one again for the same step, and leave no seed in the topology', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 64, inputShape: [4] }), tf.layers.dropout({ rate: 0.5 })] });
    const x = tf.ones([8, 4]);
    const stepper = dropoutStepper(model, 11);
    const mask = (epoch: number, batch: number) => {
      stepper.setStep(epoch, batch);
      return tf.tidy(() => Array.from(tf.notEqual(model.apply(x, { training: true }) as tf.Tensor, 0).dataSync()));
    };
    const before = tf.memory().numTensors;
    const first = mask(1, 0);
    expect(mask(1, 0)).toEqual(first);
    expect(mask(1, 1)).not.toEqual(first);
    expect(mask(2, 0)).not.toEqual(first);
    expect(tf.memory().numTensors).toBe(before);
    stepper.restore();
    expect(model.layers[1].getConfig().seed).toBeUndefined();
    x.dispose();
    model.dispose();
  });
});
