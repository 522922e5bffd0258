/**
 * What goes into a notebook link. The document already carries small data inline and small trained
 * weights (see the caps below); a link keeps them while it stays under MAX_LINK_CHARS, else drops the
 * weights first (the recipient can retrain), then the inline data (the recipient is asked for the
 * file by name and SHA-256), and says so.
 */
import { formatBytes } from '../../lib/format';
import type { TrainingResult } from '../../train/result';
import type { NotebookDocument } from '../document';
import { documentForSharing } from '../notebook-file';
import { encodeNotebookLink, MAX_LINK_CHARS, type EncodedLink } from './link-codec';
import { withoutCurves } from '../runs';

import { EMBED_WEIGHTS_MAX_BYTES, INLINE_DATA_MAX_BYTES } from './link-format';
export { EMBED_WEIGHTS_MAX_BYTES, INLINE_DATA_MAX_BYTES } from './link-format';

export interface ShareNote {
  /** What was left out: the data, the weights, the runs' curves, or neither (info). */
  about: 'data' | 'weights' | 'runs';
  message: string;
}

export type SharePlan = { ok: true; link: EncodedLink; doc: NotebookDocument; notes: ShareNote[] } | { ok: false; code: string; message: string };

/** How the recipient gets the data when it is not inside the link. */
export function datasetNote(doc: NotebookDocument): ShareNote | null {
  const ref = doc.dataset;
  if (!ref) return null;
  switch (ref.kind) {
    case 'sample':
      return null;
    case 'url':
      return { about: 'data', message: `The data is referenced by its address (${ref.url}); the recipient loads it from there.` };
    case 'file':
      if (ref.inline !== undefined) return null;
      return {
        about: 'data',
        message: `${ref.name} (${formatBytes(ref.bytes)}) is larger than the ${formatBytes(INLINE_DATA_MAX_BYTES)} that travel inside a link, so it is left out: the recipient is asked for it${ref.sha256 ? ` and it is checked against SHA-256 ${ref.sha256.slice(0, 12)}…` : ''}.`,
      };
    case 'images':
      return { about: 'data', message: `The images (${ref.name}, ${formatBytes(ref.bytes)}) are not put in links: the recipient is asked for them.` };
  }
}

export function weightsNote(doc: NotebookDocument, weightBytes: number | null): ShareNote | null {
  if (!doc.results || doc.trainedModel) return null;
  return {
    about: 'weights',
    message:
      weightBytes !== null && weightBytes > EMBED_WEIGHTS_MAX_BYTES
        ? `The trained weights (${formatBytes(weightBytes)}) are larger than the ${formatBytes(EMBED_WEIGHTS_MAX_BYTES)} kept in a notebook, so they are left out: the recipient sees the results and can retrain to the same numbers on the same backend.`
        : 'The trained weights are not in this notebook, so the recipient sees the results and can retrain to the same numbers on the same backend.',
  };
}

/** Builds the link for `doc`, shrinking it (weights, then inline data) until it fits MAX_LINK_CHARS. */
export function planShareLink(doc: NotebookDocument, { weightBytes = null, maxChars = MAX_LINK_CHARS }: { weightBytes?: number | null; maxChars?: number } = {}): SharePlan {
  // Split row numbers (kept by benchmark runs) are reproducible from the seed: never worth link space.
  const clean = documentForSharing(doc);
  let current = clean.results?.splitRows ? { ...clean, results: withoutSplitRows(clean.results) } : clean;
  const notes: ShareNote[] = [];
  let link = encodeNotebookLink(current);
  // Experiments' curves go first: the runs keep their settings and metrics.
  if (link.chars > maxChars && current.runs?.some((r) => r.curves)) {
    current = { ...current, runs: withoutCurves(current.runs) };
    link = encodeNotebookLink(current);
    notes.push({ about: 'runs', message: 'The training curves of the kept runs were left out to keep the link short; their settings and metrics are in it.' });
  }
  if (link.chars > maxChars && current.trainedModel) {
    current = { ...current, trainedModel: null };
    link = encodeNotebookLink(current);
    notes.push({
      about: 'weights',
      message: `The trained weights were left out to keep the link under ${maxChars.toLocaleString('en-US')} characters: the recipient can retrain to the same numbers on the same backend.`,
    });
  }
  if (link.chars > maxChars && current.dataset?.kind === 'file' && current.dataset.inline !== undefined) {
    const { inline: _dropped, ...reference } = current.dataset;
    void _dropped;
    current = { ...current, dataset: reference };
    link = encodeNotebookLink(current);
  }
  if (link.chars > maxChars) {
    return {
      ok: false,
      code: 'link_too_large',
      message: `Even without data and weights this notebook makes a link of ${link.chars.toLocaleString('en-US')} characters, more than the ${maxChars.toLocaleString('en-US')} browsers accept. Use "Export .json" and send the file instead.`,
    };
  }
  const data = datasetNote(current);
  if (data) notes.push(data);
  const weights = notes.some((n) => n.about === 'weights') ? null : weightsNote(current, weightBytes);
  if (weights) notes.push(weights);
  return { ok: true, link, doc: current, notes };
}

function withoutSplitRows(results: TrainingResult): TrainingResult {
  const { splitRows: _rows, ...rest } = results;
  void _rows;
  return rest;
}
