import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { recordReader, tableReader } from '../preprocess/feature-reader';
import { prepareTable } from '../preprocess/prepare';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { driftReport } from './drift';
import { computeTrainingReference } from './training-reference';

describe('drift of a text column: the out-of-vocabulary rate', () => {
  const csv = readFileSync(new URL('../../e2e/fixtures/text/debian-packages-en.csv', import.meta.url), 'utf8');
  const { table } = parseCsvText(csv);
  const prepared = prepareTable(table, profileTable(table), { ...DEFAULT_PREPARE, target: 'section' });
  const trainRows = Int32Array.from(prepared.split.train, (i) => prepared.tableRows[i]);
  const reference = computeTrainingReference(prepared.fitted, tableReader(table), trainRows);

  it('records the training OOV rate and finds no drift on the test rows', () => {
    const ref = reference.features[0];
    expect(ref.kind).toBe('text');
    if (ref.kind === 'text') expect(ref.oovRate).toBe(0); // the vocabulary holds every training term (8k < 20k cap)
    const testRows = Array.from(prepared.split.test, (i) => prepared.tableRows[i]);
    const text = table.columns[0];
    if (text.storage !== 'string') throw new Error('expected text');
    const records = testRows.map((r) => new Map([['description', text.codes[r] < 0 ? null : text.dictionary[text.codes[r]]]]));
    const report = driftReport(prepared.fitted, reference, recordReader(records), records.length);
    const column = report.columns[0];
    expect(column.kind).toBe('text');
    expect(column.oovRate).toBeGreaterThan(0.2); // unseen words and pairs in held-out descriptions are normal
    expect(column.oovRate).toBeLessThan(0.8);
  });

  it('flags a batch in another language as strong drift', () => {
    const records = Array.from({ length: 40 }, (_, i) => new Map([['description', `这是一个完全不同的语言的描述 第${i}号`]]));
    const report = driftReport(prepared.fitted, reference, recordReader(records), records.length);
    expect(report.columns[0].oovRate).toBeGreaterThan(0.95); // only the numbers are known words
    expect(report.columns[0].severity).toBe('high');
    expect(report.columns[0].findings[0]).toMatch(/outside the training vocabulary/);
  });
});
