import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installSharedWasmIdentity } from './wasm-identity';

describe('WASM Identity shares data', () => {
  it('clones and same-dtype casts read the same values, outlive the original, and free the data once both are gone', async () => {
    expect(installSharedWasmIdentity()).toBe(true);
    await tf.setBackend('wasm');
    const backend = tf.backend();
    const tensorsBefore = tf.memory().numTensors;
    const dataBefore = backend.numDataIds();
    const x = tf.tensor2d([1, -2, 3.5, 4], [2, 2]);
    const y = tf.clone(x);
    const z = tf.cast(x, 'float32');
    // Shared: no new data for the clone or the cast.
    expect(backend.numDataIds()).toBe(dataBefore + 1);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, -2, 3.5, 4]);
    expect(y.shape).toEqual([2, 2]);
    y.dispose();
    expect(Array.from(z.dataSync())).toEqual([1, -2, 3.5, 4]);
    z.dispose();
    // A real conversion still converts.
    const f = tf.tensor1d([1.7, -2.2]);
    const i = tf.cast(f, 'int32');
    expect(i.dtype).toBe('int32');
    expect(Array.from(i.dataSync())).toEqual([1, -2]);
    tf.dispose([f, i]);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(backend.numDataIds()).toBe(dataBefore);
    // Gradients (which save their inputs through Identity) are unchanged.
    const w = tf.tensor1d([0.5, -1, 2]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.relu(t), t)))(w);
    expect(Array.from(g.dataSync())).toEqual([1, 0, 4]);
    tf.dispose([w, g]);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(backend.numDataIds()).toBe(dataBefore);
  });
});
