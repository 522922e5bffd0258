import * as tf from '@tensorflow/tfjs';
import type { Activation, ModelSpec } from './spec';
import { deriveSeed } from '../data/random';
import { DataError } from '../lib/errors';
import { checkParameterBudget } from '../settings/limits';
import { countSpecParameters } from './parameter-count';

/**
 * Builds a tf.LayersModel ending in softmax, so the exported model.json predicts probabilities
 * directly. Every initializer is seeded: same spec + seed → same starting weights on any backend.
 */
export function buildModel(spec: ModelSpec, inputShape: number[], classCount: number, seed: number, head: 'softmax' | 'linear' = 'softmax', vocabularySize = 0): tf.Sequential {
  if (spec.kind === 'textcnn' && !(Number.isInteger(vocabularySize) && vocabularySize > 2)) {
    throw new DataError('invalid_model', 'The text CNN needs a fitted vocabulary (token ids); train it on a table with a text column.');
  }
  // Counted before TF.js allocates anything: the Train button, links and bundles share one budget.
  const tooLarge = checkParameterBudget(countSpecParameters(spec, inputShape, classCount, vocabularySize));
  if (tooLarge) throw new DataError('model_too_large', tooLarge);
  const model = tf.sequential({ name: `tau_${spec.kind}` });
  let layerIndex = 0;
  const init = () => tf.initializers.glorotUniform({ seed: deriveSeed(seed, `layer${layerIndex++}`) });
  const dense = (units: number, activation: Activation | 'softmax' | 'linear', first: boolean, zeroKernel = false) =>
    tf.layers.dense({
      units,
      activation,
      kernelInitializer: zeroKernel ? 'zeros' : init(),
      ...(first ? { inputShape } : {}),
    });
  switch (spec.kind) {
    case 'logreg':
      // Zeros, as scikit-learn: the problem is convex, so nothing needs breaking symmetry, and training
      // starts from uniform probabilities (loss ln K) instead of a random guess that can score below chance.
      model.add(dense(classCount, 'softmax', true, true));
      break;
    case 'linear':
      // Weights are solved in closed form and set afterwards; the layer only carries them for export.
      model.add(dense(1, 'linear', true, true));
      break;
    case 'mlp':
      spec.hidden.forEach((units, i) => {
        model.add(dense(units, spec.activation, i === 0));
        if (spec.dropout > 0) model.add(tf.layers.dropout({ rate: spec.dropout }));
      });
      model.add(dense(classCount, head, spec.hidden.length === 0));
      break;
    case 'textcnn':
      // Input: token ids (0 pads, 1 is out of vocabulary) of length inputShape[0], as float32 (Embedding casts them).
      model.add(
        tf.layers.embedding({
          inputDim: vocabularySize,
          outputDim: spec.embeddingDim,
          inputLength: inputShape[0],
          inputShape,
          embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: deriveSeed(seed, `layer${layerIndex++}`) }),
        }),
      );
      // 'same' padding: a text shorter than the kernel still gives one window per token.
      model.add(tf.layers.conv1d({ filters: spec.filters, kernelSize: spec.kernel, padding: 'same', activation: 'relu', kernelInitializer: init() }));
      model.add(tf.layers.globalMaxPooling1d({}));
      if (spec.dropout > 0) model.add(tf.layers.dropout({ rate: spec.dropout }));
      model.add(dense(classCount, head, false));
      break;
    case 'cnn': {
      let flattened = false;
      // Only the first layer declares the input shape.
      const input = () => (model.layers.length === 0 ? { inputShape } : {});
      for (const layer of spec.layers) {
        if (layer.type === 'conv') {
          model.add(tf.layers.conv2d({ filters: layer.filters, kernelSize: layer.kernel, padding: 'same', activation: layer.activation, kernelInitializer: init(), ...input() }));
        } else if (layer.type === 'maxpool') {
          model.add(tf.layers.maxPooling2d({ poolSize: layer.size, ...input() }));
        } else if (layer.type === 'batchnorm') {
          // Momentum 0.9 (PyTorch's default) instead of Keras' 0.99: with the few hundred steps a browser run
          // takes, 0.99 leaves the inference statistics far behind and validation collapses.
          model.add(tf.layers.batchNormalization({ momentum: 0.9, ...input() }));
        } else if (layer.type === 'dropout') {
          model.add(tf.layers.dropout({ rate: layer.rate, ...input() }));
        } else {
          if (!flattened) {
            model.add(tf.layers.flatten({ ...input() }));
            flattened = true;
          }
          model.add(dense(layer.units, layer.activation, false));
        }
      }
      if (!flattened) model.add(tf.layers.flatten({ ...input() }));
      model.add(dense(classCount, head, false));
      break;
    }
  }
  return model;
}

/** The kernels an L2 penalty applies to (not biases, not batch-norm parameters). */
export function penalizedWeights(model: tf.LayersModel): tf.LayerVariable[] {
  return model.layers.flatMap((layer) => layer.trainableWeights.filter((w) => /kernel/.test(w.originalName)));
}
