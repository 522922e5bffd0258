/** Documents for notebook tests: a real v1 document (made by the app before v2) and helpers. */
import v1BreastCancer from '../fixtures/v1-breast-cancer.json';
import type { EmbeddedModel, NotebookDocument } from '../document';
import { validateNotebook } from '../validate';
import { bytesToBase64 } from '../share/base64';

/** A fresh deep copy of the v1 fixture, as JSON.parse would give it. */
export function v1Document(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v1BreastCancer)) as Record<string, unknown>;
}

/** The v1 fixture migrated and validated: a current document with real results. */
export function currentDocument(): NotebookDocument {
  const checked = validateNotebook(v1Document());
  if (!checked.ok) throw new Error(checked.message);
  return checked.value;
}

/** A tiny logistic-regression model (30 inputs → 2 classes) matching the fixture's results. */
export function tinyModel(resultsFinishedAt: string, inputs = 30): EmbeddedModel {
  const weights = new Float32Array(inputs * 2 + 2).map((_, i) => (i % 7) / 10 - 0.3);
  return {
    resultsFinishedAt,
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'tau_logreg',
        layers: [
          {
            class_name: 'Dense',
            config: { name: 'dense_Dense1', units: 2, activation: 'softmax', batch_input_shape: [null, inputs], kernel_initializer: { class_name: 'GlorotUniform', config: { seed: 1 } } },
          },
        ],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightSpecs: [
      { name: 'dense_Dense1/kernel', shape: [inputs, 2], dtype: 'float32' },
      { name: 'dense_Dense1/bias', shape: [2], dtype: 'float32' },
    ],
    weightsBase64: bytesToBase64(new Uint8Array(weights.buffer)),
    exampleShape: [inputs],
    classes: ['benign', 'malignant'],
    preprocessing: null,
  };
}
