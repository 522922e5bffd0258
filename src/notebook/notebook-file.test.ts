import { describe, expect, it } from 'vitest';
import { createNotebook } from './document';
import { documentForSharing, notebookFileName, notebookFileText, parseNotebookFile } from './notebook-file';
import { currentDocument, tinyModel } from './test-utils/fixtures';

describe('notebook .json files', () => {
  it('round-trips through the file format', () => {
    const doc = { ...currentDocument(), trainedModel: null };
    const back = parseNotebookFile(notebookFileText(doc), 'x.json');
    expect(back.ok && JSON.stringify(back.value)).toBe(JSON.stringify(doc));
  });

  it('names the file and the problem', () => {
    const notJson = parseNotebookFile('{"format": ', 'broken.json');
    expect(!notJson.ok && notJson.message).toMatch(/^broken\.json is not a notebook: it is not valid JSON/);
    const wrong = parseNotebookFile(JSON.stringify({ ...createNotebook(), training: { epochs: -3 } }), 'odd.json');
    expect(!wrong.ok && wrong.message).toMatch(/^odd\.json: .*training\.epochs/);
    const bom = parseNotebookFile(`\uFEFF${JSON.stringify(createNotebook('BOM'))}`, 'bom.json');
    expect(bom.ok && bom.value.title).toBe('BOM');
  });

  it('makes safe file names', () => {
    expect(notebookFileName('Iris: first try / v2')).toBe('iris-first-try-v2.tau-notebook.json');
    expect(notebookFileName('../../')).toBe('notebook.tau-notebook.json');
  });

  it('leaves out weights of older results', () => {
    const doc = currentDocument();
    expect(documentForSharing({ ...doc, trainedModel: tinyModel('2001-01-01T00:00:00Z') }).trainedModel).toBeNull();
    expect(documentForSharing({ ...doc, trainedModel: tinyModel(doc.results!.finishedAt) }).trainedModel).not.toBeNull();
  });
});
