/** Notebook ⇄ .json file: the same document and schema as autosave and links, validated on import. */
import type { NotebookDocument } from './document';
import { validateNotebook, type NotebookValidation } from './validate';

/** Larger files are refused before reading: a notebook with inline data and weights is a few MB. */
export const MAX_NOTEBOOK_FILE_BYTES = 64 * 1024 * 1024;

/** Drops parts that no longer belong together (weights of older results) before the document leaves. */
export function documentForSharing(doc: NotebookDocument): NotebookDocument {
  if (doc.trainedModel && doc.trainedModel.resultsFinishedAt !== doc.results?.finishedAt) return { ...doc, trainedModel: null };
  return doc;
}

export function notebookFileName(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 60);
  return `${stem || 'notebook'}.tau-notebook.json`;
}

export function notebookFileText(doc: NotebookDocument): string {
  return `${JSON.stringify(documentForSharing(doc), null, 2)}\n`;
}

/** Parses and validates an imported file; messages name the file. */
export function parseNotebookFile(text: string, fileName: string): NotebookValidation {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 160) : 'unreadable';
    return { ok: false, code: 'not_json', message: `${fileName} is not a notebook: it is not valid JSON (${detail}). Choose a file exported with “Export .json”.`, errors: [detail] };
  }
  const result = validateNotebook(raw);
  return result.ok ? result : { ...result, message: `${fileName}: ${result.message}` };
}
