import type { ExportOptions } from '../export/calls';
import type { QuantizationReport } from '../export/quantize-evaluate';
import { useStudio } from '../store/studio-store';
import type { BatchPrediction } from '../predict/batch';
import { downloadBlob } from '../lib/download';
import { fail, type AutomationResult } from './result';
import { sleep } from '../lib/yield';

/** Waits until `busy()` has been true (the input's change event started the work) and is false again. */
async function settle(busy: () => boolean, done: () => boolean, what: string): Promise<AutomationResult<null>> {
  const started = Date.now();
  while (!busy() && !done()) {
    if (Date.now() - started > 5000) return fail('no_file', `No ${what} was given to the app.`);
    await sleep(25);
  }
  while (busy()) await sleep(25);
  return { ok: true, value: null };
}

/** `tau predict` JSON: a contract other tools read — extend, never rename. Class names are user strings: Object.fromEntries keeps "__proto__" a plain key. */
function regressionOutput(batch: BatchPrediction, regression: NonNullable<BatchPrediction['regression']>, withPredictions: boolean) {
  const band = regression.interval;
  const predictions = withPredictions
    ? Array.from(regression.values, (v, r) =>
        Number.isNaN(v) ? { row: r + 1, value: null } : { row: r + 1, value: v, ...(band ? { interval: { lower: v + band.lower, upper: v + band.upper } } : {}) },
      )
    : undefined;
  return {
    task: 'regression' as const,
    rows: batch.rows,
    predicted: batch.rows - batch.invalidCount,
    ...(band ? { intervalLevel: band.level } : {}),
    ...(predictions ? { predictions } : {}),
    ...(regression.errors ? { metrics: regression.errors } : {}),
    ...batchFacts(batch),
  };
}

/** What every batch prediction reports besides its predictions: rows refused and why, drift, time, inference path. */
function batchFacts(batch: BatchPrediction) {
  return {
    invalidRows: batch.invalidRows,
    invalidCount: batch.invalidCount,
    ignoredColumns: batch.ignoredColumns,
    drift: batch.drift,
    seconds: batch.seconds,
    ...(batch.inference ? { inference: batch.inference } : {}),
  };
}

function batchOutput(batch: BatchPrediction, withPredictions: boolean) {
  if (batch.regression) return regressionOutput(batch, batch.regression, withPredictions);
  const k = batch.classes.length;
  const predictions = withPredictions
    ? Array.from({ length: batch.rows }, (_, r) => {
        const label = batch.labels[r];
        return label < 0
          ? { row: r + 1, label: null, probabilities: null }
          : { row: r + 1, label: batch.classes[label], probabilities: Object.fromEntries(batch.classes.map((c, i) => [c, batch.probabilities[r * k + i]])) };
      })
    : undefined;
  return {
    rows: batch.rows,
    predicted: batch.rows - batch.invalidCount,
    classes: batch.classes,
    ...(predictions ? { predictions } : {}),
    ...(batch.accuracy ? { accuracy: batch.accuracy.accuracy, accuracyDetail: batch.accuracy } : {}),
    ...batchFacts(batch),
  };
}

export const predictAutomation = {
  /** What the "Download model (.zip)" button does: the bundle of the current model, downloaded. */
  async exportModel(options: ExportOptions = {}): Promise<AutomationResult<{ fileName: string; quantization?: QuantizationReport }>> {
    const store = useStudio.getState();
    if (!(await store.refreshModel())) return fail('no_model', 'There is no trained model to export.');
    const bundle = await useStudio.getState().exportModel(options);
    const { modelError } = useStudio.getState();
    if (!bundle) return fail(modelError?.code ?? 'export_failed', modelError?.message ?? 'The model could not be exported.');
    downloadBlob(bundle.zip, bundle.fileName);
    return { ok: true, value: { fileName: bundle.fileName, ...(bundle.quantization ? { quantization: bundle.quantization } : {}) } };
  },

  /** Waits for the import started by the model file input; returns what was imported. */
  async waitForModelImport(): Promise<AutomationResult<{ name: string; classes: string[]; kind: 'tabular' | 'image'; notes: string[] }>> {
    const waited = await settle(
      () => useStudio.getState().modelTask === 'import',
      () => Boolean(useStudio.getState().currentModel || useStudio.getState().modelError),
      'model file',
    );
    if (!waited.ok) return waited;
    const { currentModel, modelError } = useStudio.getState();
    if (modelError) return fail(modelError.code, modelError.message);
    if (!currentModel) return fail('no_model', 'The model was not imported.');
    return { ok: true, value: { name: currentModel.name, classes: currentModel.classes, kind: currentModel.image ? 'image' : 'tabular', notes: currentModel.notes } };
  },

  /** Waits for the batch started by the CSV input; returns the runner JSON as text (keys stay data) and, if asked, the CSV. */
  async waitForBatch(options: { withPredictions: boolean; withCsv: boolean }): Promise<AutomationResult<{ json: string; csv: string | null }>> {
    const waited = await settle(
      () => useStudio.getState().batchLoading !== null,
      () => Boolean(useStudio.getState().batch || useStudio.getState().batchError),
      'CSV file',
    );
    if (!waited.ok) return waited;
    const { batch, batchError } = useStudio.getState();
    if (batchError) return fail(batchError.code, batchError.message);
    if (!batch) return fail('no_predictions', 'No predictions were made.');
    return { ok: true, value: { json: JSON.stringify(batchOutput(batch, options.withPredictions)), csv: options.withCsv ? await batch.csv.text() : null } };
  },

  /** Waits for the images started by the image input; returns the runner JSON as text. */
  async waitForImages(): Promise<AutomationResult<{ json: string }>> {
    const waited = await settle(
      () => useStudio.getState().imagesLoading,
      () => Boolean(useStudio.getState().imagePredictions || useStudio.getState().imagesError),
      'image',
    );
    if (!waited.ok) return waited;
    const { imagePredictions, imagesError, currentModel } = useStudio.getState();
    if (imagesError) return fail(imagesError.code, imagesError.message);
    const classes = currentModel?.classes ?? [];
    const predictions = (imagePredictions ?? []).map((p) => ({
      file: p.name,
      label: p.label,
      probabilities: p.probabilities ? Object.fromEntries(classes.map((c, i) => [c, p.probabilities?.[i] ?? 0])) : null,
      ...(p.error ? { error: p.error } : {}),
    }));
    return { ok: true, value: { json: JSON.stringify({ rows: predictions.length, predictions }) } };
  },
};
