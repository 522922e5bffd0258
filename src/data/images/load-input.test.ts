import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImageDataError } from './errors';
import { loadImageInput, summarizeImages } from './load-input';
import { DEFAULT_IMAGE_SETTINGS } from './settings';
import { classifyImageFiles, type ImageLoadProgress } from './summary';
import { encodePng } from './test-utils/encoders';
import { fakeDecode } from './test-utils/fake-decoder';

const settings = { ...DEFAULT_IMAGE_SETTINGS, width: 4, height: 4 };

function grayPng(size: number, value: number): Uint8Array<ArrayBuffer> {
  return encodePng(size, size, 1, new Uint8Array(size * size).fill(value)) as Uint8Array<ArrayBuffer>;
}

describe('classifyImageFiles', () => {
  const file = (name: string) => new File([new Uint8Array(1)], name);
  it('tells folders, zips, pixel CSVs and IDX pairs apart', () => {
    const folder = classifyImageFiles([file('1.png'), file('2.png')], ['shapes/circle/1.png', 'shapes/square/2.png']);
    expect(folder.ok && folder.input.kind === 'files' && folder.name).toBe('shapes');
    const zip = classifyImageFiles([file('data.ZIP')]);
    expect(zip.ok && zip.input.kind).toBe('zip');
    const csv = classifyImageFiles([file('fashion-mnist_train.csv')]);
    expect(csv.ok && csv.input.kind).toBe('pixel-csv');
    const idx = classifyImageFiles([file('t10k-labels-idx1-ubyte.gz'), file('t10k-images-idx3-ubyte.gz')]);
    expect(idx.ok && idx.input.kind === 'idx' && idx.input.images.name).toBe('t10k-images-idx3-ubyte.gz');
  });

  it('says what to do with half an IDX pair or an unknown file', () => {
    const half = classifyImageFiles([file('train-images-idx3-ubyte.gz')]);
    expect(!half.ok && half.message).toMatch(/Choose both files together/);
    const odd = classifyImageFiles([file('notes.docx')]);
    expect(!odd.ok && odd.message).toMatch(/Could not tell what notes\.docx is/);
  });
});

describe('loadImageInput', () => {
  it('loads a folder at the requested size and summarizes it with counts per class', async () => {
    const files = [
      { path: 'set/dark/a.png', file: new File([grayPng(8, 10)], 'a.png') },
      { path: 'set/dark/b.png', file: new File([grayPng(8, 20)], 'b.png') },
      { path: 'set/light/c.png', file: new File([grayPng(8, 240)], 'c.png') },
      { path: 'set/light/broken.png', file: new File([grayPng(8, 1).slice(0, 30)], 'broken.png') },
    ];
    const progress: ImageLoadProgress[] = [];
    const loaded = await loadImageInput({ input: { kind: 'files', files }, settings }, { decode: fakeDecode, onProgress: (p) => progress.push(p) });
    const summary = summarizeImages('images-1', 'set', 'files', loaded, 0.5);
    expect(summary).toMatchObject({ kind: 'images', rows: 3, files: 4, width: 4, height: 4, channels: 1, classes: ['dark', 'light'], classCounts: [2, 1] });
    expect(summary.skipped.map((s) => s.file)).toEqual(['set/light/broken.png']);
    expect(progress.some((p) => p.step === 'decoding')).toBe(true);
  });

  it('reads a zip the same way', async () => {
    const zip = zipSync({ 'x/a/1.png': grayPng(4, 0), 'x/b/2.png': grayPng(4, 255), '__MACOSX/x/a/._1.png': new Uint8Array(3) });
    const loaded = await loadImageInput({ input: { kind: 'zip', file: new File([zip as Uint8Array<ArrayBuffer>], 'x.zip') }, settings }, { decode: fakeDecode });
    expect(loaded.dataset.classes).toEqual(['a', 'b']);
    expect(Array.from(loaded.dataset.pixels.subarray(16, 20))).toEqual([255, 255, 255, 255]);
  });

  it('fails a truncated zip with a clear error', async () => {
    const zip = zipSync({ 'a/1.png': grayPng(4, 0), 'b/2.png': grayPng(4, 255) });
    const error = await loadImageInput({ input: { kind: 'zip', file: new File([zip.slice(0, zip.length - 30) as Uint8Array<ArrayBuffer>], 'cut.zip') }, settings }, { decode: fakeDecode }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImageDataError);
    expect((error as ImageDataError).message).toMatch(/cut\.zip/);
  });

  it('parses a pixel CSV with the studio parser and resizes it to the chosen size', async () => {
    const header = ['label', ...Array.from({ length: 64 }, (_, i) => `pixel${i}`)].join(',');
    const row = (label: string, value: number) => [label, ...Array.from({ length: 64 }, () => value)].join(',');
    const csv = [header, row('0', 0), row('1', 200), row('1', 100)].join('\n');
    const loaded = await loadImageInput({ input: { kind: 'pixel-csv', file: new File([csv], 'px.csv') }, settings, classNames: ['zero', 'one'] }, { decode: fakeDecode });
    expect([loaded.dataset.width, loaded.dataset.height, loaded.dataset.channels]).toEqual([4, 4, 1]);
    expect(loaded.dataset.classes).toEqual(['zero', 'one']);
    expect(loaded.dataset.pixels[16]).toBe(200);
  });
});
