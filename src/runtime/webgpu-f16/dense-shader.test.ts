/**
 * What can be checked without a GPU (the kernel itself runs in e2e/tests/f16-inference.spec.ts on real
 * WebGPU): one source for both precisions, the layers taken from a TF.js model compute what TF.js computes
 * when evaluated the kernel's way (x · W + b, activation, softmax on the host), and malformed networks are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../models/build-model';
import { denseShader } from './dense-shader';
import { checkNetwork, softmaxRows, type DenseLayerWeights } from './dense-inference';
import { denseNetworkOf } from './dense-network';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The kernel's arithmetic on the CPU: per output, bias + Σ x·w in float32 steps, then the activation. */
function reference(layers: DenseLayerWeights[], x: Float32Array, width: number): Float32Array {
  let input = x;
  let inputs = width;
  for (const layer of layers) {
    const rows = input.length / inputs;
    const out = new Float32Array(rows * layer.outputs);
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < layer.outputs; o++) {
        let sum = layer.bias[o];
        for (let i = 0; i < inputs; i++) sum = Math.fround(sum + Math.fround(input[r * inputs + i] * layer.kernel[i * layer.outputs + o]));
        const a = layer.activation;
        out[r * layer.outputs + o] = a === 'relu' ? Math.max(sum, 0) : a === 'tanh' ? Math.tanh(sum) : a === 'sigmoid' ? 1 / (1 + Math.exp(-sum)) : sum;
      }
    }
    if (layer.activation === 'softmax') softmaxRows(out, layer.outputs);
    input = out;
    inputs = layer.outputs;
  }
  return input;
}

describe('WebGPU dense inference kernel (host side)', () => {
  it('one WGSL source for both precisions: f16 adds `enable f16;` and swaps the buffer element type only', () => {
    const f16 = denseShader('f16');
    const f32 = denseShader('f32');
    expect(f16.startsWith('enable f16;\n')).toBe(true);
    expect(f32).not.toMatch(/enable f16|f16/);
    expect(f16.replace('enable f16;\n', '').replaceAll('f16', 'f32')).toBe(f32);
    expect(f32.match(/array<f32>/g)).toHaveLength(4);
  });

  it('layers taken from a TF.js MLP compute what TF.js predicts (kernel layout, activations, softmax)', () => {
    for (const activation of ['relu', 'tanh', 'sigmoid'] as const) {
      const model = buildModel({ kind: 'mlp', hidden: [12, 7], activation, dropout: 0.3, l2: 0 }, [5], 3, 4);
      const network = denseNetworkOf(model);
      if ('unsupported' in network) throw new Error(network.unsupported);
      expect(network.layers.map((l) => [l.inputs, l.outputs, l.activation])).toEqual([
        [5, 12, activation],
        [12, 7, activation],
        [7, 3, 'softmax'],
      ]);
      const x = tf.randomNormal([40, 5], 0, 1, 'float32', 2);
      const values = x.dataSync() as Float32Array;
      const expected = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync());
      const ours = reference(network.layers, values, 5);
      let worst = 0;
      for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - expected[i]));
      expect(worst).toBeLessThan(1e-5);
      x.dispose();
      model.dispose();
    }
  });

  it('a model that is not a plain dense network stays on TF.js, with the reason', () => {
    const cnn = buildModel({ kind: 'cnn', l2: 0, layers: [{ type: 'conv', filters: 2, kernel: 3, activation: 'relu' }, { type: 'batchnorm' }] }, [6, 6, 1], 2, 1);
    const result = denseNetworkOf(cnn);
    expect('unsupported' in result && result.unsupported).toMatch(/dense networks .* Conv2D layer/);
    cnn.dispose();
  });

  it('refuses layers that do not chain or whose sizes are wrong', () => {
    const layer = (inputs: number, outputs: number, activation: DenseLayerWeights['activation'] = 'relu'): DenseLayerWeights => ({
      inputs,
      outputs,
      kernel: new Float32Array(inputs * outputs),
      bias: new Float32Array(outputs),
      activation,
    });
    expect(() => checkNetwork([layer(4, 3), layer(3, 2, 'softmax')], 4)).not.toThrow();
    expect(() => checkNetwork([layer(4, 3), layer(5, 2)], 4)).toThrow(/takes 5 inputs but receives 3/);
    expect(() => checkNetwork([layer(4, 3, 'softmax'), layer(3, 2)], 4)).toThrow(/last layer only/);
    expect(() => checkNetwork([{ ...layer(4, 3), bias: new Float32Array(2) }], 4)).toThrow(/size/);
    expect(() => checkNetwork([], 4)).toThrow(/no dense layers/);
  });

  it('softmax rows are stable for large logits and sum to one', () => {
    const v = new Float32Array([1000, 1001, 999, -5, 0, 5]);
    softmaxRows(v, 3);
    expect(v[0] + v[1] + v[2]).toBeCloseTo(1, 6);
    expect(v[1]).toBeGreaterThan(v[0]);
    expect(Number.isFinite(v[2])).toBe(true);
    expect(v[5]).toBeCloseTo(Math.exp(5) / (Math.exp(-5) + 1 + Math.exp(5)), 6);
  });
});
