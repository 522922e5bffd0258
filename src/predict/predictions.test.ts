import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parseCsvText } from '../data/csv/parse-csv';
import { tableReader } from '../preprocess/feature-reader';
import { batchAccuracy } from './batch';
import { argmaxRows } from '../evaluate/argmax';
import { outputColumns, predictionsCsv } from './predictions-csv';
import { formFields, formValues, OTHER_CATEGORY, outOfRange } from './form-fields';
import type { FittedPreprocessor } from '../preprocess/fitted';

describe('batch predictions', () => {
  it('takes the first largest probability per row', () => {
    expect(Array.from(argmaxRows([0.2, 0.8, 0.5, 0.5, 0.9, 0.1], 2))).toEqual([1, 0, 0]);
  });

  it('reports accuracy against the target column, counting labels the model does not know as wrong', () => {
    const table = parseCsvText('x,label\n1,a\n2,b\n3,c\n4,\n5,a\n', 't.csv').table;
    const labels = Int32Array.from([0, 0, 1, 1, -1]);
    expect(batchAccuracy(tableReader(table), 'label', ['a', 'b'], labels)).toEqual({ column: 'label', accuracy: 1 / 3, rows: 3, correct: 1, unknownLabels: 1 });
    expect(batchAccuracy(tableReader(table), 'species', ['a', 'b'], labels)).toBeNull();
  });

  it('writes input + prediction + exact probabilities, with the problem for invalid rows and no formula injection', () => {
    const table = parseCsvText('prediction,x\n=HYPERLINK("evil"),-1.5\nok,2\n', 't.csv').table;
    const probabilities = Float32Array.from([0.1234567, 0.8765433, Number.NaN, Number.NaN]);
    const csv = predictionsCsv(table, 'label', ['a', '__proto__'], Int32Array.from([1, -1]), probabilities, new Map([[1, 'x: "abc" is not a number']]));
    const parsed = Papa.parse<string[]>(csv).data;
    expect(parsed[0]).toEqual(['prediction', 'x', 'predicted label', 'probability a', 'probability __proto__', 'problem']);
    expect(parsed[1]).toEqual([`'=HYPERLINK("evil")`, '-1.5', '__proto__', String(probabilities[0]), String(probabilities[1]), '']);
    expect(Number(parsed[1][3])).toBe(probabilities[0]);
    expect(parsed[2]).toEqual(['ok', '2', '', '', '', 'x: "abc" is not a number']);
    expect(outputColumns(['predicted label', 'problem'], 'label', ['a']).predicted).toBe('predicted label (2)');
  });
});

describe('prediction form fields', () => {
  const fitted: FittedPreprocessor = {
    format: 'tau-preprocessing',
    version: 1,
    target: { name: 'y', classes: ['a', 'b'] },
    missing: 'median',
    scaling: 'standardize',
    features: [
      { kind: 'numeric', name: 'mass', fill: 4000, center: 4200, scale: 800, min: 2700, max: 6300, mean: 4201.76, std: 800 },
      { kind: 'categorical', name: 'island', categories: ['Biscoe', 'Dream'], fill: 'Biscoe', frequencies: [0.6, 0.4] },
    ],
    inputSize: 3,
    inputNames: ['mass', 'island=Biscoe', 'island=Dream'],
  };

  it('one field per input column with the right control, starting at typical values', () => {
    const fields = formFields(fitted);
    expect(fields.map((f) => f.kind)).toEqual(['numeric', 'categorical']);
    expect(fields[0]).toMatchObject({ initial: '4202', min: 2700, max: 6300 });
    expect(fields[0].hint).toMatch(/Training range 2,700 to 6,300/);
    expect(fields[1]).toMatchObject({ options: ['Biscoe', 'Dream'], initial: 'Biscoe' });
    expect(
      formValues(
        fields,
        new Map([
          ['mass', ' '],
          ['island', OTHER_CATEGORY],
        ]),
      ),
    ).toEqual([
      ['mass', null],
      ['island', OTHER_CATEGORY],
    ]);
    expect(outOfRange(fields[0], '9000')).toBe(true);
    expect(outOfRange(fields[0], '3000')).toBe(false);
  });
});
