import v8 from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { FusedDenseTrainer, type DenseNetPlan } from './trainer';
import { relaxedAvailable } from './kernels';
import { fusedBackendDecision } from './backend-decision';
import { expectTfjsParity, parityCases, syntheticData } from './parity-fixtures';
import { createRandom } from '../../data/random';

// Chromium ships relaxed SIMD; Node 20's V8 has it behind this flag (read when a module is validated, so
// setting it before the first kernel compiles is enough). Each test file runs in its own process.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('fused dense trainer on the relaxed-SIMD (FMA) module', () => {
  it('validates the relaxed module and uses it by default', () => {
    expect(relaxedAvailable()).toBe(true);
    const plan: DenseNetPlan = { inputs: 4, hidden: [{ units: 8, dropout: 0 }], classes: 2 };
    expect(new FusedDenseTrainer(plan, 8, { kind: 'adam', epsilon: 1e-7, l2: 0 }).fma).toBe(true);
    expect(new FusedDenseTrainer(plan, 8, { kind: 'adam', epsilon: 1e-7, l2: 0 }, 'wasm', { fma: false }).fma).toBe(false);
    const decision = fusedBackendDecision({ exampleShape: [32], batchSize: 256, spec: { kind: 'mlp', hidden: [64, 64], activation: 'relu', dropout: 0.2, l2: 0.001 } }, [
      { name: 'wasm', available: true },
    ]);
    expect(decision?.reason).toContain('fused WASM SIMD trainer with relaxed-SIMD fused multiply-add');
  });

  it('agrees with the scalar reference to 1e-4 in loss over an epoch (rounding differs, dropouts match)', () => {
    const plan: DenseNetPlan = {
      inputs: 13,
      hidden: [
        { units: 40, dropout: 0.2 },
        { units: 24, dropout: 0.2 },
      ],
      classes: 3,
    };
    const data = syntheticData(1000, 13, 3, 3);
    const random = createRandom(11);
    const weights = [13 * 40, 40, 40 * 24, 24, 24 * 3, 3].map((size) => Float32Array.from({ length: size }, () => (random() - 0.5) * 0.5));
    for (const kind of ['adam', 'sgd'] as const) {
      const fma = new FusedDenseTrainer(plan, 64, { kind, epsilon: 1e-7, l2: 0.001 }, 'wasm', { fma: true });
      const scalar = new FusedDenseTrainer(plan, 64, { kind, epsilon: 1e-7, l2: 0.001 }, 'scalar');
      expect(fma.fma).toBe(true);
      fma.setWeights(weights);
      scalar.setWeights(weights);
      const seeds = [createRandom(5), createRandom(5)];
      let differs = false;
      for (let start = 0; start < data.train.length; start += 64) {
        const size = Math.min(64, data.train.length - start);
        fma.loadRows(data.features, data.train, start, size);
        scalar.loadRows(data.features, data.train, start, size);
        const a = fma.trainBatch(size, data.labels, start, 0.01, seeds[0]);
        const b = scalar.trainBatch(size, data.labels, start, 0.01, seeds[1]);
        expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-4);
        if (a.loss !== b.loss) differs = true;
      }
      // FMA rounds once per multiply-add: somewhere over the epoch the losses differ in the last bits.
      expect(differs).toBe(true);
      const labels = Int32Array.from(data.validation, (r) => data.labels[r]);
      const ea = fma.evaluate(data.features, data.validation, labels);
      const eb = scalar.evaluate(data.features, data.validation, labels);
      expect(Math.abs(ea.lossSum - eb.lossSum) / data.validation.length).toBeLessThan(1e-4);
      expect(Math.abs(ea.correct - eb.correct)).toBeLessThanOrEqual(1);
    }
  });

  for (const c of parityCases) {
    it(`matches TF.js on the same seed: ${c.name}`, async () => {
      await expectTfjsParity(c);
    });
  }
});
