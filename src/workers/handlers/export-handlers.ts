import { DataError } from '../../lib/errors';
import type { ExportCalls } from '../../export/calls';
import { modelInfo, newModelId, setExtras } from '../../export/model-extras';
import { metricsFile } from '../../export/metrics-file';
import { readBundle } from '../../export/read-bundle';
import { allSavedRecords, deleteSavedRecord, getSavedRecord, putSavedRecord, savedArtifacts, savedEntry, savedModelUrl } from '../../export/saved-models';
import { writeBundleZip } from '../../export/write-bundle';
import { extrasFor, readyRuntime, requireModel, setTrained, workerState, type Handlers } from '../worker-state';

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
