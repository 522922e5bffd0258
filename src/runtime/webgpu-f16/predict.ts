import type * as tf from '@tensorflow/tfjs';
import type { InferenceNote, InferencePrecision } from '../../predict/batch';
import { gpuInference, runDenseNetwork } from './dense-inference';
import { denseNetworkOf } from './dense-network';

/**
 * Table-model probabilities through the WebGPU dense kernel in the requested precision, or null values
 * with a plain note saying why not (no WebGPU, no shader-f16, not a dense network); the caller then
 * predicts with TF.js in float32.
 */
export async function shaderProbabilities(
  model: tf.LayersModel,
  inputWidth: number,
  features: Float32Array,
  rows: Int32Array | undefined,
  requested: Exclude<InferencePrecision, 'float32'>,
): Promise<{ values: Float32Array | null; note: InferenceNote }> {
  const fallback = (reason: string) => ({ values: null, note: { requested, used: 'tfjs-float32' as const, note: reason } });
  const network = denseNetworkOf(model);
  if ('unsupported' in network) return fallback(`${network.unsupported[0].toUpperCase()}${network.unsupported.slice(1)}, so predictions used float32 (TensorFlow.js).`);
  const precision = requested === 'float16' ? 'f16' : 'f32';
  const available = await gpuInference(precision);
  if (!available.ok) return fallback(available.reason);
  let input = features;
  if (rows) {
    input = new Float32Array(rows.length * inputWidth);
    for (let i = 0; i < rows.length; i++) input.set(features.subarray(rows[i] * inputWidth, (rows[i] + 1) * inputWidth), i * inputWidth);
  }
  const values = await runDenseNetwork(available.inference, network.layers, input, inputWidth);
  const { adapter } = available.inference;
  return {
    values,
    note:
      precision === 'f16'
        ? { requested, used: 'webgpu-float16', adapter, note: `float16 on WebGPU (${adapter}, shader-f16): weights and activations stored as float16, sums in float32.` }
        : { requested, used: 'webgpu-float32', adapter, note: `The WebGPU dense kernel in float32 (${adapter}).` },
  };
}
