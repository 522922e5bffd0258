import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { alea } from './alea';
import { FusedDenseTrainer, type DenseNetPlan } from './trainer';
import { relaxedAvailable, simdAvailable } from './kernels';
import { buildModel } from '../../models/build-model';
import type { ModelSpec } from '../../models/spec';
import { fusedDensePlan } from '../../train/fused-train-loop';
import { fusedBackendDecision } from './backend-decision';
import type { BackendProbe } from '../backends';
import { createRandom } from '../../data/random';
import { expectTfjsParity, parityCases, syntheticData } from './parity-fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('alea', () => {
  it('draws the same numbers as seedrandom.alea, which TF.js dropout uses', () => {
    for (const seed of ['0.123456789', '0.5', String(Math.PI / 10)]) {
      const ours = alea(seed);
      const theirs = seedrandom.alea(seed);
      for (let i = 0; i < 1000; i++) expect(ours()).toBe(theirs());
    }
  });
});

describe('fused dense trainer', () => {
  it('has WebAssembly SIMD in Node', () => {
    expect(simdAvailable()).toBe(true);
  });

  it('SIMD kernels and the scalar reference agree bit for bit over training steps with dropout and L2', () => {
    const plan: DenseNetPlan = {
      inputs: 13,
      hidden: [
        { units: 20, dropout: 0.3 },
        { units: 9, dropout: 0 },
      ],
      classes: 3,
    };
    const data = syntheticData(100, 13, 3, 3);
    const random = createRandom(11);
    const weights = [13 * 20, 20, 20 * 9, 9, 9 * 3, 3].map((size) => Float32Array.from({ length: size }, () => random() - 0.5));
    for (const kind of ['adam', 'sgd'] as const) {
      const simd = new FusedDenseTrainer(plan, 30, { kind, epsilon: 1e-7, l2: 0.01 }, 'wasm', { fma: false });
      const scalar = new FusedDenseTrainer(plan, 30, { kind, epsilon: 1e-7, l2: 0.01 }, 'scalar');
      simd.setWeights(weights);
      scalar.setWeights(weights);
      const seeds = [createRandom(5), createRandom(5)];
      for (let start = 0; start < 90; start += 30) {
        const size = start === 60 ? 27 : 30; // a ragged last batch exercises the padding
        simd.loadRows(data.features, data.train, start, size);
        scalar.loadRows(data.features, data.train, start, size);
        const a = simd.trainBatch(size, data.labels, start, 0.01, seeds[0]);
        const b = scalar.trainBatch(size, data.labels, start, 0.01, seeds[1]);
        expect(a).toEqual(b);
      }
      const after = simd.getWeights();
      expect(after).toEqual(scalar.getWeights());
      expect(after[0]).not.toEqual(weights[0]);
      expect(
        simd.evaluate(
          data.features,
          data.validation,
          Int32Array.from(data.validation, (r) => data.labels[r]),
        ),
      ).toEqual(
        scalar.evaluate(
          data.features,
          data.validation,
          Int32Array.from(data.validation, (r) => data.labels[r]),
        ),
      );
    }
  });

  for (const c of parityCases) {
    it(`matches TF.js on the same seed: ${c.name}`, async () => {
      expect(relaxedAvailable()).toBe(false); // this file runs the plain SIMD module (fused-dense-fma.test.ts: FMA)
      await expectTfjsParity(c);
    });
  }

  it('leaves models it cannot train exactly to TF.js', () => {
    const data = syntheticData(50, 10, 3, 1);
    const tanh = buildModel({ kind: 'mlp', hidden: [8], activation: 'tanh', dropout: 0, l2: 0 }, data.exampleShape, 3, 1);
    const relu = buildModel({ kind: 'mlp', hidden: [8], activation: 'relu', dropout: 0, l2: 0 }, data.exampleShape, 3, 1);
    expect(fusedDensePlan(tanh, data, {}, 32)).toBeNull();
    expect(fusedDensePlan(relu, data, { fused: false }, 32)).toBeNull();
    expect(fusedDensePlan(relu, data, { augment: (x) => x }, 32)).toBeNull();
    expect(fusedDensePlan(relu, data, {}, 32)).toEqual({ inputs: 10, hidden: [{ units: 8, dropout: 0 }], classes: 3 });
    tanh.dispose();
    relu.dispose();
  });
});

describe('fusedBackendDecision ("auto" for dense table nets)', () => {
  const software: BackendProbe[] = [
    { name: 'webgpu', available: true, software: true, adapter: 'swiftshader' },
    { name: 'wasm', available: true },
    { name: 'cpu', available: true },
  ];
  const hardware: BackendProbe[] = [{ name: 'webgpu', available: true, software: false, adapter: 'a GPU' }, ...software.slice(1)];
  const mlp: ModelSpec = { kind: 'mlp', hidden: [64, 64], activation: 'relu', dropout: 0.2, l2: 0.001 };

  it('picks WASM without calibrating for ReLU MLPs and logistic regression', () => {
    expect(fusedBackendDecision({ exampleShape: [32], batchSize: 256, spec: mlp }, software)?.backend).toBe('wasm');
    expect(fusedBackendDecision({ exampleShape: [32], batchSize: 256, spec: mlp }, hardware)?.backend).toBe('wasm');
    expect(fusedBackendDecision({ exampleShape: [300], batchSize: 32, spec: { kind: 'logreg', l2: 0 } }, hardware)?.backend).toBe('wasm');
  });

  it('leaves big nets on a hardware GPU, other activations, CNNs and missing WASM to calibration', () => {
    const big: ModelSpec = { ...mlp, hidden: [1024, 1024] };
    expect(fusedBackendDecision({ exampleShape: [512], batchSize: 256, spec: big }, hardware)).toBeNull();
    expect(fusedBackendDecision({ exampleShape: [512], batchSize: 256, spec: big }, software)?.backend).toBe('wasm');
    expect(fusedBackendDecision({ exampleShape: [32], batchSize: 256, spec: { ...mlp, activation: 'tanh' } }, software)).toBeNull();
    expect(fusedBackendDecision({ exampleShape: [28, 28, 1], batchSize: 64, spec: { kind: 'cnn', l2: 0, layers: [] } }, software)).toBeNull();
    expect(
      fusedBackendDecision({ exampleShape: [32], batchSize: 256, spec: mlp }, [
        { name: 'wasm', available: false },
        { name: 'cpu', available: true },
      ]),
    ).toBeNull();
  });
});
