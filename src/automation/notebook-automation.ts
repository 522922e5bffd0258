import { useStudio } from '../store/studio-store';
import type { ShareNote } from '../notebook/share/share-plan';
import { trainOutput } from './runner-output';
import { fail, type AutomationResult } from './result';
import { trainCurrent, type TrainOutput } from './train-automation';
import { sleep } from '../lib/yield';

export interface NotebookInfo {
  id: string;
  title: string;
  dataset: ReturnType<typeof datasetInfo>;
  /** The results stored in the notebook (as `tau train` prints them), or null. */
  stored: TrainOutput | null;
  /** Whether the notebook holds its trained weights (prediction works without retraining). */
  hasWeights: boolean;
  notice: string | null;
}

export interface ShareOutput {
  url: string;
  /** `nb=…`: append after `#` to any Tau Studio address. */
  fragment: string;
  /** Characters of the full link. */
  bytes: number;
  metrics: TrainOutput['metrics'] | null;
  /** What did not fit in the link, and how the recipient gets it. */
  leftOut: ShareNote[];
  dataInLink: boolean;
  weightsInLink: boolean;
}

function datasetInfo() {
  const ref = useStudio.getState().notebook.dataset;
  if (!ref) return null;
  return { kind: ref.kind, name: ref.name, ...('sha256' in ref && ref.sha256 ? { sha256: ref.sha256 } : {}), ...(ref.kind === 'file' ? { bytes: ref.bytes, inline: ref.inline !== undefined } : {}) };
}

function notebookInfo(): NotebookInfo {
  const { notebook, notebookNotice } = useStudio.getState();
  return {
    id: notebook.id,
    title: notebook.title,
    dataset: datasetInfo(),
    stored: notebook.results ? trainOutput(notebook.results) : null,
    hasWeights: notebook.trainedModel !== null,
    notice: notebookNotice?.message ?? null,
  };
}

/** Waits until the notebook has taken in what the worker knows after a run (file hash, small weights). */
async function settled(timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const s = useStudio.getState();
    const { results, trainedModel, dataset: ref } = s.notebook;
    const weightsKnown = !results || !s.backendInUse || trainedModel?.resultsFinishedAt === results.finishedAt || s.weightsInfo?.finishedAt === results.finishedAt;
    const fileKnown = ref?.kind !== 'file' || ref.sha256 !== undefined || s.dataset === null;
    if (weightsKnown && fileKnown && !s.restoringDataset && !s.loading) return;
    await sleep(25);
  }
}

/** Data the notebook can get back by itself (sample, inline, address) loads here; a file must be given. */
async function ensureData(): Promise<AutomationResult<null>> {
  await settled();
  const s = useStudio.getState();
  if (s.dataset) return { ok: true, value: null };
  const ref = s.notebook.dataset;
  if (!ref) return fail('no_dataset', 'This notebook has no data set; nothing to retrain on.');
  if (ref.kind === 'file' && ref.inline === undefined) {
    return fail('data_needed', `This notebook needs ${ref.name}${ref.sha256 ? ` (SHA-256 ${ref.sha256})` : ''}; give it with --data <file>.`);
  }
  if (ref.kind === 'images') return fail('data_needed', `This notebook was trained on images (${ref.name}); retraining image notebooks from a link is not supported by the runner.`);
  const loaded = await s.restoreDataset();
  const { loadError } = useStudio.getState();
  if (!loaded) return fail(loadError?.code ?? 'load_failed', loadError?.message ?? `Could not load ${ref.name}.`);
  return { ok: true, value: null };
}

export const notebookAutomation = {
  /** Resolves once autosave has started and a link in the address (if any) has been opened. */
  async notebookReady(): Promise<AutomationResult<NotebookInfo>> {
    // main.tsx starts the studio (store/startup.ts); this waits for that start.
    await useStudio.getState().startPersistence();
    await settled();
    const { linkError } = useStudio.getState();
    if (linkError) return fail(linkError.code, linkError.message);
    return { ok: true, value: notebookInfo() };
  },

  notebookInfo: (): AutomationResult<NotebookInfo> => ({ ok: true, value: notebookInfo() }),

  /** The link for the open notebook, as "Copy link" makes it. */
  async shareLink(): Promise<AutomationResult<ShareOutput>> {
    await settled();
    const plan = await useStudio.getState().makeShareLink();
    if (!plan.ok || !plan.url) return plan.ok ? fail('internal', 'No link was made.') : fail(plan.code, plan.message);
    const results = plan.doc.results;
    return {
      ok: true,
      value: {
        url: plan.url,
        fragment: plan.link.fragment,
        bytes: plan.url.length,
        metrics: results ? trainOutput(results).metrics : null,
        leftOut: plan.notes,
        dataInLink: plan.doc.dataset?.kind === 'sample' || (plan.doc.dataset?.kind === 'file' && plan.doc.dataset.inline !== undefined),
        weightsInLink: plan.doc.trainedModel !== null,
      },
    };
  },

  async openNotebookLink(text: string): Promise<AutomationResult<NotebookInfo>> {
    const opened = await useStudio.getState().openLink(text);
    if (!opened) {
      const error = useStudio.getState().linkError;
      return fail(error?.code ?? 'bad_link', error?.message ?? 'The link could not be opened.');
    }
    await settled();
    return { ok: true, value: notebookInfo() };
  },

  async openNotebookFile(text: string, name: string): Promise<AutomationResult<NotebookInfo>> {
    const opened = await useStudio.getState().importNotebookJson(new File([text], name, { type: 'application/json' }));
    if (!opened) {
      const error = useStudio.getState().linkError;
      return fail(error?.code ?? 'bad_notebook', error?.message ?? `${name} could not be opened.`);
    }
    await settled();
    return { ok: true, value: notebookInfo() };
  },

  /** After the runner gave the notebook's file (data input): whether it matched the stored SHA-256. */
  async datasetCheck(): Promise<AutomationResult<{ state: string; message: string } | null>> {
    await settled();
    const { loadError, dataset, datasetCheck } = useStudio.getState();
    if (!dataset && loadError) return fail(loadError.code, loadError.message);
    return { ok: true, value: datasetCheck };
  },

  /** Retrains the open notebook with its own settings (seeded: same backend → same numbers). */
  async retrainNotebook(): Promise<AutomationResult<TrainOutput>> {
    const data = await ensureData();
    if (!data.ok) return data;
    const trained = await trainCurrent();
    await settled();
    return trained;
  },

  async exportNotebook(): Promise<AutomationResult<{ fileName: string; text: string }>> {
    await settled();
    await useStudio.getState().flushSave();
    return { ok: true, value: useStudio.getState().exportNotebookJson() };
  },
};
