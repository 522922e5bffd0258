import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installFastWasmGather } from './wasm-gather';

describe('WASM GatherV2 of rows', () => {
  it('matches the CPU backend (rows of images, labels, scalars, other axes), without leaking, and refuses bad indices', async () => {
    expect(installFastWasmGather()).toBe(true);
    const values = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.37) * 5);
    const cases: { shape: number[]; dtype: 'float32' | 'int32'; index: number[]; indexShape?: number[]; axis?: number; batchDims?: number }[] = [
      { shape: [10, 4, 3, 2], dtype: 'float32', index: [7, 0, 7, 9, 2] },
      { shape: [6, 5], dtype: 'int32', index: [5, 1] },
      { shape: [8], dtype: 'float32', index: [3, 3, 0] },
      { shape: [9, 2], dtype: 'float32', index: [1, 8, 4, 0], indexShape: [2, 2] },
      // Not the fast path: the original kernel answers these.
      { shape: [4, 6], dtype: 'float32', index: [5, 0], axis: 1 },
      { shape: [2, 3, 4], dtype: 'float32', index: [2, 0, 1, 1], indexShape: [2, 2], axis: 1, batchDims: 1 },
    ];
    const gathered = async (backend: string) => {
      await tf.setBackend(backend);
      return cases.map((c) =>
        tf.tidy(() => {
          const size = c.shape.reduce((a, b) => a * b, 1);
          const x = c.dtype === 'int32' ? tf.tensor(Int32Array.from(values(size), Math.round), c.shape, 'int32') : tf.tensor(values(size), c.shape);
          const y = tf.gather(x, tf.tensor(c.index, c.indexShape ?? [c.index.length], 'int32'), c.axis ?? 0, c.batchDims ?? 0);
          return { shape: y.shape, dtype: y.dtype, data: Array.from(y.dataSync()) };
        }),
      );
    };
    const expected = await gathered('cpu');
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    expect(await gathered('wasm')).toEqual(expected);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => tf.tidy(() => tf.gather(tf.zeros([3, 2]), tf.tensor1d([0, 3], 'int32')))).toThrow(/index value 3/);
    expect(() => tf.tidy(() => tf.gather(tf.zeros([3, 2]), tf.tensor1d([-1], 'int32')))).toThrow(/index value -1/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
