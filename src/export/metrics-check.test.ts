import { describe, expect, it } from 'vitest';
import { checkMetricsFile } from './metrics-check';

const good = () => ({
  format: 'tau-metrics',
  version: 1,
  exportedAt: '2026-01-01T00:00:00.000Z',
  evaluation: {
    finishedAt: '2026-01-01T00:00:00.000Z',
    datasetName: 'iris.csv',
    rows: 150,
    classes: ['a', 'b'],
    split: { train: 100, validation: 20, test: 30 },
    model: { kind: 'logreg' },
    modelDescription: 'Logistic regression',
    backend: 'wasm',
    seed: 1,
    settings: {},
    prepare: {},
    task: 'classification',
    test: {
      accuracy: 0.9,
      macroF1: 0.9,
      weightedF1: 0.9,
      perClass: [{ class: 'a', f1: 0.9 }],
      confusionMatrix: {
        labels: ['a', 'b'],
        matrix: [
          [14, 1],
          [2, 13],
        ],
      },
    },
    training: { epochs: 5, bestEpoch: 5, stoppedBy: 'epochs', seconds: 1, samplesPerSecond: 500 },
  },
  injected: '<script>',
});

describe('metrics.json from a bundle is checked field by field', () => {
  it('keeps a good file (as a fresh object without unknown keys)', () => {
    const notes: string[] = [];
    const checked = checkMetricsFile(good(), notes);
    expect(notes).toEqual([]);
    expect(checked?.evaluation?.test).toMatchObject({
      accuracy: 0.9,
      confusionMatrix: {
        matrix: [
          [14, 1],
          [2, 13],
        ],
      },
    });
    expect(checked && 'injected' in checked).toBe(false);
  });

  it('ignores a file that is not Tau Studio metrics', () => {
    const notes: string[] = [];
    expect(checkMetricsFile([1, 2], notes)).toBeNull();
    expect(checkMetricsFile({ format: 'other' }, notes)).toBeNull();
    expect(notes).toHaveLength(2);
  });

  type Good = ReturnType<typeof good>;
  const spoilers: [string, (m: Good) => void, string][] = [
    ['accuracy as text', (m) => ((m.evaluation.test as Record<string, unknown>).accuracy = '0.9'), 'evaluation.test.accuracy'],
    ['infinite F1 (null in JSON)', (m) => ((m.evaluation.test as Record<string, unknown>).macroF1 = null), 'evaluation.test.macroF1'],
    ['a negative count in the matrix', (m) => (m.evaluation.test.confusionMatrix.matrix[0][0] = -1), 'evaluation.test.confusionMatrix.matrix'],
    ['a matrix of the wrong size', (m) => m.evaluation.test.confusionMatrix.matrix.pop(), 'evaluation.test.confusionMatrix.matrix'],
    ['labels that are not the classes', (m) => (m.evaluation.test.confusionMatrix.labels = ['x', 'y']), 'evaluation.test.confusionMatrix.labels'],
    ['duplicate classes', (m) => (m.evaluation.classes = ['a', 'a']), 'evaluation.classes'],
    ['a 10 MB dataset name', (m) => (m.evaluation.datasetName = 'x'.repeat(10_000_000)), 'evaluation.datasetName'],
    ['a split count of -1', (m) => (m.evaluation.split.test = -1), 'evaluation.split'],
    ['training without epochs', (m) => delete (m.evaluation.training as Partial<Good['evaluation']['training']>).epochs, 'evaluation.training'],
    ['an unknown task', (m) => ((m.evaluation as Record<string, unknown>).task = 'clustering'), 'evaluation.task'],
    ['model as a string', (m) => ((m.evaluation as Record<string, unknown>).model = 'x'), 'evaluation.model'],
  ];
  it.each(spoilers)('drops the evaluation with a note for %s', (_name, spoil, field) => {
    const m = good();
    spoil(m);
    const notes: string[] = [];
    const checked = checkMetricsFile(m, notes);
    expect(checked).not.toBeNull();
    expect(checked?.evaluation).toBeUndefined();
    expect(notes.join(' ')).toContain(`"${field}"`);
  });

  it('drops an unreadable quantization report with a note', () => {
    const notes: string[] = [];
    const checked = checkMetricsFile({ ...good(), quantization: { dtype: 'int4' } }, notes);
    expect(checked?.quantization).toBeUndefined();
    expect(notes[0]).toContain('quantization');
  });
});
