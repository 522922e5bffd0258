import { describe, expect, it } from 'vitest';
import type { NotebookDocument } from '../document';
import { currentDocument, tinyModel } from '../test-utils/fixtures';
import { decodeNotebookLink } from './link-codec';
import { planShareLink } from './share-plan';

const csv = Array.from({ length: 400 }, (_, i) => `${i},${(i * 7919) % 1000},${i % 3 === 0 ? 'yes' : 'no'}`).join('\n');

function fullDocument(): NotebookDocument {
  const doc = currentDocument();
  return { ...doc, dataset: { kind: 'file', name: 'data.csv', bytes: csv.length, sha256: 'a'.repeat(64), inline: csv }, trainedModel: tinyModel(doc.results!.finishedAt) };
}

describe('share links', () => {
  it('keeps small data and weights inside the link, with nothing to report', () => {
    const plan = planShareLink(fullDocument());
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.notes).toEqual([]);
    const decoded = decodeNotebookLink(plan.link.fragment);
    expect(decoded.ok && decoded.value.dataset).toMatchObject({ kind: 'file', inline: csv });
    expect(decoded.ok && decoded.value.trainedModel?.weightsBase64).toBe(plan.doc.trainedModel?.weightsBase64);
  });

  it('drops the weights first, then the data, to fit the cap, and says so', () => {
    // One document throughout: cell ids are random, and their bytes change the compressed size.
    const doc = fullDocument();
    const withoutWeights = planShareLink({ ...doc, trainedModel: null });
    if (!withoutWeights.ok) throw new Error(withoutWeights.message);

    const tight = planShareLink(doc, { maxChars: withoutWeights.link.chars });
    if (!tight.ok) throw new Error(tight.message);
    expect(tight.doc.trainedModel).toBeNull();
    expect(tight.doc.dataset).toMatchObject({ inline: csv });
    expect(tight.notes.map((n) => n.about)).toEqual(['weights']);

    const tighter = planShareLink(doc, { maxChars: withoutWeights.link.chars - 1 });
    if (!tighter.ok) throw new Error(tighter.message);
    expect(tighter.doc.dataset).not.toHaveProperty('inline');
    expect(tighter.notes.map((n) => n.about)).toEqual(['weights', 'data']);
    expect(tighter.notes[1].message).toContain('SHA-256 aaaaaaaaaaaa');
  });

  it('says when even the bare notebook is too large for a link', () => {
    const plan = planShareLink(fullDocument(), { maxChars: 100 });
    expect(!plan.ok && plan.code).toBe('link_too_large');
    expect(!plan.ok && plan.message).toContain('Export .json');
  });

  it('explains missing weights and referenced data', () => {
    const doc: NotebookDocument = { ...currentDocument(), dataset: { kind: 'file', name: 'big.csv', bytes: 50_000_000, sha256: 'b'.repeat(64) } };
    const plan = planShareLink(doc, { weightBytes: 2_000_000 });
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.notes.map((n) => n.message).join('\n')).toMatch(/big\.csv \(48 MiB\).*SHA-256 bbbb[\s\S]*trained weights \(1\.9 MiB\) are larger than the 512 KiB/);
  });

  it('leaves benchmark split rows out of links', () => {
    const doc = currentDocument();
    doc.results = { ...doc.results!, splitRows: { train: [1, 2], validation: [3], test: [4] } };
    const plan = planShareLink(doc);
    expect(plan.ok && plan.doc.results).not.toHaveProperty('splitRows');
  });
});
