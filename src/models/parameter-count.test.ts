import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model';
import { countSpecParameters, countTopologyParameters } from './parameter-count';
import type { ModelSpec } from './spec';
import { DEFAULT_CNN } from './spec';
import { checkParameterBudget, PARAMETER_BUDGET } from '../settings/limits';

const specs: [ModelSpec, number[], number][] = [
  [{ kind: 'logreg', l2: 0 }, [30], 2],
  [{ kind: 'mlp', hidden: [64, 32], activation: 'relu', dropout: 0.2, l2: 0 }, [13], 3],
  [DEFAULT_CNN, [28, 28, 1], 10],
  [
    {
      kind: 'cnn',
      l2: 0,
      layers: [
        { type: 'conv', filters: 8, kernel: 3, activation: 'relu' },
        { type: 'batchnorm' },
        { type: 'maxpool', size: 3 },
        { type: 'dense', units: 16, activation: 'relu' },
        { type: 'batchnorm' },
      ],
    },
    [20, 20, 3],
    4,
  ],
];

describe('parameter counts match what TF.js builds', () => {
  it.each(specs.map((s, i) => [i, ...s] as const))('spec %i', (_i, spec, shape, classes) => {
    const before = tf.memory().numTensors;
    const model = buildModel(spec, shape, classes, 1);
    const built = model.countParams();
    // The same number from the spec and from the topology TF.js writes, without building anything.
    expect(countSpecParameters(spec, shape, classes)).toBe(built);
    expect(countTopologyParameters(model.toJSON(null, false) as unknown)).toBe(built);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a huge declared model before building it, and without allocating', () => {
    const huge = { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'd', units: 100_000, batch_input_shape: [null, 100_000] } }] } };
    const count = countTopologyParameters(huge);
    expect(count).toBe(100_000 * 100_000 + 100_000);
    expect(checkParameterBudget(count!)).toMatch(/at most 67 million parameters \(256 MB\)/);
    expect(checkParameterBudget(PARAMETER_BUDGET.maxParameters)).toBeNull();
    expect(checkParameterBudget(PARAMETER_BUDGET.maxParameters + 1)).not.toBeNull();
    expect(() => buildModel({ kind: 'mlp', hidden: [4096, 4096, 4096, 4096, 4096, 4096], activation: 'relu', dropout: 0, l2: 0 }, [200_000], 2, 1)).toThrow(/parameters/);
  });

  it('cannot follow a topology without shapes: null, so the caller refuses', () => {
    expect(countTopologyParameters({ class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 4 } }] } })).toBeNull();
    expect(countTopologyParameters({ class_name: 'Sequential', config: { layers: [{ class_name: 'Lambda', config: { batch_input_shape: [null, 3] } }] } })).toBeNull();
  });
});
