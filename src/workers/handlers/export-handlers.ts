import { DataError } from '../../lib/errors';
import type { ExportCalls } from '../../export/calls';
import { modelInfo, newModelId, setExtras } from '../../export/model-extras';
import { metricsFile } from '../../export/metrics-file';
import { readBundle } from '../../export/read-bundle';
import { loadsSettled } from '../load-precedence';
import { allSavedRecords, deleteSavedRecord, getSavedRecord, putSavedRecord, savedArtifacts, savedEntry, savedModelUrl } from '../../export/saved-models';
import { writeBundleZip, writePytorchZip, type BundleInput } from '../../export/write-bundle';
import { quantizationSizes, withTestMetrics, type QuantizationReport } from '../../export/quantize-evaluate';
import type { QuantizeDtype } from '../../export/quantize';
import type { ModelContext } from '../../export/calls';
import type { ModelExtras } from '../../export/model-extras';
import { prepareTable } from '../../preprocess/prepare';
import type { TrainedModel } from '../../train/training-job';
import { extrasFor, readyRuntime, requireModel, setTrained, workerState, type Handlers } from '../worker-state';

function fileStem(name: string): string {
  const stem = name
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[^a-zA-Z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || 'model';
}

async function listSaved() {
  const records = await allSavedRecords();
  // Nothing saved (a fresh browser): no need for TensorFlow.js's own store, so the page's start-up call does
  // not load TensorFlow.js (and start a backend) beside the first data load.
  if (records.length === 0) return [];
  // A start-up call: a data load running now goes first (load-precedence.ts).
  await loadsSettled();
  const rt = await readyRuntime();
  const stored = await rt.tf.io.listModels();
  return records.sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1)).map((r) => savedEntry(r, Object.hasOwn(stored, savedModelUrl(r.id))));
}

async function bundleInput(trained: TrainedModel, extras: ModelExtras): Promise<BundleInput> {
  const rt = await readyRuntime();
  const { toArtifacts } = await import('../../train/model-io');
  const artifacts = await toArtifacts(trained);
  const metrics = { ...(extras.metrics ?? metricsFile(null)), exportedAt: new Date().toISOString() };
  return { artifacts, metrics, reference: extras.reference, generatedBy: `TensorFlow.js tfjs-layers v${rt.tf.version['tfjs-layers']}`, title: extras.name };
}

function pytorchZip(input: BundleInput): Uint8Array {
  try {
    return writePytorchZip(input);
  } catch (error) {
    if (error instanceof Error && error.name === 'UnsupportedLayerError') throw new DataError('pytorch_unsupported', `${error.message} Download the TensorFlow.js bundle instead.`);
    throw error;
  }
}

/**
 * Sizes of the quantized bundle and, for a table model trained here on the loaded data, the test-split
 * accuracy and macro-F1 with float32 and with quantized weights (the same split training evaluated on).
 */
async function measureQuantization(trained: TrainedModel, context: ModelContext, input: BundleInput, dtype: QuantizeDtype): Promise<QuantizationReport> {
  const report = quantizationSizes(input, dtype);
  const dataset = workerState.dataset;
  if (!trained.preprocessing || !context.prepare || !dataset || dataset.summary.id !== context.datasetId) {
    return { ...report, testNote: 'The test metrics are measured for table models trained on the loaded data; this model has no test split here.' };
  }
  const prepared = prepareTable(dataset.table, dataset.profiles, context.prepare);
  if (prepared.fitted.inputSize !== trained.exampleShape[0] || prepared.fitted.target.classes.join('\u0000') !== trained.classes.join('\u0000')) {
    return { ...report, testNote: 'The loaded data no longer matches the model, so its test split could not be rebuilt.' };
  }
  const rows = prepared.split.test;
  const yTrue = Int32Array.from(rows, (r) => prepared.labels[r]);
  const { fromArtifacts } = await import('../../train/model-io');
  const { predictProbabilities } = await import('../../models/predict-probabilities');
  const { evaluateTestSplit } = await import('../../train/test-evaluation');
  return withTestMetrics(report, input.artifacts, rows.length, async (artifacts) => {
    const model = artifacts ? (await fromArtifacts(artifacts)).model : trained.model;
    try {
      const metrics = evaluateTestSplit(await predictProbabilities(model, prepared.features, trained.exampleShape, rows), yTrue, trained.classes);
      return { accuracy: metrics.accuracy, macroF1: metrics.macroF1 };
    } finally {
      if (model !== trained.model) model.dispose();
    }
  });
}

