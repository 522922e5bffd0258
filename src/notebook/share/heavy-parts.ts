import type { NotebookDocument } from '../document';
import { AUTO_LOAD, embeddedParameters, inlineColumns } from '../schema/sections';

/** A link's embedded data or model above the auto-load threshold (settings table), waiting for one click. */
export interface HeavyContent {
  notebookId: string;
  model: { parameters: number } | null;
  data: { rows: number; columns: number; bytes: number } | null;
}

/** What of a linked notebook is too large to load without asking (AUTO_LOAD in the settings table). */
export function heavyPartsOf(doc: NotebookDocument): HeavyContent | null {
  const parameters = doc.trainedModel ? embeddedParameters(doc.trainedModel) : 0;
  const model = doc.trainedModel && (parameters > AUTO_LOAD.parameters || doc.trainedModel.weightsBase64.length * 0.75 > AUTO_LOAD.parameters * 4) ? { parameters } : null;
  let data: HeavyContent['data'] = null;
  const inline = doc.dataset?.kind === 'file' ? doc.dataset.inline : undefined;
  if (inline !== undefined) {
    const columns = inlineColumns(inline);
    if (inline.length > AUTO_LOAD.inlineBytes || columns > AUTO_LOAD.inlineColumns) {
      let rows = 0;
      for (let i = inline.indexOf('\n'); i >= 0; i = inline.indexOf('\n', i + 1)) rows++;
      data = { rows: Math.max(0, rows - 1), columns, bytes: inline.length };
    }
  }
  return model || data ? { notebookId: doc.id, model, data } : null;
}
