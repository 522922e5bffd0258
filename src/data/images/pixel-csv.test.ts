import { describe, expect, it } from 'vitest';
import { ImageDataError } from './errors';
import { classCounts, validateImageDataset } from './image-dataset';
import { channelOfName, detectLabelColumn, inferImageShape, pixelTableToDataset } from './pixel-csv';
import { tableFromCsv, tableFromNumbers } from './test-utils/table';

function thrown(fn: () => unknown): ImageDataError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ImageDataError);
    return error as ImageDataError;
  }
  throw new Error('expected an error');
}

const pixelNames = (n: number): string[] => Array.from({ length: n }, (_, i) => `pixel${i}`);

describe('label column and shape detection', () => {
  it('finds the label column by name, else uses the first column', () => {
    expect(detectLabelColumn(['pixel0', 'pixel1', 'Label'])).toBe(2);
    expect(detectLabelColumn(['id', ' y '])).toBe(1);
    expect(detectLabelColumn(['digit', 'p0'])).toBe(0);
  });

  it('infers square grayscale and RGB shapes', () => {
    expect(inferImageShape(pixelNames(784))).toEqual({ width: 28, height: 28, channels: 1, layout: 'hwc' });
    expect(inferImageShape(pixelNames(3072))).toEqual({ width: 32, height: 32, channels: 3, layout: 'hwc' });
    const planar = ['r0', 'r1', 'r2', 'r3', 'g0', 'g1', 'g2', 'g3', 'b0', 'b1', 'b2', 'b3'];
    expect(inferImageShape(planar)).toEqual({ width: 2, height: 2, channels: 3, layout: 'chw' });
    const interleaved = ['p0_r', 'p0_g', 'p0_b', 'p1_r', 'p1_g', 'p1_b', 'p2_r', 'p2_g', 'p2_b', 'p3_r', 'p3_g', 'p3_b'];
    expect(inferImageShape(interleaved)).toEqual({ width: 2, height: 2, channels: 3, layout: 'hwc' });
    expect(channelOfName('red_12')).toBe(0);
    expect(channelOfName('brightness')).toBeNull();
  });

  it('explains non-square pixel counts and accepts explicit sizes', () => {
    const error = thrown(() => inferImageShape(pixelNames(785), { sourceName: 'train.csv' }));
    expect(error.code).toBe('csv_not_square');
    expect(error.message).toMatch(/train\.csv has 785 pixel columns, which is not a square image/);
    expect(inferImageShape(pixelNames(6), { width: 3, height: 2 })).toEqual({ width: 3, height: 2, channels: 1, layout: 'hwc' });
    expect(inferImageShape(pixelNames(24), { width: 4, channels: 3 })).toMatchObject({ width: 4, height: 2, channels: 3 });
    expect(() => inferImageShape(pixelNames(7), { width: 3 })).toThrow(/does not fit 3×\?×1/);
  });
});

