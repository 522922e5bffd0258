import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installFastWasmSlice } from './wasm-slice';

describe('fast WASM slice', () => {
  it('returns the same slices as the CPU backend (contiguous and not), without leaking', async () => {
    expect(installFastWasmSlice()).toBe(true);
    const cases: { shape: number[]; begin: number[]; size: number[]; dtype: 'float32' | 'int32' | 'bool' }[] = [
      { shape: [10, 4], begin: [3, 0], size: [5, 4], dtype: 'float32' },
      { shape: [10, 4], begin: [3, 1], size: [5, 2], dtype: 'float32' },
      { shape: [20], begin: [7], size: [9], dtype: 'int32' },
      { shape: [4, 3, 2], begin: [1, 0, 0], size: [2, -1, -1], dtype: 'float32' },
      { shape: [6, 2], begin: [2, 0], size: [3, 2], dtype: 'bool' },
    ];
    const slices = async (backend: string) => {
      await tf.setBackend(backend);
      return cases.map((c) => {
        const n = c.shape.reduce((a, b) => a * b, 1);
        const values = c.dtype === 'bool' ? Array.from({ length: n }, (_, i) => i % 3 === 0) : Array.from({ length: n }, (_, i) => i * 1.5);
        const x = tf.tensor(values, c.shape, c.dtype);
        const y = tf.slice(x, c.begin, c.size);
        const out = { shape: y.shape, values: Array.from(y.dataSync()) };
        tf.dispose([x, y]);
        return out;
      });
    };
    const expected = await slices('cpu');
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    expect(await slices('wasm')).toEqual(expected);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('splits like the CPU backend along leading and inner axes', async () => {
    expect(installFastWasmSlice()).toBe(true);
    const cases: { shape: number[]; sizes: number[] | number; axis: number }[] = [
      { shape: [10], sizes: [3, 0, 7], axis: 0 },
      { shape: [6, 4], sizes: [1, 5], axis: 0 },
      { shape: [1, 9], sizes: 3, axis: 1 },
      { shape: [3, 4], sizes: [1, 3], axis: 1 },
      { shape: [2, 3, 4], sizes: [2, -1], axis: -1 },
    ];
    const splits = async (backend: string) => {
      await tf.setBackend(backend);
      return cases.map((c) => {
        const x = tf.tensor(
          Array.from({ length: c.shape.reduce((a, b) => a * b, 1) }, (_, i) => i * 0.5),
          c.shape,
        );
        const parts = tf.split(x, c.sizes, c.axis);
        const out = parts.map((p) => ({ shape: p.shape, values: Array.from(p.dataSync()) }));
        tf.dispose([x, ...parts]);
        return out;
      });
    };
    const expected = await splits('cpu');
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    expect(await splits('wasm')).toEqual(expected);
    expect(tf.memory().numTensors).toBe(before);
  });
});
