import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmUnsortedSegmentSum } from './wasm-unsorted-segment-sum';
import { installWasmKernelPatches } from './wasm-kernels';

describe('WASM UnsortedSegmentSum', () => {
  it('matches the CPU backend: the op itself, gather gradients and Embedding-layer gradients, without leaking', async () => {
    expect(installWasmUnsortedSegmentSum()).toBe(true);
    // The studio's other WASM patches too: Conv1D is Conv2D underneath, whose gradients they register.
    expect(installWasmKernelPatches()).toEqual([]);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      const x = tf.tensor2d(
        Float32Array.from({ length: 7 * 3 }, (_, i) => Math.sin(i * 1.3)),
        [7, 3],
      );
      const ids = tf.tensor1d([2, 0, 2, -1, 4, 1, 2], 'int32'); // -1 is dropped, as on the CPU
      const direct = tf.unsortedSegmentSum(x, ids, 5);
      const xi = tf.tensor1d([1, 2, 3, 4, 5, 6], 'int32');
      const idsInt = tf.tensor1d([0, 0, 1, 1, 1, 0], 'int32');
      const directInt = tf.unsortedSegmentSum(xi, idsInt, 3);
      // Gradient of gather (what an Embedding lookup's backward pass is).
      const params = tf.tensor2d(
        Float32Array.from({ length: 10 * 4 }, (_, i) => Math.cos(i)),
        [10, 4],
      );
      const indices = tf.tensor2d(
        [
          [1, 3, 3, 0],
          [9, 1, 1, 1],
        ],
        [2, 4],
        'int32',
      );
      const gatherGrad = tf.tidy(() => tf.grad((p: tf.Tensor) => tf.sum(tf.mul(tf.gather(p, indices), tf.range(1, 33).reshape([2, 4, 4]))))(params));
      // An Embedding layer inside a model, as the text CNN uses it: gradients of every weight.
      const model = tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: 20, outputDim: 8, inputLength: 6, embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 3 }) }),
          tf.layers.conv1d({ filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
          tf.layers.globalMaxPooling1d(),
          tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }),
        ],
      });
      const tokens = tf.tensor2d(
        [
          [1, 5, 5, 0, 0, 0],
          [19, 2, 3, 4, 7, 7],
          [1, 1, 1, 1, 1, 1],
        ],
        [3, 6],
        'float32',
      );
      const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 2, 1], 'int32'), 3));
      const { grads, value } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, model.apply(tokens) as tf.Tensor) as tf.Scalar);
      const names = Object.keys(grads).sort();
      const result = {
        direct: Array.from(direct.dataSync()),
        directInt: Array.from(directInt.dataSync()),
        gatherGrad: Array.from(gatherGrad.dataSync()),
        embedding: names.map((n) => Array.from(grads[n].dataSync())),
        loss: value.dataSync()[0],
      };
      tf.dispose([x, ids, direct, xi, idsInt, directInt, params, indices, gatherGrad, tokens, labels, value, ...Object.values(grads)]);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      return result;
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    const close = (a: number[], b: number[]) => {
      expect(a).toHaveLength(b.length);
      a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-5));
    };
    close(wasm.direct, cpu.direct);
    expect(wasm.directInt).toEqual([9, 12, 0]);
    expect(cpu.directInt).toEqual([9, 12, 0]);
    close(wasm.gatherGrad, cpu.gatherGrad);
    expect(wasm.embedding.length).toBe(cpu.embedding.length);
    wasm.embedding.forEach((g, i) => close(g, cpu.embedding[i]));
    expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-5);
    // The embedding gradient is not all zeros: rows of looked-up tokens receive gradient.
    expect(cpu.embedding.some((g) => g.some((v) => Math.abs(v) > 1e-6))).toBe(true);
  });
});
