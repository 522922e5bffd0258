/**
 * Importing quantized models: the studio's own float16 / uint8 bundles (TF.js weights-manifest quantization, read
 * from the real .zip), and the PyTorch project's weights.safetensors + studio.json (+ preprocessing.json) with F16
 * or U8 tensors, decoded as predict.py decodes them. Each imports back and predicts within the quantization error
 * of the float32 model; hostile variants (wrong dtype, scale missing, sizes that do not match) are refused with
 * messages that name the file, the tensor and what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { strToU8, unzipSync } from 'fflate';
import { buildModel } from '../../models/build-model';
import { toArtifacts } from '../../train/model-io';
import { metricsFile } from '../metrics-file';
import { readBundle, type PickedFile } from '../read-bundle';
import { writeBundleZip, writePytorchZip, type BundleInput } from '../write-bundle';
import { dequantizeWeights, type QuantizeDtype, type QuantizedWeightSpec } from '../quantize';
import type { ModelArtifacts } from '../model-artifacts';
import type { FittedPreprocessor } from '../../preprocess/fitted';
import { readSafetensors, writeSafetensors, type NamedTensor } from './safetensors';
import { QUANTIZATION_METADATA_KEY } from './decode-tensors';

const fitted: FittedPreprocessor = {
  format: 'tau-preprocessing',
  version: 1,
  target: { name: 'y', classes: ['a', 'b', 'c'] },
  missing: 'median',
  scaling: 'standardize',
  features: Array.from({ length: 5 }, (_, i) => ({ kind: 'numeric' as const, name: `x${i}`, fill: 0, center: 0, scale: 1, min: -3, max: 3, mean: 0, std: 1 })),
  inputSize: 5,
  inputNames: Array.from({ length: 5 }, (_, i) => `x${i}`),
};

let model: tf.LayersModel;
let artifacts: ModelArtifacts;
let x: tf.Tensor;
let input: BundleInput;

const zipPicked = (bytes: Uint8Array, name: string): PickedFile[] => [{ name, blob: new Blob([bytes.slice().buffer]) }];
const loose = (files: Map<string, Uint8Array>): PickedFile[] => [...files].map(([name, bytes]) => ({ name, blob: new Blob([bytes.slice().buffer]) }));

/** weights.safetensors, studio.json and preprocessing.json of the "Download as PyTorch project" zip. */
function projectPair(quantize: QuantizeDtype): Map<string, Uint8Array> {
  const files = unzipSync(writePytorchZip({ ...input, quantize }));
  return new Map(['weights.safetensors', 'studio.json', 'preprocessing.json'].map((name) => [name, files[`pytorch/${name}`]]));
}

/** The same safetensors file with its tensors or metadata changed (re-encoded by the studio's writer). */
function rewrite(bytes: Uint8Array, change: (tensors: NamedTensor[], metadata: Record<string, string>) => void): Uint8Array {
  const { tensors, metadata } = readSafetensors(bytes);
  const list = [...tensors.values()].map((t) => ({ ...t, shape: [...t.shape], data: t.data.slice() }));
  const meta = { ...metadata };
  change(list, meta);
  return writeSafetensors(list, meta);
}

async function probabilities(artifactsIn: ModelArtifacts): Promise<Float32Array> {
  const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: artifactsIn.modelTopology, weightSpecs: artifactsIn.weightSpecs, weightData: artifactsIn.weightData }));
  const p = tf.tidy(() => (loaded.predict(x) as tf.Tensor).dataSync() as Float32Array);
  loaded.dispose();
  return p;
}

const float32Of = (a: ModelArtifacts) => new Float32Array(a.weightData);

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = buildModel({ kind: 'mlp', hidden: [48, 24], activation: 'relu', dropout: 0, l2: 0 }, [5], 3, 11);
  artifacts = await toArtifacts({ model, preprocessing: fitted, exampleShape: [5], classes: fitted.target.classes });
  x = tf.randomNormal([64, 5], 0, 1.5, 'float32', 4);
  input = { artifacts, metrics: metricsFile(null), reference: null, generatedBy: 'test', title: 'quantized import' };
});
afterAll(() => {
  x.dispose();
  model.dispose();
});

