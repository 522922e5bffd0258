import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { strToU8 } from 'fflate';
import { buildModel } from '../models/build-model';
import { toArtifacts } from '../train/model-io';
import { dequantizeWeights, float16Bits, float16Value, quantizeWeights } from './quantize';
import { bundleFiles } from './write-bundle';
import { metricsFile } from './metrics-file';
import { assembleBundle } from './validate-bundle';
import type { ModelArtifacts } from './model-artifacts';
import type { FittedPreprocessor } from '../preprocess/fitted';
import { readSafetensors } from './pytorch/safetensors';

let artifacts: ModelArtifacts;
let model: tf.LayersModel;
const fitted: FittedPreprocessor = {
  format: 'tau-preprocessing',
  version: 1,
  target: { name: 'y', classes: ['a', 'b', 'c'] },
  missing: 'median',
  scaling: 'standardize',
  features: Array.from({ length: 6 }, (_, i) => ({ kind: 'numeric' as const, name: `x${i}`, fill: 0, center: 0, scale: 1, min: -3, max: 3, mean: 0, std: 1 })),
  inputSize: 6,
  inputNames: Array.from({ length: 6 }, (_, i) => `x${i}`),
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = buildModel({ kind: 'mlp', hidden: [64, 32], activation: 'relu', dropout: 0, l2: 0 }, [6], 3, 9);
  artifacts = await toArtifacts({ model, preprocessing: fitted, exampleShape: [6], classes: fitted.target.classes });
});

describe('TF.js weight quantization', () => {
  it('rounds float32 to float16 to nearest even, as numpy does', () => {
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2)).toBe(0xc000);
    expect(float16Bits(65504)).toBe(0x7bff);
    expect(float16Bits(1e6)).toBe(0x7c00);
    expect(float16Bits(2 ** -24)).toBe(0x0001);
    expect(float16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(float16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    for (const v of [0.1, -3.14159, 1e-5, 1234.5]) expect(Math.abs(float16Value(float16Bits(v)) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -25);
  });

  it('writes manifest entries TF.js decodes natively to the same values the studio decodes', () => {
    for (const dtype of ['float16', 'uint8'] as const) {
      const q = quantizeWeights(artifacts, dtype);
      expect(q.weightData.byteLength).toBe(artifacts.weightData.byteLength / (dtype === 'float16' ? 2 : 4));
      const ours = dequantizeWeights(q.weightSpecs, new Uint8Array(q.weightData));
      const decoded = tf.io.decodeWeights(q.weightData, q.weightSpecs as tf.io.WeightsManifestEntry[]);
      let offset = 0;
      const original = new Float32Array(artifacts.weightData);
      for (const spec of q.weightSpecs) {
        let maxError = 0;
        const values = decoded[spec.name].dataSync();
        for (let i = 0; i < values.length; i++) {
          expect(Math.abs(values[i] - ours[offset + i])).toBeLessThanOrEqual(1e-6);
          maxError = Math.max(maxError, Math.abs(values[i] - original[offset + i]));
        }
        // uint8: at most half a step of (max - min) / 255 from the float32 weight.
        if (dtype === 'uint8') expect(maxError).toBeLessThanOrEqual((spec.quantization!.scale! / 2) * 1.001 + 1e-7 || Infinity);
        offset += values.length;
      }
      tf.dispose(Object.values(decoded));
    }
  });

  it('a quantized bundle is smaller, loads back through the bundle checks, and predicts close to float32', async () => {
    const metrics = metricsFile(null);
    const base = bundleFiles({ artifacts, metrics, reference: null, generatedBy: 'test', title: 'q' });
    const small = bundleFiles({ artifacts, metrics, reference: null, generatedBy: 'test', title: 'q', quantize: 'uint8' });
    expect(small.get('group1-shard1of1.bin')!.byteLength).toBe(base.get('group1-shard1of1.bin')!.byteLength / 4);
    // The PyTorch project travels along with the same uint8 codes (U8 tensors, scale and min in __metadata__).
    const safetensors = readSafetensors(small.get('pytorch/weights.safetensors')!);
    expect([...safetensors.tensors.values()].map((t) => t.dtype)).toEqual(['U8', 'U8', 'U8', 'U8', 'U8', 'U8']);
    expect(small.get('pytorch/weights.safetensors')!.byteLength).toBeLessThan(base.get('pytorch/weights.safetensors')!.byteLength / 3);
    const codes = JSON.parse(safetensors.metadata.tau_quantization) as Record<string, { scale: number; min: number }>;
    const manifest = JSON.parse(new TextDecoder().decode(small.get('model.json'))).weightsManifest[0].weights as { quantization: { scale: number; min: number } }[];
    expect(Object.values(codes).map((q) => [q.scale, q.min])).toEqual(manifest.map((w) => [w.quantization.scale, w.quantization.min]));
    const modelJson = JSON.parse(new TextDecoder().decode(small.get('model.json')));
    expect(modelJson.weightsManifest[0].weights[0].quantization).toMatchObject({ dtype: 'uint8' });
    const bundle = assembleBundle(small, 'q.zip');
    expect(bundle.notes.join(' ')).toMatch(/quantized \(uint8\)/);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: bundle.artifacts.modelTopology, weightSpecs: bundle.artifacts.weightSpecs, weightData: bundle.artifacts.weightData }));
    // TF.js reads the quantized model.json natively too.
    const native = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: small.get('group1-shard1of1.bin')!.slice().buffer }),
    );
    const x = tf.randomNormal([50, 6], 0, 1, 'float32', 3);
    const [p32, pq, pn] = [model, loaded, native].map((m) => (m.predict(x) as tf.Tensor).dataSync());
    let diff = 0;
    for (let i = 0; i < p32.length; i++) diff = Math.max(diff, Math.abs(p32[i] - pq[i]));
    expect(diff).toBeLessThan(0.05);
    expect([...pn]).toEqual([...pq]);
    tf.dispose([x]);
    loaded.dispose();
    native.dispose();
    expect(() =>
      assembleBundle(
        new Map([
          ...small,
          [
            'model.json',
            strToU8(
              JSON.stringify({
                ...modelJson,
                weightsManifest: [{ ...modelJson.weightsManifest[0], weights: modelJson.weightsManifest[0].weights.map((w: object) => ({ ...w, quantization: { dtype: 'int4' } })) }],
              }),
            ),
          ],
        ]),
        'bad.zip',
      ),
    ).toThrow(/int4/);
  });
});
