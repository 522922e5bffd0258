import * as tf from '@tensorflow/tfjs';
import { DataError } from '../lib/errors';
import type { ModelArtifacts } from '../export/model-artifacts';
import type { TrainedModel } from './training-job';

const BYTES_PER_VALUE = 4;

/** Serializes a trained model exactly as model.json + weights would hold it. */
export async function toArtifacts(trained: TrainedModel): Promise<ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | null = null;
  await trained.model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = saved as tf.io.ModelArtifacts | null;
  if (!artifacts?.modelTopology || !artifacts.weightSpecs || !artifacts.weightData) {
    throw new Error('TensorFlow.js returned incomplete model artifacts');
  }
  const weightData = artifacts.weightData instanceof ArrayBuffer ? artifacts.weightData : tf.io.concatenateArrayBuffers(artifacts.weightData);
  return {
    format: 'tau-model',
    version: 1,
    modelTopology: artifacts.modelTopology as object,
    weightSpecs: artifacts.weightSpecs.map((w) => ({ name: w.name, shape: [...w.shape], dtype: w.dtype })),
    weightData,
    exampleShape: trained.exampleShape,
    classes: trained.classes,
    preprocessing: trained.preprocessing,
    ...(trained.image ? { image: trained.image } : {}),
  };
}

/** Checks sizes before TensorFlow.js sees the data, so a broken bundle gets a clear message. */
export function checkArtifacts(artifacts: ModelArtifacts): void {
  const expected = artifacts.weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1) * BYTES_PER_VALUE, 0);
  if (artifacts.weightData.byteLength !== expected) {
    throw new DataError(
      'model_weights_mismatch',
      `The model's weights are ${artifacts.weightData.byteLength} bytes but its manifest describes ${expected} bytes. The weights file is truncated or belongs to another model.`,
    );
  }
  if (artifacts.classes.length < 2) throw new DataError('model_invalid', 'The model lists fewer than two classes.');
}

/** Rebuilds a usable model; checks that its input and output shapes match the stated example shape and classes. */
export async function fromArtifacts(artifacts: ModelArtifacts): Promise<TrainedModel> {
  checkArtifacts(artifacts);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs, weightData: artifacts.weightData }));
  } catch (error) {
    throw new DataError('model_invalid', `The model could not be loaded: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const input = model.inputs[0]?.shape.slice(1) ?? [];
  const output = model.outputs[0]?.shape[1];
  if (input.join('x') !== artifacts.exampleShape.join('x')) {
    model.dispose();
    throw new DataError('model_shape_mismatch', `The model expects inputs of shape [${input.join(', ')}] but the bundle says [${artifacts.exampleShape.join(', ')}].`);
  }
  if (output !== artifacts.classes.length) {
    model.dispose();
    throw new DataError('model_shape_mismatch', `The model predicts ${output} classes but the bundle names ${artifacts.classes.length}.`);
  }
  return {
    model,
    preprocessing: artifacts.preprocessing,
    exampleShape: artifacts.exampleShape,
    classes: artifacts.classes,
    ...(artifacts.image ? { image: artifacts.image } : {}),
  };
}
