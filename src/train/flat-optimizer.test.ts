import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { FlatOptimizer } from './flat-optimizer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function problem() {
  const x = tf.tensor2d([
    [1, 2, -1],
    [0.5, -0.3, 2],
    [3, 1, 0],
    [-2, 0.1, 0.7],
  ]);
  const y = tf.tensor2d([[1], [0], [1], [0]]);
  const make = () => [tf.variable(tf.tensor2d([[0.1], [-0.2], [0.3]])), tf.variable(tf.tensor1d([0.05]))];
  const loss = (w: tf.Variable, b: tf.Variable) => () => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y))) as tf.Scalar;
  return { x, y, make, loss };
}

describe('FlatOptimizer', () => {
  for (const [kind, reference] of [
    ['adam', () => tf.train.adam(0.05)],
    ['sgd', () => tf.train.momentum(0.05, 0.9)],
  ] as const) {
    it(`matches TF.js ${kind} step for step`, () => {
      const { x, y, make, loss } = problem();
      const [w1, b1] = make();
      const [w2, b2] = make();
      const tfOptimizer = reference();
      const flat = new FlatOptimizer(kind, 0.05, [w2, b2]);
      for (let step = 0; step < 25; step++) {
        tfOptimizer.minimize(loss(w1, b1), false, [w1, b1]);
        const { value, grads } = tf.variableGrads(loss(w2, b2), [w2, b2]);
        flat.apply([grads[w2.name], grads[b2.name]]);
        value.dispose();
        Object.values(grads).forEach((g) => g.dispose());
      }
      const a = [...w1.dataSync(), ...b1.dataSync()];
      const b = [...w2.dataSync(), ...b2.dataSync()];
      // TF.js keeps β^t as float32 tensors, we keep it in float64: equal to ~1e-6 after 25 steps.
      b.forEach((v, i) => expect(v).toBeCloseTo(a[i], 5));
      // And it actually learned something.
      expect(loss(w2, b2)().dataSync()[0]).toBeLessThan(loss(make()[0], make()[1])().dataSync()[0]);
      flat.dispose();
      tfOptimizer.dispose();
      tf.dispose([x, y, w1, b1, w2, b2]);
    });
  }

  it('frees its state', () => {
    const before = tf.memory().numTensors;
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const gradient = tf.ones([3]);
    const flat = new FlatOptimizer('adam', 0.1, [v]);
    flat.apply([gradient]);
    flat.apply([gradient]);
    flat.dispose();
    expect(tf.memory().numTensors).toBe(before + 3); // v, its initial tensor and the gradient: the caller's
    tf.dispose([v, gradient]);
  });
});
