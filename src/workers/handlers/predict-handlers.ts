import { DataError } from '../../data/csv/errors';
import { parseCsvBlob } from '../../data/csv/parse-csv';
import { decodeImage } from '../../data/images/decode-image';
import { errorMessage } from '../../data/images/errors';
import { tableRows } from '../../data/table';
import { recordReader, tableReader } from '../../preprocess/feature-reader';
import { transformRows } from '../../preprocess/transform';
import { argmaxRows } from '../../evaluate/argmax';
import { batchAccuracy, batchRegressionErrors, MAX_LISTED_INVALID, PREVIEW_ROWS, type BatchPrediction, type ImagePrediction } from '../../predict/batch';
import type { PredictCalls } from '../../predict/calls';
import { driftReport } from '../../predict/drift';
import { imageToInput } from '../../predict/image-input';
import { predictionsCsv, regressionPredictionsCsv } from '../../predict/predictions-csv';
import { isRegressionModel, type TrainedModel } from '../../train/task-job';
import type { Handlers } from '../worker-state';
import { extrasFor, readyRuntime, requireModel } from './export-handlers';

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
  const { predictProbabilities } = await import('../../train/train-loop');
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

  async 'predict-csv'({ file, name }, signal) {
    const started = performance.now();
    const trained = requireTableModel();
    const fitted = trained.preprocessing;
    const parsed = await parseCsvBlob(file, { fileName: name, signal });
    const table = parsed.table;
    const header = parsed.header;
    const missing = fitted.features.map((f) => f.name).filter((n) => !header.includes(n));
    if (missing.length > 0) {
      throw new DataError(
        'predict_missing_columns',
        `${name} lacks ${missing.length === 1 ? 'the column' : `${missing.length} columns`} the model needs: ${missing.slice(0, 10).map((m) => `"${m}"`).join(', ')}${missing.length > 10 ? ', …' : ''}. Its columns are: ${header.slice(0, 20).join(', ')}${header.length > 20 ? ', …' : ''}. Add the missing columns (empty values are filled as at training time) or check the header spelling.`,
      );
    }
    const reader = tableReader(table);
    const all = Int32Array.from({ length: table.rowCount }, (_, i) => i);
    const { features, problems } = transformRows(fitted, reader, all);
    const problemByRow = new Map(problems.map((p) => [p.row, `${p.column}: ${p.message}`]));
    const valid = all.filter((r) => !problemByRow.has(r));
    const target = fitted.target.name;
    const used = new Set([...fitted.features.map((f) => f.name), target]);
    const stem = name.replace(/\.[a-z]+$/i, '');
    const extras = extrasFor(trained, null);
    if (isRegressionModel(trained)) {
      const predicted = valid.length > 0 ? await probabilitiesOf(trained, features, valid) : new Float32Array(0);
      const values = new Float32Array(table.rowCount).fill(Number.NaN);
      valid.forEach((row, i) => (values[row] = predicted[i]));
      const interval = fitted.target.interval;
      return {
        fileName: name,
        rows: table.rowCount,
        header,
        classes: [],
        labels: Int32Array.from(values, (v) => (Number.isNaN(v) ? -1 : 0)),
        probabilities: new Float32Array(0),
        invalidRows: problems.slice(0, MAX_LISTED_INVALID).map((p) => ({ row: p.row + 1, column: p.column, message: p.message })),
        invalidCount: problems.length,
        accuracy: null,
        regression: { values, ...(interval ? { interval } : {}), errors: batchRegressionErrors(reader, target, values) },
        ignoredColumns: header.filter((h) => !used.has(h)),
        drift: table.rowCount > 0 ? driftReport(fitted, extras.reference, reader, table.rowCount) : null,
        preview: tableRows(table, 0, PREVIEW_ROWS),
        csv: new Blob([regressionPredictionsCsv(table, target, values, interval, problemByRow)], { type: 'text/csv;charset=utf-8' }),
        csvName: `${stem}-predictions.csv`,
        seconds: (performance.now() - started) / 1000,
      };
    }
    const k = trained.classes.length;
    const validProbabilities = valid.length > 0 ? await probabilitiesOf(trained, features, valid) : new Float32Array(0);
    const validLabels = argmaxRows(validProbabilities, k);
    const labels = new Int32Array(table.rowCount).fill(-1);
    const probabilities = new Float32Array(table.rowCount * k).fill(Number.NaN);
    valid.forEach((row, i) => {
      labels[row] = validLabels[i];
      probabilities.set(validProbabilities.subarray(i * k, (i + 1) * k), row * k);
    });
    const result: BatchPrediction = {
      fileName: name,
      rows: table.rowCount,
      header,
      classes: trained.classes,
      labels,
      probabilities,
      invalidRows: problems.slice(0, MAX_LISTED_INVALID).map((p) => ({ row: p.row + 1, column: p.column, message: p.message })),
      invalidCount: problems.length,
      accuracy: batchAccuracy(reader, target, trained.classes, labels),
      ignoredColumns: header.filter((h) => !used.has(h)),
      drift: table.rowCount > 0 ? driftReport(fitted, extras.reference, reader, table.rowCount) : null,
      preview: tableRows(table, 0, PREVIEW_ROWS),
      csv: new Blob([predictionsCsv(table, target, trained.classes, labels, probabilities, problemByRow)], { type: 'text/csv;charset=utf-8' }),
      csvName: `${stem}-predictions.csv`,
      seconds: (performance.now() - started) / 1000,
    };
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
