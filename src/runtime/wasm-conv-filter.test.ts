import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installFastWasmMatMul } from './wasm-matmul';
import { installWasmConvGradients } from './wasm-conv-filter';

describe('WASM convolution gradients', () => {
  it('match the CPU backend for strides, paddings and channel counts, without leaking', async () => {
    expect(installFastWasmMatMul()).toBe(true);
    expect(installWasmConvGradients()).toBe(true);
    const values = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);
    const cases: { x: [number, number, number, number]; f: [number, number, number, number]; strides: number; pad: 'same' | 'valid' }[] = [
      { x: [2, 6, 5, 1], f: [3, 3, 1, 4], strides: 1, pad: 'same' },
      { x: [2, 7, 7, 3], f: [3, 3, 3, 5], strides: 2, pad: 'same' },
      { x: [1, 8, 6, 2], f: [2, 3, 2, 3], strides: 1, pad: 'valid' },
      { x: [3, 9, 9, 4], f: [5, 5, 4, 2], strides: 2, pad: 'valid' },
      // Even kernels pad 'same' unevenly (the stride-1 input gradient then pads the other way round).
      { x: [2, 6, 7, 3], f: [2, 2, 3, 4], strides: 1, pad: 'same' },
      { x: [2, 5, 5, 2], f: [4, 3, 2, 3], strides: 1, pad: 'same' },
      // Channel counts of the bench's second layer (many channels: the transposed patches' inner loop).
      { x: [3, 7, 6, 32], f: [3, 3, 32, 16], strides: 1, pad: 'same' },
      // Stride 1 with more channels: even kernels, valid padding, uneven sides (the transposed patches and the input gradient as a convolution).
      { x: [2, 6, 7, 8], f: [2, 2, 8, 4], strides: 1, pad: 'same' },
      { x: [2, 8, 6, 9], f: [3, 2, 9, 3], strides: 1, pad: 'valid' },
      { x: [1, 5, 4, 12], f: [4, 4, 12, 2], strides: 1, pad: 'same' },
    ];
    const gradients = async (backend: string) => {
      await tf.setBackend(backend);
      const out: Float32Array[] = [];
      for (const c of cases) {
        const x = tf.tensor4d(
          values(
            c.x.reduce((a, b) => a * b, 1),
            1,
          ),
          c.x,
        );
        const f = tf.tensor4d(
          values(
            c.f.reduce((a, b) => a * b, 1),
            2,
          ),
          c.f,
        );
        // A loss that weights every output differently, so the gradients are not all alike.
        const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
          const y = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
          return tf.sum(tf.mul(y, tf.sin(tf.range(0, y.size).reshape(y.shape))));
        })([x, f]);
        for (const g of grads) out.push(g.dataSync() as Float32Array);
        tf.dispose([x, f, ...grads]);
      }
      return out;
    };
    const expected = await gradients('cpu');
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const actual = await gradients('wasm');
    expect(tf.memory().numTensors).toBe(before);
    actual.forEach((g, i) => {
      expect(g.length).toBe(expected[i].length);
      g.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 4));
    });
  });
});
