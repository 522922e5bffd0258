import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installFastWasmMaxPoolGrad } from './wasm-maxpool-grad';

describe('fast WASM MaxPoolGrad', () => {
  it('gives the CPU backend gradients for pooling with and without overlap, padding and ties, without leaking', async () => {
    expect(installFastWasmMaxPoolGrad()).toBe(true);
    const cases: { shape: [number, number, number, number]; size: number; stride: number; pad: 'valid' | 'same'; ties?: boolean }[] = [
      { shape: [2, 6, 6, 3], size: 2, stride: 2, pad: 'valid' },
      { shape: [1, 7, 5, 2], size: 2, stride: 2, pad: 'valid' },
      { shape: [1, 7, 5, 2], size: 2, stride: 2, pad: 'same' },
      { shape: [2, 9, 9, 4], size: 3, stride: 3, pad: 'valid' },
      { shape: [1, 4, 4, 2], size: 2, stride: 2, pad: 'valid', ties: true },
      // Overlapping windows: the original kernel.
      { shape: [1, 5, 5, 2], size: 3, stride: 1, pad: 'same' },
    ];
    const grads = async (backend: string) => {
      await tf.setBackend(backend);
      return cases.map((c) => {
        const n = c.shape.reduce((a, b) => a * b, 1);
        const x = tf.tensor4d(
          Float32Array.from({ length: n }, (_, i) => (c.ties ? Math.floor(i / 7) % 3 : Math.sin(i * 1.7) * 3)),
          c.shape,
        );
        const weight = (y: tf.Tensor) =>
          tf.tensor(
            Float32Array.from({ length: y.size }, (_, i) => 1 + i * 0.25),
            y.shape,
          );
        const g = tf.grad((t: tf.Tensor) => {
          const y = tf.maxPool(t as tf.Tensor4D, c.size, c.stride, c.pad);
          return tf.sum(tf.mul(y, weight(y)));
        })(x);
        const out = Array.from(g.dataSync());
        tf.dispose([x, g]);
        return out;
      });
    };
    const expected = await grads('cpu');
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const actual = await grads('wasm');
    actual.forEach((values, i) => values.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
    expect(tf.memory().numTensors).toBe(before);
  });
});
