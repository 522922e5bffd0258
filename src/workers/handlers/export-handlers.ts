import { DataError } from '../../lib/errors';
import type { ModelArtifacts } from '../../export/model-artifacts';
import type { ExportCalls, ModelContext } from '../../export/calls';
import { getExtras, modelInfo, newModelId, setExtras, type ModelExtras } from '../../export/model-extras';
import { metricsFile } from '../../export/metrics-file';
import { readBundle } from '../../export/read-bundle';
import { allSavedRecords, deleteSavedRecord, getSavedRecord, putSavedRecord, savedEntry, savedModelUrl } from '../../export/saved-models';
import { writeBundleZip } from '../../export/write-bundle';
import { referenceFromTable } from '../../predict/reference-from-table';
import type { TrainedModel } from '../../train/training-job';
import { loadRuntime, setTrained, workerState, type Handlers } from '../worker-state';

export function requireModel(): TrainedModel {
  const trained = workerState.trained;
  if (!trained) throw new DataError('no_model', 'There is no model yet. Train one, import a model bundle, or open a model saved in this browser.');
  return trained;
}

/** The extras of the current model; a model trained here gets them from the page's context on first use. */
export function extrasFor(trained: TrainedModel, context: ModelContext | null): ModelExtras {
  const extras = getExtras(trained) ?? setExtras(trained, { id: newModelId(), source: 'trained', name: context?.name || 'Model trained in this notebook', reference: null, metrics: null, notes: [], referenceTried: false });
  if (extras.source !== 'trained' || !context) return extras;
  if (context.metrics?.evaluation) extras.metrics = context.metrics;
  if (context.name) extras.name = context.name;
  const dataset = workerState.dataset;
  if (!extras.referenceTried && trained.preprocessing && context.prepare && dataset && dataset.summary.id === context.datasetId) {
    extras.referenceTried = true;
    try {
      extras.reference = referenceFromTable(dataset.table, dataset.profiles, context.prepare, trained.preprocessing);
    } catch (error) {
      // Drift checks then use the fitted ranges only; the reason goes to the console for whoever debugs it.
      console.warn('Training statistics for drift checks could not be computed.', error);
    }
  }
  return extras;
}

/** TensorFlow.js with a backend ready: the one training chose, else its best available (first use after an import). */
export async function readyRuntime() {
  const rt = await loadRuntime();
  await rt.tf.ready();
  return rt;
}

function fileStem(name: string): string {
  const stem = name.replace(/\.[a-z0-9]+$/i, '').replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return stem || 'model';
}

async function listSaved() {
  const rt = await readyRuntime();
  const [records, stored] = await Promise.all([allSavedRecords(), rt.tf.io.listModels()]);
  return records.sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1)).map((r) => savedEntry(r, Object.hasOwn(stored, savedModelUrl(r.id))));
}

export const exportHandlers: Handlers<ExportCalls> = {
  async 'model-info'(context) {
    const trained = workerState.trained;
    if (!trained) return null;
    return modelInfo(trained, extrasFor(trained, context));
  },

  async 'export-bundle'(context) {
    const trained = requireModel();
    const extras = extrasFor(trained, context);
    const rt = await readyRuntime();
    const { toArtifacts } = await import('../../train/model-io');
    const artifacts = await toArtifacts(trained);
    const metrics = { ...(extras.metrics ?? metricsFile(null)), exportedAt: new Date().toISOString() };
    const zip = writeBundleZip({ artifacts, metrics, reference: extras.reference, generatedBy: `TensorFlow.js tfjs-layers v${rt.tf.version['tfjs-layers']}`, title: extras.name });
    return { zip: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), fileName: `${fileStem(extras.name)}.zip`, bytes: zip.byteLength };
  },

  async 'save-model-browser'(context) {
    const trained = requireModel();
    const extras = extrasFor(trained, context);
    await readyRuntime();
    const id = `tau-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      await trained.model.save(savedModelUrl(id));
    } catch (error) {
      throw new DataError('save_failed', `The browser refused to store the model (${error instanceof Error ? error.message : String(error)}). Free some disk space or allow site storage, or download the model instead.`);
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
      throw new DataError('saved_model_missing', `The weights of "${record.name}" could not be read from this browser (${error instanceof Error ? error.message : String(error)}). Delete it from the list and save or import it again.`);
    }
    if (!stored.modelTopology || !stored.weightSpecs || !stored.weightData) throw new DataError('saved_model_missing', `The stored copy of "${record.name}" is incomplete. Delete it and save it again.`);
    const artifacts: ModelArtifacts = {
      format: 'tau-model',
      version: 1,
      modelTopology: stored.modelTopology as object,
      weightSpecs: stored.weightSpecs.map((w: { name: string; shape: number[]; dtype: ModelArtifacts['weightSpecs'][number]['dtype'] }) => ({ name: w.name, shape: [...w.shape], dtype: w.dtype })),
      weightData: stored.weightData instanceof ArrayBuffer ? stored.weightData : rt.tf.io.concatenateArrayBuffers(stored.weightData),
      exampleShape: record.exampleShape,
      classes: record.classes,
      preprocessing: record.preprocessing,
      ...(record.image ? { image: record.image } : {}),
    };
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
