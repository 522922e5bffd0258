import type { ModelArtifacts } from './model-artifacts';
import { dequantizeWeights, quantizeWeights, type QuantizeDtype } from './quantize';
import { float32Bytes } from './pytorch/safetensors';
import { bundleFiles, type BundleInput } from './write-bundle';
import { zipSync, type Zippable } from 'fflate';

/** What quantizing to one dtype costs and saves: sizes, and the test metrics before and after. */
export interface QuantizationReport {
  dtype: QuantizeDtype;
  /** Weight shard bytes (model.json's weights): float32 and quantized. */
  weightBytes: number;
  float32WeightBytes: number;
  /** The whole .zip, both with the PyTorch folder: float32, and quantized (TF.js shards and weights.safetensors). */
  bundleBytes: number;
  float32BundleBytes: number;
  /** The float32 .zip without the PyTorch folder (TF.js model, preprocessing, metrics, README only). */
  float32TfjsBundleBytes: number;
  /** Test split metrics with float32 and with the quantized weights; absent when the test split is not at hand. */
  test?: { rows: number; float32: { accuracy: number; macroF1: number }; quantized: { accuracy: number; macroF1: number } };
  /** Why `test` is absent. */
  testNote?: string;
}

/** The model with its weights rounded through `dtype` and back, as a loaded bundle would hold them. */
export function roundTripArtifacts(artifacts: ModelArtifacts, dtype: QuantizeDtype): ModelArtifacts {
  const q = quantizeWeights(artifacts, dtype);
  return { ...artifacts, weightData: float32Bytes(dequantizeWeights(q.weightSpecs, new Uint8Array(q.weightData))).buffer };
}

export function zippedSize(files: Map<string, Uint8Array>): number {
  const zippable: Zippable = {};
  for (const [name, bytes] of files) zippable[name] = [bytes, { level: name.endsWith('.bin') || name.endsWith('.safetensors') ? 0 : 6 }];
  return zipSync(zippable, { mtime: new Date('2024-01-01T00:00:00Z') }).byteLength;
}

/** Sizes of the float32 and quantized bundles (test metrics are added by whoever has the test split). */
export function quantizationSizes(input: BundleInput, dtype: QuantizeDtype): QuantizationReport {
  const full = bundleFiles({ ...input, quantize: undefined });
  const small = bundleFiles({ ...input, quantize: dtype });
  const shardBytes = (files: Map<string, Uint8Array>) => [...files].filter(([n]) => n.endsWith('.bin') && !n.includes('/')).reduce((s, [, b]) => s + b.byteLength, 0);
  const tfjsOnly = zippedSize(bundleFiles({ ...input, quantize: undefined, pytorch: false }));
  return { dtype, weightBytes: shardBytes(small), float32WeightBytes: shardBytes(full), bundleBytes: zippedSize(small), float32BundleBytes: zippedSize(full), float32TfjsBundleBytes: tfjsOnly };
}

/** The rows of the test split the model was evaluated on, with their features and true classes. */
export interface TestSplit {
  features: Float32Array;
  rows: Int32Array;
  yTrue: Int32Array;
}

/** Test metrics of `predict` (float32 probabilities of the split's rows) for the report. */
export type SplitScorer = (artifacts: ModelArtifacts | null) => Promise<{ accuracy: number; macroF1: number }>;

/** Adds the test-split metrics with float32 and with quantized weights to a size report. */
export async function withTestMetrics(report: QuantizationReport, artifacts: ModelArtifacts, rows: number, score: SplitScorer): Promise<QuantizationReport> {
  const float32 = await score(null);
  const quantized = await score(roundTripArtifacts(artifacts, report.dtype));
  return { ...report, test: { rows, float32, quantized } };
}
