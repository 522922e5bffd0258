/**
 * Sharing: notebook links (make, copy, open), the trained weights and small data that travel inside
 * the document, and getting a shared notebook's data back (samples and inline data load by themselves;
 * files are asked for and checked against their SHA-256). Links never run code: they are data,
 * validated before anything reads them, and a bad one never replaces the open notebook.
 */
import { afterResultShown } from './after-result';
import { findSample } from '../data/samples';
import type { DatasetFingerprint } from '../notebook/calls';
import type { DatasetRef, NotebookDocument } from '../notebook/document';
import { artifactsOf, embedModel } from '../notebook/share/embedded-model';
import { heavyPartsOf, type HeavyContent } from '../notebook/share/heavy-parts';
import { EMBED_WEIGHTS_MAX_BYTES, INLINE_DATA_MAX_BYTES } from '../notebook/share/link-format';
import type { ShareNote, SharePlan } from '../notebook/share/share-plan';
import type { WorkerFailure } from '../workers/protocol';
import type { SliceCreator } from './types';
import { failureOf, worker } from './worker-access';

export interface ShareLinkState {
  url: string;
  fragment: string;
  chars: number;
  notes: ShareNote[];
  copied: 'copied' | 'failed';
  copyProblem?: string;
}

export type { HeavyContent };

export interface DatasetCheck {
  state: 'matches' | 'differs' | 'unverified';
  message: string;
}

export interface SharingSlice {
  shareLink: ShareLinkState | null;
  shareError: WorkerFailure | null;
  /** Whether a file given for a shared notebook is the one it was made with. */
  datasetCheck: DatasetCheck | null;
  restoringDataset: boolean;
  /** A link's embedded data or model above the auto-load threshold, waiting for one click. */
  heavyContent: HeavyContent | null;
  /** Loads what heavyContent describes. */
  loadHeavyContent(): Promise<void>;
  /** The trained weights of the current results: their size and whether the notebook holds them. */
  weightsInfo: { finishedAt: string; bytes: number; embedded: boolean } | null;
  /** Async: the link encoder (fflate) loads on the first share, not with the page. */
  makeShareLink(): Promise<SharePlan & { url?: string }>;
  copyShareLink(): Promise<ShareLinkState | null>;
  /**
   * After a notebook opens (called by the notebook session): restores its weights in the worker and reloads
   * data that needs no one's help; from a link, large embedded data or models wait for one click.
   */
  afterOpen(doc: NotebookDocument, options?: { fromLink?: boolean }): Promise<void>;
  /** Loads the notebook's data (a sample, inline data, its address, or `file` the person chose), keeping the stored results. */
  restoreDataset(file?: File): Promise<boolean>;
  startSharingSync(): void;
}

/** One fingerprint per loaded table, shared by everyone who asks. */
const fingerprints = new Map<string, Promise<DatasetFingerprint | null>>();
let syncing = false;

