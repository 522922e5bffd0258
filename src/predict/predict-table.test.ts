import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parseCsvText } from '../data/csv/parse-csv';
import type { FittedPreprocessor } from '../preprocess/fitted';
import { predictTable } from './predict-table';

const fitted: FittedPreprocessor = {
  format: 'tau-preprocessing',
  version: 1,
  target: { name: 'y', classes: ['a', 'b'] },
  missing: 'median',
  scaling: 'none',
  features: [{ kind: 'numeric', name: 'x', fill: 0, center: 0, scale: 1, min: 0, max: 10, mean: 5, std: 1 }],
  inputSize: 1,
  inputNames: ['x'],
};

/** Stand-in for the model: P(b) = x / 10, so the prediction is easy to check by hand. */
async function byX(features: Float32Array, rows: Int32Array): Promise<Float32Array> {
  const out = new Float32Array(rows.length * 2);
  rows.forEach((r, i) => {
    out[i * 2 + 1] = features[r] / 10;
    out[i * 2] = 1 - out[i * 2 + 1];
  });
  return out;
}

describe('predictTable', () => {
  it('predicts valid rows, lists invalid ones, scores against the target and writes the CSV', async () => {
    const { table, header } = parseCsvText('x,y,extra\n2,a,1\n9,b,2\nabc,a,3\n8,a,4\n', 'rows.csv');
    const asked: number[][] = [];
    const result = await predictTable({ classes: ['a', 'b'], preprocessing: fitted, reference: null }, table, header, 'rows.csv', (features, rows) => {
      asked.push(Array.from(rows));
      return byX(features, rows);
    });
    expect(asked).toEqual([[0, 1, 3]]);
    expect(Array.from(result.labels)).toEqual([0, 1, -1, 1]);
    expect(Number.isNaN(result.probabilities[4])).toBe(true);
    expect(result.invalidCount).toBe(1);
    expect(result.invalidRows[0]).toMatchObject({ row: 3, column: 'x' });
    expect(result.accuracy).toMatchObject({ column: 'y', rows: 3, correct: 2 });
    expect(result.ignoredColumns).toEqual(['extra']);
    expect(result.csvName).toBe('rows-predictions.csv');
    const csv = Papa.parse<string[]>(await result.csv.text()).data;
    expect(csv[0]).toEqual(['x', 'y', 'extra', 'predicted y', 'probability a', 'probability b', 'problem']);
    expect(csv[2].slice(3, 4)).toEqual(['b']);
  });

  it('names the missing input columns before predicting anything', async () => {
    const { table, header } = parseCsvText('z,y\n1,a\n', 'rows.csv');
    let called = false;
    const run = predictTable({ classes: ['a', 'b'], preprocessing: fitted, reference: null }, table, header, 'rows.csv', async (f, r) => {
      called = true;
      return byX(f, r);
    });
    await expect(run).rejects.toThrow(/rows\.csv lacks the column the model needs: "x"\. Its columns are: z, y/);
    expect(called).toBe(false);
  });
});
