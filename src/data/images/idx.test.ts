import { existsSync, openAsBlob } from 'node:fs';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImageDataError } from './errors';
import { FASHION_MNIST_CLASSES, idxToDataset, loadIdxDataset, parseIdx, readIdxBytes } from './idx';
import { classCounts, validateImageDataset } from './image-dataset';
import { blobOf } from './test-utils/bytes';

function idxBytes(dims: number[], data: ArrayLike<number>, type = 0x08): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = type;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}

const imagePixels = Array.from({ length: 12 }, (_, i) => i * 20);
const images = idxBytes([3, 2, 2], imagePixels);
const labels = idxBytes([3], [0, 2, 1]);

async function rejection(promise: Promise<unknown>): Promise<ImageDataError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageDataError);
  return error as ImageDataError;
}

describe('parseIdx / idxToDataset', () => {
  it('builds a data set from images and labels', () => {
    const ds = idxToDataset(parseIdx(images, 'img'), parseIdx(labels, 'lab'), { imagesName: 'img' });
    expect([ds.width, ds.height, ds.channels]).toEqual([2, 2, 1]);
    expect(Array.from(ds.pixels)).toEqual(imagePixels);
    expect(Array.from(ds.labels)).toEqual([0, 2, 1]);
    expect(ds.classes).toEqual(['0', '1', '2']);
    expect(ds.sources).toEqual(['img#0', 'img#1', 'img#2']);
    validateImageDataset(ds);
  });

  it('uses given class names and checks labels against them', () => {
    const ds = idxToDataset(parseIdx(images, 'i'), parseIdx(labels, 'l'), { classNames: ['cat', 'dog', 'bird', 'fish'] });
    expect(ds.classes).toEqual(['cat', 'dog', 'bird', 'fish']);
    expect(() => idxToDataset(parseIdx(images, 'i'), parseIdx(labels, 'l'), { classNames: ['cat', 'dog'], labelsName: 'l' })).toThrow(/l: label 2 at position 1 has no class name \(2 names given\)/);
  });

  it('supports n × rows × cols × 3 colour images', () => {
    const rgb = idxBytes([1, 1, 2, 3], [1, 2, 3, 4, 5, 6]);
    const ds = idxToDataset(parseIdx(rgb, 'rgb'), parseIdx(idxBytes([1], [0]), 'l'));
    expect([ds.width, ds.height, ds.channels]).toEqual([2, 1, 3]);
  });

  it('explains wrong magic, wrong type, truncation, trailing bytes and swapped files', () => {
    expect(() => parseIdx(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2]), 'x.png')).toThrow(/x\.png is not an IDX file: it starts with 89 50 4e 47/);
    expect(() => parseIdx(idxBytes([1], [0, 0, 0, 0], 0x0d), 'f')).toThrow(/float values; only unsigned-byte/);
    const cut = images.subarray(0, images.length - 3);
    try {
      parseIdx(cut, 'train-images');
      expect.unreachable();
    } catch (error) {
      expect((error as ImageDataError).code).toBe('idx_truncated');
      expect((error as ImageDataError).message).toMatch(/train-images is incomplete: its header promises 3 × 2 × 2 = 12 bytes of data but only 9/);
    }
    expect(() => parseIdx(images.subarray(0, 10), 'h')).toThrow(/cut off inside its header/);
    expect(() => parseIdx(new Uint8Array([...images, 0]), 'extra')).toThrow(/1 unexpected bytes/);
    expect(() => idxToDataset(parseIdx(labels, 'L'), parseIdx(images, 'I'), { imagesName: 'L', labelsName: 'I' })).toThrow(/swap/);
    expect(() => idxToDataset(parseIdx(images, 'I'), parseIdx(images, 'I2'), { labelsName: 'I2' })).toThrow(/swap/);
  });

  it('rejects a count mismatch between images and labels', () => {
    try {
      idxToDataset(parseIdx(images, 'i'), parseIdx(idxBytes([2], [0, 1]), 'l'), { imagesName: 'train-images', labelsName: 't10k-labels' });
      expect.unreachable();
    } catch (error) {
      expect((error as ImageDataError).code).toBe('idx_count_mismatch');
      expect((error as ImageDataError).message).toBe('train-images has 3 images but t10k-labels has 2 labels. Use files from the same set (train with train, t10k with t10k).');
    }
  });
});

describe('readIdxBytes / loadIdxDataset', () => {
  it('reads plain and gzipped files from Blobs', async () => {
    const ds = await loadIdxDataset(blobOf(gzipSync(images)), blobOf(labels), { imagesName: 'i.gz' });
    expect(Array.from(ds.pixels)).toEqual(imagePixels);
    expect(ds.sources[2]).toBe('i.gz#2');
  });

  it('reports a truncated gzip and caps decompressed size', async () => {
    const gz = gzipSync(new Uint8Array(100_000).fill(3));
    const bad = await rejection(readIdxBytes(blobOf(gz.subarray(0, gz.length - 20)), { name: 'cut.gz' }));
    expect(bad.code).toBe('gzip_corrupt');
    expect(bad.message).toMatch(/cut\.gz is a damaged or incomplete gzip file/);
    const big = await rejection(readIdxBytes(blobOf(gz), { name: 'big.gz', maxBytes: 10_000 }));
    expect(big.code).toBe('gzip_too_large');
    const plain = await rejection(readIdxBytes(blobOf(new Uint8Array(20_000)), { name: 'raw', maxBytes: 10_000 }));
    expect(plain.code).toBe('gzip_too_large');
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadIdxDataset(blobOf(images), blobOf(labels), { signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});

const FASHION = '/usr/share/datasets/fashion-mnist';
const haveFashion = existsSync(`${FASHION}/train-images-idx3-ubyte.gz`) && existsSync(`${FASHION}/t10k-labels-idx1-ubyte.gz`);

describe('real Fashion-MNIST files', () => {
  it.skipIf(!haveFashion)(`loads ${FASHION} train (60k) and t10k (10k) [skipped when the files are absent]`, async () => {
    const train = await loadIdxDataset(await openAsBlob(`${FASHION}/train-images-idx3-ubyte.gz`), await openAsBlob(`${FASHION}/train-labels-idx1-ubyte.gz`), {
      classNames: FASHION_MNIST_CLASSES,
      imagesName: 'train-images-idx3-ubyte.gz',
    });
    expect([train.width, train.height, train.channels, train.labels.length]).toEqual([28, 28, 1, 60000]);
    expect(train.classes[9]).toBe('Ankle boot');
    expect(train.labels[0]).toBe(9);
    expect(classCounts(train)).toEqual(new Array(10).fill(6000));
    expect(train.pixels.length).toBe(60000 * 784);
    validateImageDataset(train);

    const test = await loadIdxDataset(await openAsBlob(`${FASHION}/t10k-images-idx3-ubyte.gz`), await openAsBlob(`${FASHION}/t10k-labels-idx1-ubyte.gz`));
    expect(test.labels.length).toBe(10000);
    expect(test.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(classCounts(test)).toEqual(new Array(10).fill(1000));

    const mismatch = await rejection(loadIdxDataset(await openAsBlob(`${FASHION}/t10k-images-idx3-ubyte.gz`), await openAsBlob(`${FASHION}/train-labels-idx1-ubyte.gz`)));
    expect(mismatch.code).toBe('idx_count_mismatch');
  });
});