export const createSharingSlice: SliceCreator<SharingSlice> = (set, get, api) => {
  const fingerprint = (datasetId: string) => {
    let pending = fingerprints.get(datasetId);
    if (!pending) {
      pending = worker().call('dataset-fingerprint', { datasetId, inlineMaxBytes: INLINE_DATA_MAX_BYTES }).promise;
      fingerprints.clear();
      fingerprints.set(datasetId, pending);
    }
    return pending;
  };

  /** Records the loaded file's SHA-256 (and its text when small) in the notebook's dataset reference. */
  async function recordFingerprint(datasetId: string): Promise<void> {
    if (get().notebook.dataset?.kind !== 'file') return;
    let fp: DatasetFingerprint | null;
    try {
      fp = await fingerprint(datasetId);
    } catch (error) {
      console.error('Could not fingerprint the loaded file', failureOf(error));
      return;
    }
    if (!fp || get().dataset?.id !== datasetId) return;
    const current = get().notebook.dataset;
    if (current?.kind !== 'file') return;
    const next: DatasetRef = { kind: 'file', name: fp.name, bytes: fp.bytes, ...(fp.sha256 ? { sha256: fp.sha256 } : {}), ...(fp.text !== null ? { inline: fp.text } : {}) };
    if (current.sha256 === fp.sha256 && current.name === fp.name && current.inline === (fp.text ?? undefined)) return;
    get().updateNotebook((doc) => (doc.dataset?.kind === 'file' ? { ...doc, dataset: next } : doc));
  }

  /** Puts the trained weights of fresh results into the notebook when they are small enough. */
  async function recordWeights(): Promise<void> {
    const { results, trainedModel } = get().notebook;
    if (!results) return;
    if (trainedModel?.resultsFinishedAt === results.finishedAt || get().weightsInfo?.finishedAt === results.finishedAt) return;
    // Only a run finished in this page (backendInUse is cleared when a notebook opens) has its model in the worker.
    if (!get().backendInUse) return;
    let artifacts;
    const startedAt = performance.now();
    try {
      artifacts = await worker().call('model-artifacts', {}).promise;
    } catch (error) {
      console.error('Could not read the trained weights', failureOf(error));
      return;
    }
    if (!artifacts || get().notebook.results?.finishedAt !== results.finishedAt) return;
    if (artifacts.classes.join('\u0000') !== results.classes.join('\u0000')) return;
    const bytes = artifacts.weightData.byteLength;
    const embedded = bytes <= EMBED_WEIGHTS_MAX_BYTES;
    set({ weightsInfo: { finishedAt: results.finishedAt, bytes, embedded } });
    if (embedded) {
      const model = embedModel(artifacts, results.finishedAt);
      get().updateNotebook((doc) => (doc.results?.finishedAt === results.finishedAt ? { ...doc, trainedModel: model } : doc));
    }
    performance.measure('tau:record-weights', { start: startedAt });
  }

  async function restoreWeights(doc: NotebookDocument): Promise<void> {
    try {
      if (doc.trainedModel && doc.results) {
        await worker().call('load-model', artifactsOf(doc.trainedModel)).promise;
        const bytes = Math.floor((doc.trainedModel.weightsBase64.length * 3) / 4);
        set({ weightsInfo: { finishedAt: doc.results.finishedAt, bytes, embedded: true } });
      } else if (!get().currentModel || get().currentModel?.source === 'trained') {
        // A model imported or opened on purpose stays; the previous notebook's trained model goes.
        await worker().call('forget-model', {}).promise;
      }
      await get().refreshModel();
    } catch (error) {
      get().setNotebookNotice({
        kind: 'warning',
        message: `The trained model stored in this notebook could not be loaded (${failureOf(error).message}). Its results are shown; retrain to predict or export.`,
      });
    }
  }

  return {
    shareLink: null,
    shareError: null,
    datasetCheck: null,
    restoringDataset: false,
    weightsInfo: null,
    heavyContent: null,

    async loadHeavyContent() {
      const heavy = get().heavyContent;
      const doc = get().notebook;
      if (!heavy || heavy.notebookId !== doc.id) return;
      set({ heavyContent: null });
      if (heavy.model) await restoreWeights(doc);
      if (heavy.data) await get().restoreDataset();
    },

    async makeShareLink() {
      const { planShareLink } = await import('../notebook/share/share-plan');
      const { notebook, weightsInfo } = get();
      const plan = planShareLink(notebook, { weightBytes: weightsInfo?.finishedAt === notebook.results?.finishedAt ? (weightsInfo?.bytes ?? null) : null });
      if (!plan.ok) return plan;
      return { ...plan, url: `${location.origin}${location.pathname}#${plan.link.fragment}` };
    },

    async copyShareLink() {
      await get().flushSave();
      const plan = await get().makeShareLink();
      if (!plan.ok || !plan.url) {
        set({ shareError: plan.ok ? null : { code: plan.code, message: plan.message }, shareLink: null });
        return null;
      }
      const state: ShareLinkState = { url: plan.url, fragment: plan.link.fragment, chars: plan.url.length, notes: plan.notes, copied: 'copied' };
      try {
        await navigator.clipboard.writeText(plan.url);
      } catch (error) {
        state.copied = 'failed';
        state.copyProblem = `The browser did not allow copying (${error instanceof Error ? error.message : String(error)}); select the link below and copy it.`;
      }
      set({ shareLink: state, shareError: null });
      return state;
    },

    async afterOpen(doc, { fromLink = false } = {}) {
      // Nothing heavy starts by itself from a link: large embedded data or models wait for one click.
      const heavy = fromLink ? heavyPartsOf(doc) : null;
      set({ weightsInfo: null, datasetCheck: null, shareLink: null, shareError: null, heavyContent: heavy });
      if (!heavy?.model) await restoreWeights(doc);
      const ref = doc.dataset;
      if (heavy?.data) return;
      if (ref && (ref.kind === 'sample' || (ref.kind === 'file' && ref.inline !== undefined)) && get().notebook.id === doc.id) await get().restoreDataset();
    },

    async restoreDataset(file) {
      const doc = get().notebook;
      const ref = doc.dataset;
      if (!ref) return false;
      set({ restoringDataset: true, datasetCheck: null });
      try {
        let loaded = false;
        if (file) {
          const expected = ref.kind === 'file' ? ref.sha256 : undefined;
          loaded = await get().loadSource({ kind: 'file', file }, file.name, () => ({ kind: 'file', name: file.name, bytes: file.size, ...(expected ? { sha256: expected } : {}) }));
          const datasetId = get().dataset?.id;
          if (loaded && expected && datasetId) set({ datasetCheck: await checkFile(fingerprint, datasetId, file.name, expected) });
        } else if (ref.kind === 'sample') {
          const sample = findSample(ref.file);
          if (!sample) {
            get().reportLoadError({ code: 'unknown_sample', message: `This notebook uses a sample (${ref.file}) this version of Tau Studio does not have.` });
            return false;
          }
          loaded = await get().loadSource({ kind: 'url', url: new URL(`samples/${sample.file}`, document.baseURI).href, name: sample.file }, sample.file, () => ref);
        } else if (ref.kind === 'file' && ref.inline !== undefined) {
          loaded = await get().loadSource({ kind: 'file', file: new File([ref.inline], ref.name, { type: 'text/csv' }) }, ref.name, () => ref);
        } else if (ref.kind === 'url') {
          loaded = await get().loadSource({ kind: 'url', url: ref.url, name: ref.name }, ref.name, () => ref);
        }
        // Loading data clears results (new data, new run); this is the notebook's own data, so they stay.
        if (loaded && get().notebook.id === doc.id) {
          const now = get().notebook;
          const restored = { ...now, results: doc.results, trainedModel: doc.trainedModel, updatedAt: doc.updatedAt };
          // Nothing else changed (the usual case): keep the document as it was, so reopening is not an edit.
          // results/trainedModel are the same objects on both sides: compare the rest (a 1,000-class result is megabytes of JSON).
          const rest = (d: NotebookDocument) => JSON.stringify({ ...d, results: null, trainedModel: null });
          if (rest(restored) === rest(doc)) get().replaceNotebook(doc);
          else get().updateNotebook(() => ({ ...restored }));
        }
        return loaded;
      } finally {
        set({ restoringDataset: false });
      }
    },

    startSharingSync() {
      if (syncing) return;
      syncing = true;
      api.subscribe((state, previous) => {
        if (state.dataset !== previous.dataset && state.dataset?.kind === 'table') {
          const id = state.dataset.id;
          // After the load has also updated the notebook's dataset reference (same tick).
          queueMicrotask(() => void recordFingerprint(id));
        }
        // The weights (a worker read, base64, a notebook update and its autosave) wait until the result's headline shows.
        if (state.notebook.results !== previous.notebook.results && !state.restoringDataset) afterResultShown(() => void recordWeights());
      });
    },
  };
};

async function checkFile(fingerprint: (id: string) => Promise<DatasetFingerprint | null>, datasetId: string, name: string, expected: string): Promise<DatasetCheck> {
  let fp: DatasetFingerprint | null;
  try {
    fp = await fingerprint(datasetId);
  } catch (error) {
    return { state: 'unverified', message: `${name} could not be checked (${failureOf(error).message}).` };
  }
  if (!fp?.sha256) return { state: 'unverified', message: `${name} is too large to check here; make sure it is the file the notebook was made with.` };
  if (fp.sha256 === expected) return { state: 'matches', message: `${name} is the file this notebook was made with (SHA-256 matches).` };
  return {
    state: 'differs',
    message: `${name} is not the file this notebook was made with: its SHA-256 is ${fp.sha256.slice(0, 16)}…, expected ${expected.slice(0, 16)}…. The stored results came from the original file; retraining on this one will give different numbers.`,
  };
}
