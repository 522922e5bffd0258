/**
 * Per-batch breakdown of the fused dense trainer on the bench's network (32→64→64→2, ReLU, dropout 0.2,
 * L2 0.001, Adam, batch 256): each kernel call of one training step timed on its own, plus the whole
 * step. Run: `npx vitest bench --run src/runtime/fused-dense/breakdown.bench.ts` (Node, no browser).
 * On a loaded machine read the ratios between rows, not the absolute figures.
 */
import { bench, describe } from 'vitest';
import v8 from 'node:v8';
import { aleaState } from './alea';
import { GEMM_BIAS, GEMM_RELU, wasmKernels, relaxedAvailable, type DenseKernels } from './kernels';
import { FusedDenseTrainer } from './trainer';
import { createRandom } from '../../data/random';

// Node 20 has relaxed SIMD behind a flag (Chromium ships it); set before the first module compiles.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

const ROWS = 8192;
const BATCH = 256;
const INPUTS = 32;
const random = createRandom(1);
const features = Float32Array.from({ length: ROWS * INPUTS }, () => random() - 0.5);
const labels = Int32Array.from({ length: ROWS }, (_, i) => i % 2);
const order = Int32Array.from({ length: ROWS }, (_, i) => (i * 7919) % ROWS);
const plan = {
  inputs: INPUTS,
  hidden: [
    { units: 64, dropout: 0.2 },
    { units: 64, dropout: 0.2 },
  ],
  classes: 2,
};
const initial = [32 * 64, 64, 64 * 64, 64, 64 * 2, 2].map((s) => Float32Array.from({ length: s }, () => (random() - 0.5) * 0.3));
const options = { time: 400, warmupTime: 100 };

function trainer(fma: boolean): FusedDenseTrainer {
  const t = new FusedDenseTrainer(plan, BATCH, { kind: 'adam', epsilon: 1e-7, l2: 0.001 }, 'wasm', { fma });
  t.setWeights(initial);
  return t;
}

describe('one training step (load rows + forward + backward + Adam)', () => {
  for (const fma of relaxedAvailable() ? [false, true] : [false]) {
    const t = trainer(fma);
    let start = 0;
    bench(
      fma ? 'step, relaxed-SIMD FMA' : 'step, SIMD',
      () => {
        t.loadRows(features, order, start, BATCH);
        t.trainBatch(BATCH, labels, start, 0.001, Math.random);
        start = (start + BATCH) % ROWS;
      },
      options,
    );
  }
});

describe('the parts of one step', () => {
  const memory = new WebAssembly.Memory({ initial: 64 });
  const k: DenseKernels = wasmKernels(memory);
  const kf: DenseKernels | null = relaxedAvailable() ? wasmKernels(memory, true) : null;
  const f = 4;
  // Buffers (byte offsets), each big enough for 256×64 floats.
  const [x, w0, w1, w2, b, a0, a1, a2, m0, d0, d1, wt, g, mo, v] = Array.from({ length: 15 }, (_, i) => 1024 + i * BATCH * 64 * f);
  const fill = new Float32Array(memory.buffer);
  for (let i = 256; i < fill.length; i++) fill[i] = ((i * 2654435761) % 1000) / 1000 - 0.5;
  const t = trainer(false);
  let start = 0;
  bench(
    'copy 256 rows into memory (loadRows)',
    () => {
      t.loadRows(features, order, start, BATCH);
      start = (start + BATCH) % ROWS;
    },
    options,
  );
  for (const [name, kk] of [
    ['SIMD', k],
    ['FMA', kf],
  ] as const) {
    if (!kk) continue;
    bench(
      `forward gemms (3 layers, bias + ReLU), ${name}`,
      () => {
        kk.gemm(x, 32, 1, w0, 64, a0, 64, BATCH, 64, 32, b, GEMM_BIAS | GEMM_RELU);
        kk.gemm(a0, 64, 1, w1, 64, a1, 64, BATCH, 64, 64, b, GEMM_BIAS | GEMM_RELU);
        kk.gemm(a1, 64, 1, w2, 8, a2, 8, BATCH, 8, 64, b, GEMM_BIAS);
      },
      options,
    );
    bench(
      `backward gemms (dW ×3, dA ×2), ${name}`,
      () => {
        kk.gemm(a1, 1, 64, d0, 8, g, 8, 64, 8, BATCH, 0, 0);
        kk.gemm(d0, 8, 1, wt, 64, d1, 64, BATCH, 64, 2, 0, 0);
        kk.gemm(a0, 1, 64, d1, 64, g, 64, 64, 64, BATCH, 0, 0);
        kk.gemm(d1, 64, 1, wt, 64, d0, 64, BATCH, 64, 64, 0, 0);
        kk.gemm(x, 1, 32, d0, 64, g, 64, 32, 64, BATCH, 0, 0);
      },
      options,
    );
  }
  bench(
    'dropout masks of both layers (dropout_mask2: two Alea chains interleaved) + mul',
    () => {
      const [s0, s1, s2] = aleaState(String(Math.random()));
      const [r0, r1, r2] = aleaState(String(Math.random()));
      k.dropout_mask2(BATCH, m0, 64, 64, s0, s1, s2, Math.fround(0.8), Math.fround(1.25), d0, 64, 64, r0, r1, r2, Math.fround(0.8), Math.fround(1.25));
      k.mul(a0, m0, BATCH * 64);
      k.mul(a1, d0, BATCH * 64);
    },
    options,
  );
  bench(
    'aleaState(String(seed)) ×2 (the seeds alone)',
    () => {
      aleaState(String(Math.random()));
      aleaState(String(Math.random()));
    },
    options,
  );
  bench(
    'colsum ×3 + transpose ×2 + relu_back ×2',
    () => {
      k.colsum(d0, BATCH, 8, g);
      k.colsum(d1, BATCH, 64, g);
      k.colsum(d0, BATCH, 64, g);
      k.transpose(w2, 64, 8, wt);
      k.transpose(w1, 64, 64, wt);
      k.relu_back(d1, a1, m0, BATCH * 64);
      k.relu_back(d0, a0, m0, BATCH * 64);
    },
    options,
  );
  bench(
    'L2 sumsq + Adam (6,656 kernel + 136 bias values)',
    () => {
      k.sumsq(w0, 6656);
      k.adam(w0, g, mo, v, 6656, 0.001, 0.9, 0.999, 0.5, 0.5, 1e-7, 0.002);
      k.adam(w0 + 6656 * 4, g, mo, v, 136, 0.001, 0.9, 0.999, 0.5, 0.5, 1e-7, 0);
    },
    options,
  );
  const t2 = trainer(false);
  t2.loadRows(features, order, 0, BATCH);
  bench(
    'softmax + cross-entropy + dLogits (JS), via a no-dropout eval of one batch',
    () => {
      t2.evaluate(features, order.subarray(0, BATCH), labels);
    },
    options,
  );
});
