import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installFastWasmSum, sumRows } from './wasm-sum';

describe('WASM Sum over every axis but the channels', () => {
  it('matches the CPU backend (bias gradients and other reductions), without leaking', async () => {
    expect(installFastWasmSum()).toBe(true);
    const values = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 3);
    const cases: { shape: number[]; axis: number | number[]; keepDims: boolean }[] = [
      { shape: [4, 5, 6, 7], axis: [0, 1, 2], keepDims: false },
      { shape: [4, 5, 6, 7], axis: [2, 0, 1], keepDims: true },
      { shape: [9, 3], axis: 0, keepDims: false },
      { shape: [9, 3], axis: -2, keepDims: true },
      { shape: [3, 4, 5], axis: [0, 1], keepDims: false },
      // More rows than one block, the last block ragged.
      { shape: [3, 1000, 7], axis: [0, 1], keepDims: false },
      // Not the fast path: the original kernel answers these.
      { shape: [3, 4, 5], axis: [1, 2], keepDims: false },
      { shape: [3, 4, 5], axis: 0, keepDims: false },
      { shape: [6], axis: 0, keepDims: false },
    ];
    const sums = async (backend: string) => {
      await tf.setBackend(backend);
      return cases.map((c) =>
        tf.tidy(() => {
          const y = tf.sum(tf.tensor(values(c.shape.reduce((a, b) => a * b, 1)), c.shape), c.axis, c.keepDims);
          return { shape: y.shape, data: y.dataSync() as Float32Array };
        }),
      );
    };
    const expected = await sums('cpu');
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const actual = await sums('wasm');
    expect(tf.memory().numTensors).toBe(before);
    actual.forEach((y, i) => {
      expect(y.shape).toEqual(expected[i].shape);
      y.data.forEach((v, j) => expect(v).toBeCloseTo(expected[i].data[j], 4));
    });
    // The gradient of a broadcast bias add goes through this Sum: Σ over 18 positions p of 4p + c = 612 + 18c.
    const grad = tf.tidy(() =>
      tf
        .grad((b: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.ones([2, 3, 3, 4]), b), tf.range(0, 72).reshape([2, 3, 3, 4]))))(tf.zeros([4]))
        .dataSync(),
    );
    expect(Array.from(grad)).toEqual([612, 630, 648, 666]);
  });

  it('sums rows block by block to the same totals as value by value', () => {
    for (const [rows, channels] of [
      [1, 1],
      [5000, 3],
      [2049, 32],
      [7, 9000],
    ]) {
      const values = Float32Array.from({ length: rows * channels }, (_, i) => Math.cos(i * 0.731) * 10);
      const naive = new Float64Array(channels);
      for (let i = 0; i < values.length; i++) naive[i % channels] += values[i];
      const blocked = sumRows(values, channels);
      blocked.forEach((v, c) => expect(v).toBeCloseTo(naive[c], 6));
    }
  });
});