describe('importing quantized models', () => {
  for (const dtype of ['float16', 'uint8'] as const) {
    it(`a ${dtype} bundle exported by the studio (the .zip) and its PyTorch project pair import back and predict within the quantization error`, async () => {
      const tensorsBefore = tf.memory().numTensors;
      const reference = await probabilities(artifacts);
      const zip = writeBundleZip({ ...input, quantize: dtype });
      const bundle = await readBundle(zipPicked(zip, 'model.zip'));
      expect(bundle.notes.join(' ')).toContain(`quantized (${dtype})`);

      // Every weight within the quantization error of its float32 value: half a uint8 step, or float16 rounding.
      const manifest = (JSON.parse(new TextDecoder().decode(unzipSync(zip)['model.json'])) as { weightsManifest: { weights: QuantizedWeightSpec[] }[] }).weightsManifest[0].weights;
      const original = float32Of(artifacts);
      const decoded = float32Of(bundle.artifacts);
      let at = 0;
      for (const spec of manifest) {
        const n = spec.shape.reduce((a, b) => a * b, 1);
        const bound = (v: number) => (dtype === 'uint8' ? (spec.quantization?.scale ?? 0) / 2 + 1e-7 : Math.abs(v) * 2 ** -11 + 2 ** -24);
        for (let i = at; i < at + n; i++) expect(Math.abs(decoded[i] - original[i]), `${spec.name}[${i - at}]`).toBeLessThanOrEqual(bound(original[i]));
        at += n;
      }
      expect(at).toBe(original.length);
      // Exactly TF.js' own decoding of the manifest.
      expect([...decoded]).toEqual([...dequantizeWeights(manifest, unzipSync(zip)['group1-shard1of1.bin'])]);

      const quantized = await probabilities(bundle.artifacts);
      const bundleError = maxAbsDiff(reference, quantized);
      expect(bundleError).toBeGreaterThan(0); // the weights really were quantized
      expect(bundleError).toBeLessThan(dtype === 'uint8' ? 0.05 : 2e-3);

      // The PyTorch project of the same export (F16, or U8 + scale/min): the same codes, so the same floats.
      const pair = projectPair(dtype);
      expect([...readSafetensors(pair.get('weights.safetensors')!).tensors.values()].every((t) => t.dtype === (dtype === 'uint8' ? 'U8' : 'F16'))).toBe(true);
      const fromProject = await readBundle(loose(pair));
      expect(fromProject.notes[0]).toMatch(new RegExp(`Imported from a PyTorch project \\(weights\\.safetensors\\).*stored quantized \\(${dtype}\\); they were decoded to float32`));
      expect(fromProject.artifacts.classes).toEqual(['a', 'b', 'c']);
      expect(maxAbsDiff(float32Of(fromProject.artifacts), decoded)).toBe(0);
      expect(maxAbsDiff(await probabilities(fromProject.artifacts), quantized)).toBe(0);
      // The whole "Download as PyTorch project" zip imports too.
      const fromZip = await readBundle(zipPicked(writePytorchZip({ ...input, quantize: dtype }), 'model-pytorch.zip'));
      expect(maxAbsDiff(float32Of(fromZip.artifacts), decoded)).toBe(0);
      console.info(`[import-quantized] ${dtype}: ${x.shape[0]} rows, max |Δp| vs float32 = ${bundleError.toExponential(2)} (bundle and PyTorch project identical)`);
      expect(tf.memory().numTensors).toBe(tensorsBefore);
    });
  }

  it('a float32 project pair still imports unchanged (no quantization note)', async () => {
    const files = unzipSync(writePytorchZip(input));
    const pair = new Map(['weights.safetensors', 'studio.json', 'preprocessing.json'].map((name) => [name, files[`pytorch/${name}`]]));
    const bundle = await readBundle(loose(pair));
    expect(bundle.notes[0]).not.toMatch(/quantized/);
    expect([...float32Of(bundle.artifacts)]).toEqual([...float32Of(artifacts)]);
  });
});