export const exportHandlers: Handlers<ExportCalls> = {
  /** A model trained here is answered without metrics: the page holds them (and adds them); see withPageMetrics. */
  async 'model-info'(context) {
    const trained = workerState.trained;
    if (!trained) return null;
    const info = modelInfo(trained, extrasFor(trained, context));
    return info.source === 'trained' ? { ...info, metrics: null } : info;
  },

  async 'export-bundle'(context) {
    const trained = requireModel();
    const extras = extrasFor(trained, context);
    const input = await bundleInput(trained, extras);
    if (context.format === 'pytorch') {
      const zip = pytorchZip(input);
      return { zip: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), fileName: `${fileStem(extras.name)}-pytorch.zip`, bytes: zip.byteLength };
    }
    let quantization: QuantizationReport | undefined;
    if (context.quantize) {
      quantization = await measureQuantization(trained, context, input, context.quantize);
      input.metrics = { ...input.metrics, quantization };
    }
    const zip = writeBundleZip({ ...input, quantize: context.quantize });
    return {
      zip: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
      fileName: `${fileStem(extras.name)}${context.quantize ? `-${context.quantize}` : ''}.zip`,
      bytes: zip.byteLength,
      ...(quantization ? { quantization } : {}),
    };
  },

  async 'quantize-preview'(context) {
    const trained = requireModel();
    const input = await bundleInput(trained, extrasFor(trained, context));
    const reports: QuantizationReport[] = [];
    for (const dtype of ['float16', 'uint8'] as const) reports.push(await measureQuantization(trained, context, input, dtype));
    return reports;
  },

  async 'save-model-browser'(context) {
    const trained = requireModel();
    const extras = extrasFor(trained, context);
    await readyRuntime();
    const id = `tau-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      await trained.model.save(savedModelUrl(id));
    } catch (error) {
      throw new DataError(
        'save_failed',
        `The browser refused to store the model (${error instanceof Error ? error.message : String(error)}). Free some disk space or allow site storage, or download the model instead.`,
      );
    }
    await putSavedRecord({
      id,
      name: context.label.trim() || extras.name,
      savedAt: new Date().toISOString(),
      classes: trained.classes,
      exampleShape: trained.exampleShape,
      parameters: trained.model.countParams(),
      preprocessing: trained.preprocessing,
      image: trained.image ?? null,
      reference: extras.reference,
      metrics: extras.metrics,
    });
    return listSaved();
  },

  async 'list-saved-models'() {
    return listSaved();
  },

  async 'open-saved-model'({ id }) {
    const record = await getSavedRecord(id);
    if (!record) throw new DataError('saved_model_missing', 'That saved model is no longer in this browser. Refresh the list.');
    const rt = await readyRuntime();
    let stored;
    try {
      const [handler] = rt.tf.io.getLoadHandlers(savedModelUrl(id));
      if (!handler?.load) throw new Error('no IndexedDB model store in this browser');
      stored = await handler.load();
    } catch (error) {
      throw new DataError(
        'saved_model_missing',
        `The weights of "${record.name}" could not be read from this browser (${error instanceof Error ? error.message : String(error)}). Delete it from the list and save or import it again.`,
      );
    }
    const artifacts = savedArtifacts(record, stored);
    const { fromArtifacts } = await import('../../train/model-io');
    const trained = await fromArtifacts(artifacts);
    setTrained(trained);
    const extras = setExtras(trained, { id: newModelId(), source: 'browser', name: record.name, reference: record.reference, metrics: record.metrics, notes: [], referenceTried: true });
    return modelInfo(trained, extras);
  },

  async 'delete-saved-model'({ id }) {
    const rt = await readyRuntime();
    const stored = await rt.tf.io.listModels();
    if (Object.hasOwn(stored, savedModelUrl(id))) await rt.tf.io.removeModel(savedModelUrl(id));
    await deleteSavedRecord(id);
    return listSaved();
  },

  async 'import-bundle'({ files }, signal) {
    const bundle = await readBundle(files, signal);
    await readyRuntime();
    const { fromArtifacts } = await import('../../train/model-io');
    // The current model stays until the new one has loaded and passed every check.
    const trained = await fromArtifacts(bundle.artifacts);
    setTrained(trained);
    const name = files.length === 1 ? files[0].name : 'model.json';
    const reference = bundle.preprocessing.kind === 'tabular' ? (bundle.preprocessing.monitoring ?? null) : null;
    const extras = setExtras(trained, { id: newModelId(), source: 'imported', name, reference, metrics: bundle.metrics, notes: bundle.notes, referenceTried: true });
    return modelInfo(trained, extras);
  },
};
