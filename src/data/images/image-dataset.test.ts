import { describe, expect, it } from 'vitest';
import { ImageDataError } from './errors';
import { classCounts, copyImage, ImageDatasetBuilder, imageCount, imageToRgba, sortClassNames, validateImageDataset } from './image-dataset';

const fill = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);

describe('ImageDatasetBuilder', () => {
  it('sorts classes by name (code-unit order, like Keras) and re-maps labels; user strings are safe', () => {
    const b = new ImageDatasetBuilder({ width: 2, height: 1, channels: 1 });
    const names = ['dogs', '__proto__', 'constructor', '<b>x</b>', 'cats', 'dogs', 'toString'];
    names.forEach((name, i) => b.add(fill(2, i), 1, name, `${name}/${i}.png`));
    const ds = b.build();
    expect(ds.classes).toEqual(['<b>x</b>', '__proto__', 'cats', 'constructor', 'dogs', 'toString']);
    expect(Array.from(ds.labels)).toEqual([4, 1, 3, 0, 2, 4, 5]);
    expect(ds.sources[1]).toBe('__proto__/1.png');
    expect(classCounts(ds)).toEqual([1, 1, 1, 1, 2, 1]);
    expect(Array.from(copyImage(ds, 6))).toEqual([6, 6]);
    validateImageDataset(ds);
  });

  it('grows by doubling and returns exact-size arrays', () => {
    const b = new ImageDatasetBuilder({ width: 3, height: 2, channels: 3, expectedCount: 1 });
    for (let i = 0; i < 1000; i++) b.add(fill(18, i & 0xff), 3, i % 2 ? 'odd' : 'even', `${i}`);
    const ds = b.build();
    expect(imageCount(ds)).toBe(1000);
    expect(ds.pixels.length).toBe(1000 * 18);
    expect(ds.pixels[999 * 18]).toBe(999 & 0xff);
    expect(ds.pixels[500 * 18 + 17]).toBe(500 & 0xff);
    validateImageDataset(ds);
  });

  it("'auto' stays grayscale while images are gray and promotes to RGB at the first colour image", () => {
    const gray = new ImageDatasetBuilder({ width: 1, height: 2, channels: 'auto' });
    gray.add(Uint8Array.from([10, 10, 10, 20, 20, 20]), 3, 'a', 'a1');
    gray.add(Uint8Array.from([30, 40]), 1, 'b', 'b1');
    const grayDs = gray.build();
    expect(grayDs.channels).toBe(1);
    expect(Array.from(grayDs.pixels)).toEqual([10, 20, 30, 40]);

    const mixed = new ImageDatasetBuilder({ width: 1, height: 2, channels: 'auto' });
    mixed.add(Uint8Array.from([10, 20]), 1, 'a', 'a1');
    mixed.add(Uint8Array.from([1, 2, 3, 4, 5, 6]), 3, 'b', 'b1');
    mixed.add(Uint8Array.from([7, 8]), 1, 'a', 'a2');
    const ds = mixed.build();
    expect(ds.channels).toBe(3);
    expect(Array.from(ds.pixels)).toEqual([10, 10, 10, 20, 20, 20, 1, 2, 3, 4, 5, 6, 7, 7, 7, 8, 8, 8]);
  });

  it('converts to the fixed channel count (luma for RGB → gray, replication for gray → RGB)', () => {
    const g = new ImageDatasetBuilder({ width: 1, height: 1, channels: 1 });
    g.add(Uint8Array.from([255, 0, 0]), 3, 'red', 'r');
    expect(Array.from(g.build().pixels)).toEqual([76]);
    const c = new ImageDatasetBuilder({ width: 1, height: 1, channels: 3 });
    c.add(Uint8Array.from([9]), 1, 'gray', 'g');
    expect(Array.from(c.build().pixels)).toEqual([9, 9, 9]);
  });

  it('refuses wrong-size images and growth beyond the memory limit', () => {
    const b = new ImageDatasetBuilder({ width: 10, height: 10, channels: 1, maxBytes: 250 });
    expect(() => b.add(fill(99, 0), 1, 'x', 'bad.png')).toThrow(/bad\.png: expected 10×10×1 = 100 bytes, got 99/);
    b.add(fill(100, 0), 1, 'x', '1.png');
    b.add(fill(100, 0), 1, 'x', '2.png');
    let error: unknown = null;
    try {
      b.add(fill(100, 0), 1, 'x', '3.png');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImageDataError);
    expect((error as ImageDataError).code).toBe('images_dataset_too_large');
    expect((error as ImageDataError).message).toMatch(/3\.png.*smaller image size/);
  });

  it('records skipped files', () => {
    const b = new ImageDatasetBuilder({ width: 1, height: 1, channels: 1 });
    b.skip('cats/broken.png', 'could not be decoded');
    expect(b.build().skipped).toEqual([{ file: 'cats/broken.png', reason: 'could not be decoded' }]);
  });
});

describe('helpers', () => {
  it('sorts integer class names numerically only when asked', () => {
    expect(sortClassNames(['10', '2', '1'], 'name')).toEqual(['1', '10', '2']);
    expect(sortClassNames(['10', '2', '1'], 'numeric')).toEqual(['1', '2', '10']);
    expect(sortClassNames(['10', 'b', '1'], 'numeric')).toEqual(['1', '10', 'b']);
  });

  it('expands images to RGBA for galleries and copies rather than views', () => {
    const b = new ImageDatasetBuilder({ width: 2, height: 1, channels: 1 });
    b.add(Uint8Array.from([0, 200]), 1, 'a', 'a');
    const ds = b.build();
    expect(Array.from(imageToRgba(ds, 0))).toEqual([0, 0, 0, 255, 200, 200, 200, 255]);
    const copy = copyImage(ds, 0);
    copy[0] = 99;
    expect(ds.pixels[0]).toBe(0);
    expect(() => copyImage(ds, 1)).toThrow(/out of range/);
  });

  it('validates invariants', () => {
    const b = new ImageDatasetBuilder({ width: 1, height: 1, channels: 1 });
    b.add(Uint8Array.from([1]), 1, 'a', 'a');
    const ds = b.build();
    expect(() => validateImageDataset({ ...ds, labels: Int32Array.from([3]) })).toThrow(/label 3/);
    expect(() => validateImageDataset({ ...ds, pixels: new Uint8Array(2) })).toThrow(/pixels has 2 bytes/);
  });
});
