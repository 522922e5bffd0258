import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { useStudio } from '../store/studio-store';
import type { DatasetSummary } from '../workers/protocol';
import { applyTrainOptions } from './train-automation';
import { sameValue, unchanged } from './unchanged';

describe('unchanged settings patches', () => {
  it('compares primitives exactly and arrays/objects by content', () => {
    expect(unchanged({ a: 1, b: 'x', c: [64, 64] }, { a: 1, c: [64, 64] })).toBe(true);
    expect(unchanged({ a: 1, b: 'x' }, { a: 2 })).toBe(false);
    expect(unchanged({ c: [64, 64] }, { c: [64] })).toBe(false);
    expect(unchanged({ a: 0.2 }, {})).toBe(true);
    expect(unchanged(undefined, {})).toBe(false);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue(Number.NaN, Number.NaN)).toBe(true);
    expect(sameValue({ kind: 'mlp', hidden: [8] }, { kind: 'mlp', hidden: [8] })).toBe(true);
  });
});

describe('runner train options (issue 19, 1a: the bench repeats every flag on its warm run)', () => {
  const { table } = parseCsvText('x,y,label\n1,2,p\n2,3,q\n3,1,p\n4,4,q\n', 't.csv');
  const profiles = profileTable(table);
  const dataset = { kind: 'table', id: 'd1', name: 't.csv', header: ['x', 'y', 'label'], profiles } as unknown as DatasetSummary;
  const options = {
    target: 'label',
    model: 'mlp' as const,
    hidden: [64, 64],
    dropout: 0.2,
    l2: 0.001,
    batchSize: 256,
    learningRate: 0.01,
    epochs: 5,
    validationSize: 0,
    testSize: 0.05,
    backend: 'wasm' as const,
    seed: 3,
  };

  it('change the notebook the first time, and leave it the same object when repeated', () => {
    useStudio.setState({ dataset });
    const before = useStudio.getState().notebook;
    expect(applyTrainOptions(options).ok).toBe(true);
    const first = useStudio.getState().notebook;
    expect(first).not.toBe(before);
    expect(first.prepare).toMatchObject({ target: 'label', testFraction: 0.05, validationFraction: 0, seed: 3 });
    expect(first.model.choice).toBe('mlp');
    expect(first.model.mlp).toMatchObject({ hidden: [64, 64], dropout: 0.2, l2: 0.001 });
    expect(first.training).toMatchObject({ backend: 'wasm', epochs: 5, batchSize: 256, learningRate: 0.01 });

    expect(applyTrainOptions(options).ok).toBe(true);
    expect(useStudio.getState().notebook).toBe(first);

    // One flag that differs changes that setting only.
    expect(applyTrainOptions({ ...options, epochs: 6 }).ok).toBe(true);
    const third = useStudio.getState().notebook;
    expect(third).not.toBe(first);
    expect(third.training.epochs).toBe(6);
    expect(third.model).toBe(first.model);
    expect(third.prepare).toBe(first.prepare);
  });
});
