import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { prepareTable } from '../preprocess/prepare';
import { encodeRow } from './snippet/predict-with-bundle.mjs';

describe('exported snippet, text columns', () => {
  it('tokenizes and weights text exactly as the studio does (TF-IDF rows equal to 1e-6, English and Chinese)', () => {
    for (const [file, target] of [
      ['debian-packages-en.csv', 'section'],
      ['debian-packages-zh.csv', '分类'],
    ] as const) {
      const csv = readFileSync(new URL(`../../e2e/fixtures/text/${file}`, import.meta.url), 'utf8');
      const { table } = parseCsvText(csv);
      const data = prepareTable(table, profileTable(table), { ...DEFAULT_PREPARE, target, textVocabularySize: 3000 });
      const width = data.fitted.inputSize;
      const text = table.columns[0];
      if (text.storage !== 'string') throw new Error('expected a text column');
      let worst = 0;
      for (let i = 0; i < 60; i++) {
        const row = data.tableRows[i];
        const cell = text.codes[row] < 0 ? '' : text.dictionary[text.codes[row]];
        const encoded = encodeRow(JSON.parse(JSON.stringify(data.fitted)), { [text.name]: cell }) as number[];
        expect(encoded).toHaveLength(width);
        for (let k = 0; k < width; k++) worst = Math.max(worst, Math.abs(encoded[k] - data.features[i * width + k]));
      }
      expect(worst).toBeLessThan(1e-6);
    }
  });
});