describe('pixelTableToDataset', () => {
  it('converts an MNIST-style table with numeric labels (numeric class order)', () => {
    const csv = 'label,pixel0,pixel1,pixel2,pixel3\n10,0,1,2,3\n2,255,254,253,252\n10,9,9,9,9\n';
    const ds = pixelTableToDataset(tableFromCsv(csv), { sourceName: 'train.csv' });
    expect([ds.width, ds.height, ds.channels]).toEqual([2, 2, 1]);
    expect(ds.classes).toEqual(['2', '10']);
    expect(Array.from(ds.labels)).toEqual([1, 0, 1]);
    expect(Array.from(ds.pixels)).toEqual([0, 1, 2, 3, 255, 254, 253, 252, 9, 9, 9, 9]);
    expect(ds.sources).toEqual(['train.csv row 1', 'train.csv row 2', 'train.csv row 3']);
    validateImageDataset(ds);
  });

  it('uses class names for numeric labels (Fashion-MNIST CSV)', () => {
    const csv = 'label,a,b,c,d\n0,1,1,1,1\n2,1,1,1,1';
    const ds = pixelTableToDataset(tableFromCsv(csv), { classNames: ['T-shirt/top', 'Trouser', 'Pullover'] });
    expect(ds.classes).toEqual(['T-shirt/top', 'Trouser', 'Pullover']);
    expect(Array.from(ds.labels)).toEqual([0, 2]);
    expect(() => pixelTableToDataset(tableFromCsv(csv), { classNames: ['a', 'b'] })).toThrow(/label 2 at row 2 \(line 3 of the file\) has no class name/);
  });

  it('takes text labels, with hostile names, sorted by name; label column may be last', () => {
    const csv = 'p0,p1,p2,p3,class\n1,2,3,4,dog\n5,6,7,8,__proto__\n9,9,9,9,<b>cat</b>\n0,0,0,0,dog';
    const ds = pixelTableToDataset(tableFromCsv(csv));
    expect(ds.classes).toEqual(['<b>cat</b>', '__proto__', 'dog']);
    expect(classCounts(ds)).toEqual([1, 1, 2]);
    expect(Array.from(ds.pixels.subarray(0, 4))).toEqual([1, 2, 3, 4]);
  });

  it('reorders planar RGB columns into HWC', () => {
    const names = ['label', 'r0', 'r1', 'r2', 'r3', 'g0', 'g1', 'g2', 'g3', 'b0', 'b1', 'b2', 'b3'];
    const csv = `${names.join(',')}\n1,10,11,12,13,20,21,22,23,30,31,32,33`;
    const ds = pixelTableToDataset(tableFromCsv(csv));
    expect(ds.channels).toBe(3);
    expect(Array.from(ds.pixels)).toEqual([10, 20, 30, 11, 21, 31, 12, 22, 32, 13, 23, 33]);
  });

  it('names row and column of an out-of-range value', () => {
    const csv = 'label,p0,p1,p2,p3\n0,1,2,3,4\n1,0,300,0,0\n1,0,0,-1,0';
    const error = thrown(() => pixelTableToDataset(tableFromCsv(csv), { sourceName: 'x.csv' }));
    expect(error.code).toBe('csv_bad_value');
    expect(error.message).toBe('x.csv: value 300 at row 2 (line 3 of the file), column "p1" is outside 0–255. Pixel values must be 0–255 (or all within 0–1).');
  });

  it('names a non-numeric pixel column', () => {
    const csv = 'label,p0,p1,p2,p3\n0,1,2,3,4\n1,0,abc,0,0';
    expect(() => pixelTableToDataset(tableFromCsv(csv))).toThrow(/pixel column "p1" is not numeric \(row 2 \(line 3 of the file\) has "abc"\)/);
  });

  it('skips rows with missing values and scales normalized 0…1 tables', () => {
    const csv = 'label,p0,p1,p2,p3\n0,0,0.5,1,0.25\n1,,0,0,0\n,1,1,1,1\n1,1,1,1,0';
    const ds = pixelTableToDataset(tableFromCsv(csv));
    expect(Array.from(ds.pixels)).toEqual([0, 128, 255, 64, 255, 255, 255, 0]);
    expect(ds.skipped.map((s) => s.reason)).toEqual(['Skipped row 2 (line 3 of the file): missing value in column "p0".', 'Skipped row 3 (line 4 of the file): missing label in column "label".']);
    const raw = pixelTableToDataset(tableFromCsv(csv), { scale: 'none' });
    expect(Array.from(raw.pixels.subarray(0, 4))).toEqual([0, 1, 1, 0]);
  });

  it('handles a 10,000 × 784 table', () => {
    const n = 10_000;
    const columns = [Float64Array.from({ length: n }, (_, r) => r % 10)];
    for (let k = 0; k < 784; k++) columns.push(Float64Array.from({ length: n }, (_, r) => (r + k) % 256));
    const ds = pixelTableToDataset(tableFromNumbers(['label', ...pixelNames(784)], columns));
    expect(ds.labels.length).toBe(n);
    expect(ds.pixels[9999 * 784 + 783]).toBe((9999 + 783) % 256);
    expect(classCounts(ds)).toEqual(new Array(10).fill(1000));
  });
});
