import type { ExportOptions, ModelContext, ModelInfo, SavedModelEntry } from '../export/calls';
import type { QuantizationReport } from '../export/quantize-evaluate';
import { metricsFile } from '../export/metrics-file';
import type { WorkerFailure } from '../workers/protocol';
import type { SliceCreator, StudioStore } from './types';
import { failureOf, worker } from './worker-access';
import { formatNumber } from '../i18n/locale';

export type ModelTask = 'export' | 'save' | 'import' | 'open' | 'delete';

export interface ModelsSlice {
  /** The model the worker holds (trained here, imported, or opened from this browser). */
  currentModel: ModelInfo | null;
  modelTask: ModelTask | null;
  modelError: WorkerFailure | null;
  /** What the last import/open/save did, for a polite status line. */
  modelNotice: string | null;
  savedModels: SavedModelEntry[] | null;
  refreshModel(): Promise<ModelInfo | null>;
  /** The bundle .zip of the current model (or its PyTorch project, or a quantized bundle); the caller saves it. */
  exportModel(options?: ExportOptions): Promise<{ zip: Blob; fileName: string; quantization?: QuantizationReport } | null>;
  /** Sizes and test metrics of the float16 and uint8 bundles of the current model. */
  quantizePreview(): Promise<QuantizationReport[] | null>;
  saveModelToBrowser(label: string): Promise<boolean>;
  listSavedModels(): Promise<void>;
  openSavedModel(id: string): Promise<boolean>;
  deleteSavedModel(id: string): Promise<boolean>;
  /** A .zip, or model.json + weights (+ preprocessing.json, metrics.json) picked together. */
  importModel(files: File[]): Promise<boolean>;
}

/**
 * What the page knows about the model it trained (see ModelContext). `withMetrics: false` leaves the metrics
 * out: a `model-info` call does not need them (the page holds them), and for 1,000 classes the confusion
 * matrix alone is a million numbers to copy to the worker and back (~1.5 s of blocked page at start-up).
 */
export function modelContext(state: StudioStore, withMetrics = true): ModelContext {
  const results = state.notebook.results;
  const stem = results ? results.datasetName.replace(/\.[a-z0-9]+$/i, '') : '';
  return {
    datasetId: state.dataset?.id ?? null,
    prepare: results?.prepare ?? null,
    metrics: results && withMetrics ? metricsFile(results) : null,
    name: results ? `${stem}-${results.model.kind}` : '',
  };
}

/**
 * The worker's answer to `model-info`, completed with what the page holds: a model trained here gets the
 * metrics of the notebook's result (the worker answers without them), an imported or opened one keeps its own.
 */
export function withPageMetrics(info: ModelInfo | null, state: StudioStore): ModelInfo | null {
  if (!info || info.source !== 'trained') return info;
  const results = state.notebook.results;
  const file = results ? metricsFile(results) : null;
  return { ...info, metrics: file?.evaluation ? file : null };
}

export const createModelsSlice: SliceCreator<ModelsSlice> = (set, get) => {
  /** Runs one model task; failures become `modelError`, and nothing the user had is changed. */
  async function task<T>(name: ModelTask, work: () => Promise<T>): Promise<T | null> {
    set({ modelTask: name, modelError: null, modelNotice: null });
    try {
      return await work();
    } catch (error) {
      set({ modelError: failureOf(error) });
      return null;
    } finally {
      if (get().modelTask === name) set({ modelTask: null });
    }
  }

  const adopt = (info: ModelInfo | null) => {
    if (info?.id !== get().currentModel?.id) get().resetPredictions();
    set({ currentModel: info });
  };

  return {
    currentModel: null,
    modelTask: null,
    modelError: null,
    modelNotice: null,
    savedModels: null,

    async refreshModel() {
      try {
        const info = withPageMetrics(await worker().call('model-info', modelContext(get(), false)).promise, get());
        adopt(info);
        return info;
      } catch (error) {
        set({ modelError: failureOf(error) });
        return null;
      }
    },

    exportModel: (options = {}) =>
      task('export', async () => {
        const { zip, fileName, bytes, quantization } = await worker().call('export-bundle', { ...modelContext(get()), ...options }).promise;
        set({ modelNotice: `Exported ${fileName} (${(bytes / 1024).toFixed(1)} KB).` });
        return { zip, fileName, ...(quantization ? { quantization } : {}) };
      }),

    quantizePreview: () => task('export', () => worker().call('quantize-preview', modelContext(get())).promise),

    async saveModelToBrowser(label) {
      const saved = await task('save', () => worker().call('save-model-browser', { ...modelContext(get()), label }).promise);
      if (saved) set({ savedModels: saved, modelNotice: `Saved in this browser as "${saved[0]?.name ?? label}".` });
      return saved !== null;
    },

    async listSavedModels() {
      // Not a task: the list loads in the background and must not block (or end) an import.
      try {
        set({ savedModels: await worker().call('list-saved-models', {}).promise });
      } catch (error) {
        set({ modelError: failureOf(error) });
      }
    },

    async openSavedModel(id) {
      const info = await task('open', () => worker().call('open-saved-model', { id }).promise);
      if (info) {
        adopt(info);
        set({ modelNotice: `Opened "${info.name}" from this browser.` });
      }
      return info !== null;
    },

    async deleteSavedModel(id) {
      const saved = await task('delete', () => worker().call('delete-saved-model', { id }).promise);
      if (saved) set({ savedModels: saved, modelNotice: 'Deleted the saved model.' });
      return saved !== null;
    },

    async importModel(files) {
      const info = await task('import', () => worker().call('import-bundle', { files: files.map((f) => ({ name: f.name, blob: f })) }).promise);
      if (info) {
        adopt(info);
        set({ modelNotice: `Imported ${info.name}: ${info.classes.length} classes, ${formatNumber(info.parameters)} parameters.` });
      }
      return info !== null;
    },
  };
};