describe('hostile quantized safetensors and manifests are refused with clear messages', () => {
  const withWeights = (pair: Map<string, Uint8Array>, weights: Uint8Array) => loose(new Map([...pair, ['weights.safetensors', weights]]));

  it('U8 codes without their scale and min (metadata stripped, or one entry missing)', async () => {
    const pair = projectPair('uint8');
    const stripped = rewrite(pair.get('weights.safetensors')!, (_, metadata) => delete metadata[QUANTIZATION_METADATA_KEY]);
    await expect(readBundle(withWeights(pair, stripped))).rejects.toThrow(
      /weights\.safetensors: tensor "[^"]+" holds uint8 codes \(U8\) but __metadata__\.tau_quantization gives no scale and min for it/,
    );
    const oneMissing = rewrite(pair.get('weights.safetensors')!, (tensors, metadata) => {
      const codes = JSON.parse(metadata[QUANTIZATION_METADATA_KEY]) as Record<string, unknown>;
      delete codes[tensors[1].name];
      metadata[QUANTIZATION_METADATA_KEY] = JSON.stringify(codes);
    });
    await expect(readBundle(withWeights(pair, oneMissing))).rejects.toThrow(/gives no scale and min/);
  });

  it('a scale that is missing, zero, or not a number; a min that is not finite; metadata that is not JSON', async () => {
    const pair = projectPair('uint8');
    const edit = (change: (entry: Record<string, unknown>) => void) =>
      rewrite(pair.get('weights.safetensors')!, (tensors, metadata) => {
        const codes = JSON.parse(metadata[QUANTIZATION_METADATA_KEY]) as Record<string, Record<string, unknown>>;
        change(codes[tensors[0].name]);
        metadata[QUANTIZATION_METADATA_KEY] = JSON.stringify(codes);
      });
    await expect(
      readBundle(
        withWeights(
          pair,
          edit((e) => delete e.scale),
        ),
      ),
    ).rejects.toThrow(/the quantization of "[^"]+" has scale missing; a finite number above 0 is needed/);
    await expect(
      readBundle(
        withWeights(
          pair,
          edit((e) => (e.scale = 0)),
        ),
      ),
    ).rejects.toThrow(/has scale 0;/);
    await expect(
      readBundle(
        withWeights(
          pair,
          edit((e) => (e.scale = '0.1')),
        ),
      ),
    ).rejects.toThrow(/has scale "0\.1";/);
    await expect(
      readBundle(
        withWeights(
          pair,
          edit((e) => (e.min = null)),
        ),
      ),
    ).rejects.toThrow(/has min null; a finite number is needed/);
    await expect(
      readBundle(
        withWeights(
          pair,
          edit((e) => (e.dtype = 'uint4')),
        ),
      ),
    ).rejects.toThrow(/should be \{"dtype": "uint8", "scale", "min"\}/);
    const notJson = rewrite(pair.get('weights.safetensors')!, (_, metadata) => (metadata[QUANTIZATION_METADATA_KEY] = '{"a":'));
    await expect(readBundle(withWeights(pair, notJson))).rejects.toThrow(/__metadata__\.tau_quantization is not JSON/);
  });

  it('wrong dtypes: a scale for an F16 tensor, an entry for a tensor the file lacks, I64 weights, non-finite float16', async () => {
    const u8 = projectPair('uint8');
    const forF16 = rewrite(projectPair('float16').get('weights.safetensors')!, (tensors, metadata) => {
      metadata[QUANTIZATION_METADATA_KEY] = JSON.stringify({ [tensors[0].name]: { dtype: 'uint8', scale: 0.1, min: 0 } });
    });
    await expect(readBundle(withWeights(u8, forF16))).rejects.toThrow(/gives a scale for "[^"]+", but that tensor is F16; only U8 tensors carry uint8 codes/);
    const ghost = rewrite(u8.get('weights.safetensors')!, (_, metadata) => {
      const codes = JSON.parse(metadata[QUANTIZATION_METADATA_KEY]) as Record<string, unknown>;
      codes['fc9.weight'] = { dtype: 'uint8', scale: 0.1, min: 0 };
      metadata[QUANTIZATION_METADATA_KEY] = JSON.stringify(codes);
    });
    await expect(readBundle(withWeights(u8, ghost))).rejects.toThrow(/describes tensor "fc9\.weight", which the file does not hold/);
    const int64 = rewrite(projectPair('float16').get('weights.safetensors')!, (tensors) => {
      const t = tensors[0];
      tensors[0] = { ...t, dtype: 'I64', data: new Uint8Array(t.data.byteLength * 4) };
    });
    await expect(readBundle(withWeights(u8, int64))).rejects.toThrow(/tensor "[^"]+" is I64; model weights must be F32, F16 or U8/);
    const infinite = rewrite(projectPair('float16').get('weights.safetensors')!, (tensors) => new DataView(tensors[0].data.buffer).setUint16(2, 0x7c00, true));
    await expect(readBundle(withWeights(u8, infinite))).rejects.toThrow(/holds Infinity at position 1; the weights are damaged/);
  });

  it('sizes that do not match: a U8 tensor of another shape, bytes that do not fill the shape, a project JSON without preprocessing.json', async () => {
    const pair = projectPair('uint8');
    const reshaped = rewrite(pair.get('weights.safetensors')!, (tensors) => {
      const t = tensors[0];
      tensors[0] = { ...t, shape: [t.shape[0] - 1, t.shape[1]], data: t.data.subarray(0, (t.shape[0] - 1) * t.shape[1]) };
    });
    await expect(readBundle(withWeights(pair, reshaped))).rejects.toThrow(/weights\.safetensors: "[^"]+" has shape \[\d+, 5\] but the model needs \[\d+, 5\]/);
    // A header that claims more bytes than the shape of its dtype needs.
    const bytes = pair.get('weights.safetensors')!;
    const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + n)).replace(/"dtype":"U8"/, '"dtype":"F16"');
    const lying = new Uint8Array(bytes.byteLength);
    lying.set(bytes);
    lying.set(strToU8(header), 8);
    await expect(readBundle(withWeights(pair, lying))).rejects.toThrow(/spans \d+ bytes but its shape needs \d+/);
    const noPre = projectPair('uint8');
    noPre.delete('preprocessing.json');
    await expect(readBundle(loose(noPre))).rejects.toThrow(/studio\.json is the PyTorch project's description; pick preprocessing\.json from the same folder/);
  });

  it('TF.js manifests: a uint8 weight without scale, an unknown quantization dtype, shards sized for float32', async () => {
    const files = unzipSync(writeBundleZip({ ...input, quantize: 'uint8' }));
    const modelJson = JSON.parse(new TextDecoder().decode(files['model.json'])) as { weightsManifest: { weights: Record<string, unknown>[] }[] };
    const variant = (change: (weights: Record<string, unknown>[]) => void, shard = files['group1-shard1of1.bin']) => {
      const copy = structuredClone(modelJson);
      change(copy.weightsManifest[0].weights);
      const picked = new Map(Object.entries(files).filter(([name]) => !name.startsWith('pytorch/')));
      picked.set('model.json', strToU8(JSON.stringify(copy)));
      picked.set('group1-shard1of1.bin', shard);
      return loose(picked);
    };
    await expect(readBundle(variant((w) => delete (w[0].quantization as Record<string, unknown>).scale))).rejects.toThrow(/weights\[0\]\.quantization\.scale/);
    await expect(readBundle(variant((w) => ((w[1].quantization as Record<string, unknown>).dtype = 'uint16')))).rejects.toThrow(
      /quantized to the text "uint16"; Tau Studio reads float16 and uint8 quantization/,
    );
    const float32Shard = unzipSync(writeBundleZip(input))['group1-shard1of1.bin'];
    await expect(readBundle(variant(() => undefined, float32Shard))).rejects.toThrow(/weight files hold [\d,]+ bytes but model\.json describes [\d,]+ bytes of weights/);
  });
});
