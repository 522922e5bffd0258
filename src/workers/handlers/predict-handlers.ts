import { DataError } from '../../lib/errors';
import { parseCsvBlob } from '../../data/csv/parse-csv';
import { decodeImage } from '../../data/images/decode-image';
import { errorMessage } from '../../lib/errors';
import { recordReader } from '../../preprocess/feature-reader';
import { transformRows } from '../../preprocess/transform';
import { argmaxRows } from '../../evaluate/argmax';
import type { BatchPrediction, ImagePrediction, InferenceNote } from '../../predict/batch';
import type { PredictCalls } from '../../predict/calls';
import { imageToInput } from '../../predict/image-input';
import { predictTable } from '../../predict/predict-table';
import { isRegressionModel, type TrainedModel } from '../../train/training-job';
import { extrasFor, readyRuntime, requireModel, type Handlers } from '../worker-state';

/** The most images classified in one go, and the largest one accepted. */
const MAX_IMAGES = 500;
const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

function requireTableModel(): TrainedModel & { preprocessing: NonNullable<TrainedModel['preprocessing']> } {
  const trained = requireModel();
  if (!trained.preprocessing) throw new DataError('image_model', 'This model classifies images: drop images to classify instead of table rows.');
  return trained as TrainedModel & { preprocessing: NonNullable<TrainedModel['preprocessing']> };
}

/**
 * Table models are tiny dense networks: on them a GPU spends more on dispatch than on math (100,000 rows took
 * 244 s on SwiftShader's WebGPU, 6 s on WebGL here), so table predictions run on WASM (else CPU); image models
 * keep the backend training chose.
 */
async function predictionRuntime(trained: TrainedModel) {
  const rt = await readyRuntime();
  if (trained.image) return rt;
  for (const backend of ['wasm', 'cpu'] as const) {
    try {
      await rt.activateBackend(backend);
      return rt;
    } catch (error) {
      console.warn(`Predicting without ${backend}:`, error);
    }
  }
  return rt;
}

/** Probabilities for `rows` of `features` (or all rows), read back from the device once. */
async function probabilitiesOf(trained: TrainedModel, features: Float32Array, rows?: Int32Array): Promise<Float32Array> {
  await predictionRuntime(trained);
  const { predictProbabilities } = await import('../../models/predict-probabilities');
  return predictProbabilities(trained.model, features, trained.exampleShape, rows);
}

export const predictHandlers: Handlers<PredictCalls> = {
  async 'predict-record'({ values }) {
    const trained = requireTableModel();
    const record = new Map<string, string | number | null>(values);
    const { features, problems } = transformRows(trained.preprocessing, recordReader([record]), [0]);
    if (problems.length > 0) return { label: null, probabilities: null, problem: { column: problems[0].column, message: problems[0].message } };
    if (isRegressionModel(trained)) {
      const value = (await probabilitiesOf(trained, features))[0];
      const band = trained.preprocessing.target.interval;
      return { label: null, probabilities: null, value, ...(band ? { interval: { level: band.level, lower: value + band.lower, upper: value + band.upper } } : {}), problem: null };
    }
    const probabilities = Array.from(await probabilitiesOf(trained, features));
    return { label: trained.classes[argmaxRows(probabilities, trained.classes.length)[0]], probabilities, problem: null };
  },

  async 'predict-csv'({ file, name, precision }, signal) {
    const started = performance.now();
    const trained = requireTableModel();
    const parsed = await parseCsvBlob(file, { fileName: name, signal });
    const extras = extrasFor(trained, null);
    const model = { classes: trained.classes, preprocessing: trained.preprocessing, reference: extras.reference };
    let inference: InferenceNote | undefined;
    const prediction = await predictTable(model, parsed.table, parsed.header, name, async (features, rows) => {
      if (precision && precision !== 'float32') {
        // Opt-in: the WebGPU dense kernel (float16 where the adapter has shader-f16); otherwise says why not.
        await readyRuntime();
        const { shaderProbabilities } = await import('../../runtime/webgpu-f16/predict');
        const shader = await shaderProbabilities(trained.model, trained.exampleShape[0], features, rows, precision);
        inference = shader.note;
        if (shader.values) return shader.values;
      }
      return probabilitiesOf(trained, features, rows);
    });
    const result: BatchPrediction = { ...prediction, seconds: (performance.now() - started) / 1000, ...(inference ? { inference } : {}) };
    return result;
  },

  async 'predict-images'({ files }, signal) {
    const trained = requireModel();
    const image = trained.image;
    if (!image) throw new DataError('table_model', 'This model predicts from table columns, not images: use the form or a CSV file.');
    if (files.length > MAX_IMAGES) throw new DataError('too_many_images', `${files.length} images were dropped; classify at most ${MAX_IMAGES} at a time.`);
    const size = image.width * image.height * image.channels;
    const inputs: Float32Array[] = [];
    const results: ImagePrediction[] = [];
    const slots: number[] = [];
    for (const file of files) {
      signal.throwIfAborted();
      if (file.blob.size > MAX_IMAGE_BYTES) {
        results.push({ name: file.name, label: null, probabilities: null, error: `${file.name} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB.` });
        continue;
      }
      try {
        const decoded = await decodeImage(new Uint8Array(await file.blob.arrayBuffer()), file.name);
        inputs.push(imageToInput(decoded.rgba, decoded.width, decoded.height, image));
        slots.push(results.length);
        results.push({ name: file.name, label: null, probabilities: null, error: null });
      } catch (error) {
        results.push({ name: file.name, label: null, probabilities: null, error: errorMessage(error) });
      }
    }
    if (inputs.length === 0) return results;
    const features = new Float32Array(inputs.length * size);
    inputs.forEach((x, i) => features.set(x, i * size));
    const k = trained.classes.length;
    const probabilities = await probabilitiesOf(trained, features);
    const labels = argmaxRows(probabilities, k);
    slots.forEach((slot, i) => {
      results[slot] = { ...results[slot], label: trained.classes[labels[i]], probabilities: Array.from(probabilities.subarray(i * k, (i + 1) * k)) };
    });
    return results;
  },
};
