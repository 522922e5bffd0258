import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../csv/parse-csv';
import { pixelTableFromTable } from './pixel-table';
import { pixelTableToDataset } from './pixel-csv';

describe('pixelTableFromTable', () => {
  it('turns a Kaggle-style pixel CSV parsed by the studio parser into images', () => {
    const header = ['label', ...Array.from({ length: 4 }, (_, i) => `pixel${i}`)].join(',');
    const csv = `${header}\n3,0,255,10,20\n1,1,2,3,4\n3,9,8,7,6\n`;
    const dataset = pixelTableToDataset(pixelTableFromTable(parseCsvText(csv, 'mini.csv').table), { sourceName: 'mini.csv' });
    expect([dataset.width, dataset.height, dataset.channels]).toEqual([2, 2, 1]);
    expect(dataset.classes).toEqual(['1', '3']);
    expect(Array.from(dataset.labels)).toEqual([1, 0, 1]);
    expect(Array.from(dataset.pixels.subarray(0, 4))).toEqual([0, 255, 10, 20]);
  });

  it('reads text labels, including __proto__, through the string view', () => {
    const csv = 'pixel0,pixel1,pixel2,pixel3,label\n0,0,0,0,__proto__\n255,255,255,255,cat\n';
    const dataset = pixelTableToDataset(pixelTableFromTable(parseCsvText(csv).table));
    expect(dataset.classes).toEqual(['__proto__', 'cat']);
  });
});
