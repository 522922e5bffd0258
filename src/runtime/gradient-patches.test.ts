import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { installGradientPatches } from './gradient-patches';

describe('gradient patches', () => {
  it('batch norm, sum and mean give the same gradients as TF.js for rank-4 and rank-2 inputs', async () => {
    await tf.setBackend('cpu');
    const values = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 7.31 + seed));
    const cases: number[][] = [
      [2, 3, 4, 5],
      [6, 4],
    ];
    const gradients = () =>
      cases.map((shape) => {
        const c = shape[shape.length - 1];
        const x = tf.tensor(
          values(
            shape.reduce((a, b) => a * b, 1),
            1,
          ),
          shape,
        );
        const weights = tf.tensor(values(x.size, 9), shape);
        const f = (input: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => {
          const { mean, variance } = tf.moments(input, shape.map((_, i) => i).slice(0, -1));
          const normalized = tf.mul(tf.batchNorm(input, mean, variance, beta, gamma, 1e-3), weights);
          // Sums and means over different axes, so their gradients are exercised too.
          return tf.add(tf.sum(tf.mul(tf.mean(normalized, 0), tf.sum(normalized, 0))), tf.mean(tf.square(normalized)));
        };
        const gamma = tf.tensor1d(values(c, 3).map((v) => 1 + v / 2));
        const beta = tf.tensor1d(values(c, 4));
        const grads = tf.grads(f)([x, gamma, beta]);
        const out = grads.map((g) => Array.from(g.dataSync()));
        tf.dispose([x, weights, gamma, beta, ...grads]);
        return out;
      });
    const reference = gradients();
    installGradientPatches();
    const ours = gradients();
    ours.forEach((perCase, i) => perCase.forEach((g, j) => g.forEach((v, k) => expect(v).toBeCloseTo(reference[i][j][k], 5))));
  });
});
