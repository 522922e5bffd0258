import { createNotebook, type NotebookDocument, type SectionId } from './document';

/**
 * The notebook with one part put back to its defaults: what "Reset this section" does when a section
 * failed to render. Only that section's own fields change; for a note, only that note's text.
 */
export function resetSection(doc: NotebookDocument, cell: { id: string; type: SectionId | 'markdown' }): NotebookDocument {
  const fresh = createNotebook(doc.title);
  switch (cell.type) {
    case 'markdown':
      return { ...doc, cells: doc.cells.map((c) => (c.id === cell.id && c.type === 'markdown' ? { ...c, text: '' } : c)) };
    case 'dataset':
      return { ...doc, dataset: null, images: fresh.images, results: null, trainedModel: null };
    case 'prepare':
      return { ...doc, prepare: fresh.prepare, images: fresh.images };
    case 'model':
      return { ...doc, model: fresh.model };
    case 'train':
      return { ...doc, training: fresh.training };
    case 'evaluate':
    case 'predict':
      // Both show the stored results and the model trained with them.
      return { ...doc, results: null, trainedModel: null };
    case 'revenue':
      return { ...doc, revenue: fresh.revenue };
  }
}
