import type * as tf from '@tensorflow/tfjs';
import type { DenseLayerWeights } from './dense-inference';
import { ACTIVATION_CODES, type KernelActivation } from './dense-shader';

/**
 * The dense layers of a TF.js model for the WebGPU inference kernel, or why the model is not a plain
 * dense network (convolutions, batch norm, embeddings… stay on TF.js). Dropout is the identity at
 * inference and is skipped; InputLayer carries no weights.
 */
export function denseNetworkOf(model: tf.LayersModel): { layers: DenseLayerWeights[] } | { unsupported: string } {
  const layers: DenseLayerWeights[] = [];
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    if (kind === 'InputLayer' || kind === 'Dropout') continue;
    if (kind !== 'Dense') return { unsupported: `float16 inference covers dense networks (logistic regression, MLP); this model has a ${kind} layer` };
    const config = layer.getConfig() as { activation?: string; useBias?: boolean };
    const activation = config.activation ?? 'linear';
    if (activation !== 'softmax' && !Object.hasOwn(ACTIVATION_CODES, activation))
      return { unsupported: `the dense layer ${layer.name} uses the ${activation} activation, which the float16 kernel does not implement` };
    const [kernel, bias] = layer.getWeights();
    const [inputs, outputs] = kernel.shape;
    layers.push({
      inputs,
      outputs,
      kernel: kernel.dataSync() as Float32Array,
      bias: config.useBias === false || !bias ? new Float32Array(outputs) : (bias.dataSync() as Float32Array),
      activation: activation as KernelActivation | 'softmax',
    });
  }
  return layers.length > 0 ? { layers } : { unsupported: 'the model has no dense layers' };
}
