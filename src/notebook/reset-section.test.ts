import { describe, expect, it } from 'vitest';
import { createNotebook } from './document';
import { resetSection } from './reset-section';

describe('resetSection', () => {
  it('clears only the failing part of the notebook', () => {
    const doc = createNotebook('Mine');
    const edited = { ...doc, training: { ...doc.training, epochs: 7 }, prepare: { ...doc.prepare, seed: 9 }, cells: [...doc.cells, { id: 'n1', type: 'markdown' as const, text: 'hello' }] };
    const train = resetSection(edited, { id: 'x', type: 'train' });
    expect(train.training.epochs).toBe(doc.training.epochs);
    expect(train.prepare.seed).toBe(9);
    const note = resetSection(edited, { id: 'n1', type: 'markdown' });
    expect(note.cells.find((c) => c.id === 'n1')).toEqual({ id: 'n1', type: 'markdown', text: '' });
    expect(note.training.epochs).toBe(7);
    expect(resetSection({ ...edited, dataset: { kind: 'sample', name: 'Iris', file: 'iris.csv' } }, { id: 'd', type: 'dataset' }).dataset).toBeNull();
  });
});
