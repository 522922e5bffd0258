import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../../data/csv/parse-csv';
import { profileTable } from '../../data/profile';
import { DEFAULT_PREPARE } from '../settings';
import { prepareTable } from '../prepare';
import { checkPreprocessing } from '../../export/validate-bundle';
import { fittedPreprocessor } from '../../notebook/schema/sections';
import { INVALID, Issues } from '../../notebook/schema/parsers';

describe('a fitted text preprocessor travels', () => {
  const csv = readFileSync(new URL('../../../e2e/fixtures/text/debian-packages-zh.csv', import.meta.url), 'utf8');
  const { table } = parseCsvText(csv);
  const fitted = prepareTable(table, profileTable(table), { ...DEFAULT_PREPARE, target: '分类', textVocabularySize: 2000 }).fitted;
  const json = JSON.parse(JSON.stringify(fitted)) as unknown;

  it('through preprocessing.json of a model bundle (validated), unchanged', () => {
    const read = checkPreprocessing(json as Parameters<typeof checkPreprocessing>[0]);
    expect(read.kind).toBe('tabular');
    if (read.kind !== 'tabular') return;
    expect(read.features).toEqual(fitted.features);
    expect(read.inputSize).toBe(2000);
  });

  it('through the notebook schema, unchanged; a text feature whose idf does not match its terms is refused', () => {
    const issues = new Issues();
    expect(fittedPreprocessor(json, 'preprocessing', issues)).toEqual(fitted);
    const broken = JSON.parse(JSON.stringify(fitted));
    broken.features[0].idf.pop();
    expect(fittedPreprocessor(broken, 'preprocessing', new Issues())).toBe(INVALID);
    expect(() => checkPreprocessing(broken)).toThrow(/1999 idf weights/);
  });
});
