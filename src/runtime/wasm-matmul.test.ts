import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installFastWasmMatMul } from './wasm-matmul';

describe('fast WASM matMul for transposed operands', () => {
  it('gives the same products and gradients as the CPU backend, without leaking', async () => {
    expect(installFastWasmMatMul()).toBe(true);
    const values = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 2);
    const cases: [number[], number[], boolean, boolean][] = [
      [[5, 3], [3, 4], false, false],
      [[3, 5], [3, 4], true, false],
      [[5, 3], [4, 3], false, true],
      [[3, 5], [4, 3], true, true],
      [[2, 3, 5], [2, 3, 4], true, false],
    ];
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const out: number[][] = [];
      for (const [sa, sb, ta, tb] of cases) {
        const a = tf.tensor(
          values(
            sa.reduce((x, y) => x * y, 1),
            1,
          ),
          sa,
        );
        const b = tf.tensor(
          values(
            sb.reduce((x, y) => x * y, 1),
            2,
          ),
          sb,
        );
        const product = tf.matMul(a, b, ta, tb);
        out.push(Array.from(product.dataSync()));
        const grads = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x, y, ta, tb)))([a, b]);
        for (const g of grads) out.push(Array.from(g.dataSync()));
        tf.dispose([a, b, product, ...grads]);
      }
      return out;
    };
    const expected = await run('cpu');
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const actual = await run('wasm');
    expect(tf.memory().numTensors).toBe(before);
    actual.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 4)));
  });
});
