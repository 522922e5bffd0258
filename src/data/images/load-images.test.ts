import { gzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import type { DecodeImageFn } from './decode-image';
import { ImageDataError } from './errors';
import { classCounts, copyImage, validateImageDataset } from './image-dataset';
import { loadImageDataset, type LoadImagesOptions, type LoadProgress } from './load-images';
import { blobOf } from './test-utils/bytes';
import { encodeBmp, encodePng, gifBytes, webpExtendedBytes } from './test-utils/encoders';
import { fakeDecode } from './test-utils/fake-decoder';
import { patchCentralEntry } from './test-utils/zip';

const options: LoadImagesOptions = { width: 4, height: 4, channels: 'auto', maxTotalBytes: 100 * 1024 * 1024, maxPixelsPerImage: 1_000_000 };

/** Solid-colour RGB PNG. */
function solidPng(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const px = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) px.set(rgb, i * 3);
  return encodePng(width, height, 3, px);
}

function grayPng(width: number, height: number, value: number): Uint8Array {
  return encodePng(width, height, 1, new Uint8Array(width * height).fill(value));
}

function solidBmp(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const px = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) px.set(rgb, i * 3);
  return encodeBmp(width, height, px);
}

async function rejection(promise: Promise<unknown>): Promise<ImageDataError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageDataError);
  return error as ImageDataError;
}

function files(entries: Record<string, Uint8Array>): { kind: 'files'; files: { path: string; blob: Blob }[] } {
  return { kind: 'files', files: Object.entries(entries).map(([path, bytes]) => ({ path, blob: blobOf(bytes) })) };
}

describe('loadImageDataset: folders', () => {
  it('decodes, resizes and labels images, and reports unreadable ones by name', async () => {
    const broken = solidPng(8, 8, [1, 2, 3]).slice(0, 45); // signature, IHDR and the start of IDAT
    const source = files({
      'pets/cats/a.png': solidPng(8, 8, [255, 0, 0]),
      'pets/cats/b.png': solidPng(2, 2, [0, 0, 255]),
      'pets/cats/broken.png': broken,
      'pets/dogs/c.bmp': solidBmp(3, 5, [10, 200, 30]),
      'pets/dogs/d.gif': gifBytes(4, 4),
      'pets/dogs/notes.txt': new TextEncoder().encode('hello'),
      'pets/loose.png': solidPng(1, 1, [0, 0, 0]),
    });
    const warnings: string[] = [];
    const ds = await loadImageDataset(source, options, { decode: fakeDecode, onWarning: (w) => warnings.push(w) });
    validateImageDataset(ds);
    expect(ds.classes).toEqual(['cats', 'dogs']);
    expect([ds.width, ds.height, ds.channels]).toEqual([4, 4, 3]);
    expect(ds.sources).toEqual(['pets/cats/a.png', 'pets/cats/b.png', 'pets/dogs/c.bmp']);
    expect(Array.from(ds.labels)).toEqual([0, 0, 1]);
    expect(Array.from(copyImage(ds, 0).subarray(0, 6))).toEqual([255, 0, 0, 255, 0, 0]);
    expect(copyImage(ds, 1).every((v, i) => v === (i % 3 === 2 ? 255 : 0))).toBe(true);
    expect(Array.from(copyImage(ds, 2).subarray(45, 48))).toEqual([10, 200, 30]);
    const skipped = new Map(ds.skipped.map((s) => [s.file, s.reason]));
    expect([...skipped.keys()].sort()).toEqual(['pets/cats/broken.png', 'pets/dogs/d.gif', 'pets/loose.png']);
    expect(skipped.get('pets/cats/broken.png')).toMatch(/^Skipped "pets\/cats\/broken\.png": the image could not be decoded/);
    expect(skipped.get('pets/dogs/d.gif')).toMatch(/test decoder cannot decode gif/);
    expect(skipped.get('pets/loose.png')).toMatch(/not inside a class folder/);
    expect(warnings).toEqual([]);
  });

  it("'auto' gives grayscale when every image is gray; 1 forces luma; 3 replicates", async () => {
    const gray = files({ 'a/1.png': grayPng(4, 4, 50), 'b/2.png': solidPng(4, 4, [90, 90, 90]) });
    const auto = await loadImageDataset(gray, options, { decode: fakeDecode });
    expect(auto.channels).toBe(1);
    expect(Array.from(auto.pixels.subarray(16, 20))).toEqual([90, 90, 90, 90]);
    const rgb = await loadImageDataset(gray, { ...options, channels: 3 }, { decode: fakeDecode });
    expect(rgb.channels).toBe(3);
    const colour = files({ 'a/1.png': solidPng(4, 4, [255, 0, 0]), 'b/2.png': grayPng(4, 4, 7) });
    const luma = await loadImageDataset(colour, { ...options, channels: 1 }, { decode: fakeDecode });
    expect([luma.pixels[0], luma.pixels[16]]).toEqual([76, 7]);
    const promoted = await loadImageDataset(colour, options, { decode: fakeDecode });
    expect(promoted.channels).toBe(3);
    expect(Array.from(promoted.pixels.subarray(48, 51))).toEqual([7, 7, 7]);
  });

  it('composites transparency over white by default, or black', async () => {
    const rgba = new Uint8Array(4 * 4 * 4); // fully transparent
    const source = files({ 'a/t.png': encodePng(4, 4, 4, rgba), 'b/g.png': grayPng(4, 4, 100) });
    expect((await loadImageDataset(source, options, { decode: fakeDecode })).pixels[0]).toBe(255);
    expect((await loadImageDataset(source, { ...options, background: 'black' }, { decode: fakeDecode })).pixels[0]).toBe(0);
  });

  it("uses the first readable image's size with 'native'", async () => {
    const source = files({ 'a/1.png': solidPng(6, 3, [1, 2, 3]).slice(0, 50), 'a/2.png': solidPng(5, 2, [1, 2, 3]), 'b/3.png': solidPng(10, 4, [4, 5, 6]) });
    const ds = await loadImageDataset(source, { ...options, width: 'native', height: 'native' }, { decode: fakeDecode });
    expect([ds.width, ds.height, ds.labels.length]).toEqual([5, 2, 2]);
    expect(Array.from(ds.pixels.subarray(30, 33))).toEqual([4, 5, 6]);
  });

  it('skips images over the pixel cap before decoding them', async () => {
    const decode = vi.fn(fakeDecode);
    const source = files({ 'a/1.png': solidPng(4, 4, [1, 1, 2]), 'b/2.png': solidPng(4, 4, [3, 3, 4]), 'b/huge.webp': webpExtendedBytes(5000, 5000) });
    const ds = await loadImageDataset(source, options, { decode });
    expect(decode).toHaveBeenCalledTimes(2);
    expect(ds.skipped[0].reason).toMatch(/Skipped "b\/huge\.webp": the image is 5000×5000 \(25 megapixels\), over the 1 megapixels limit/);
  });

  it('fails with what it found when fewer than 2 classes are readable', async () => {
    const oneClass = await rejection(loadImageDataset(files({ 'a/1.png': grayPng(2, 2, 1), 'b/2.png': new Uint8Array(10) }), options, { decode: fakeDecode }));
    expect(oneClass.code).toBe('images_too_few_classes');
    expect(oneClass.message).toMatch(/Only the class "a" has readable images \(1\); 1 file\(s\) were skipped.*b\/2\.png/);
    const none = await rejection(loadImageDataset(files({ 'a/1.png': new Uint8Array(3), 'b/2.png': new Uint8Array(3) }), options, { decode: fakeDecode }));
    expect(none.code).toBe('images_none_readable');
    expect(none.message).toMatch(/None of the 2 images could be read\. Skipped "a\/1\.png"/);
    const layout = await rejection(loadImageDataset(files({ 'only/1.png': grayPng(2, 2, 1) }), options, { decode: fakeDecode }));
    expect(layout.code).toBe('layout_too_few_classes');
  });

  it('refuses inputs over the total size limit before reading', async () => {
    const source = files({ 'a/1.png': grayPng(64, 64, 1), 'b/2.png': grayPng(64, 64, 2) });
    const error = await rejection(loadImageDataset(source, { ...options, maxTotalBytes: 100 }, { decode: fakeDecode }));
    expect(error.code).toBe('images_too_large');
  });

  it('validates options', async () => {
    const error = await rejection(loadImageDataset(files({}), { ...options, width: 0 }, { decode: fakeDecode }));
    expect(error.code).toBe('images_bad_options');
  });
});

describe('loadImageDataset: zip', () => {
  it('loads a hostile zip: strips the top folder, keeps __proto__ classes, skips traversal, lies and bombs', async () => {
    const entries: Zippable = {
      'dataset/__proto__/1.png': solidPng(4, 4, [1, 2, 3]),
      'dataset/__proto__/2.bmp': solidBmp(4, 4, [4, 5, 6]),
      'dataset/constructor/3.png': solidPng(4, 4, [7, 8, 9]),
      'dataset/constructor/liar.png': solidPng(4, 4, [7, 8, 9]),
      'dataset/constructor/bomb.png': [new Uint8Array(4 * 1024 * 1024), { level: 9 }],
      '__MACOSX/dataset/__proto__/._1.png': new Uint8Array(10),
      'dataset/.DS_Store': new Uint8Array(10),
      '../evil.png': solidPng(4, 4, [0, 0, 0]),
    };
    let zip = zipSync(entries);
    zip = patchCentralEntry(zip, 'dataset/constructor/liar.png', (view, at) => view.setUint32(at + 24, 10, true));
    zip = patchCentralEntry(zip, 'dataset/constructor/bomb.png', (view, at) => view.setUint32(at + 24, 1000, true));
    const ds = await loadImageDataset({ kind: 'zip', blob: new File([zip], 'pets.zip') }, { ...options, maxFileBytes: 1024 * 1024 }, { decode: fakeDecode });
    validateImageDataset(ds);
    expect(ds.classes).toEqual(['__proto__', 'constructor']);
    expect(classCounts(ds)).toEqual([2, 1]);
    expect(ds.sources).toEqual(['dataset/__proto__/1.png', 'dataset/__proto__/2.bmp', 'dataset/constructor/3.png']);
    const reasons = new Map(ds.skipped.map((s) => [s.file, s.reason]));
    expect([...reasons.keys()].sort()).toEqual(['../evil.png', 'dataset/constructor/bomb.png', 'dataset/constructor/liar.png']);
    expect(reasons.get('../evil.png')).toMatch(/path traversal/);
    expect(reasons.get('dataset/constructor/liar.png')).toMatch(/declares 10 bytes but it contains/);
    expect(reasons.get('dataset/constructor/bomb.png')).toMatch(/expands to more than 1 MiB/);
  });

  it('fails clearly on a truncated zip', async () => {
    const zip = zipSync({ 'a/1.png': grayPng(4, 4, 1), 'b/1.png': grayPng(4, 4, 2) });
    const error = await rejection(loadImageDataset({ kind: 'zip', blob: blobOf(zip.slice(0, zip.length - 10)), name: 'data.zip' }, options, { decode: fakeDecode }));
    expect(error.code).toBe('zip_truncated');
    expect(error.message).toMatch(/^data\.zip is incomplete/);
  });

  it('stops when the real decompressed total passes the limit', async () => {
    const zeros = new Uint8Array(300_000);
    let zip = zipSync({ 'a/1.png': zeros, 'b/2.png': zeros, 'b/3.png': zeros });
    for (const name of ['a/1.png', 'b/2.png', 'b/3.png']) zip = patchCentralEntry(zip, name, (view, at) => view.setUint32(at + 24, 10, true));
    const error = await rejection(loadImageDataset({ kind: 'zip', blob: blobOf(zip) }, { ...options, maxTotalBytes: 500_000, concurrency: 1 }, { decode: fakeDecode }));
    expect(error.code).toBe('zip_too_large');
  });

  it('loads a zip of 5,000 small PNGs with throttled progress', async () => {
    const entries: Zippable = {};
    for (let i = 0; i < 5000; i++) entries[`digits/${i % 10}/${String(i).padStart(4, '0')}.png`] = grayPng(8, 8, i % 256);
    const zip = zipSync(entries);
    const events: LoadProgress[] = [];
    let clock = 0;
    const ds = await loadImageDataset(
      { kind: 'zip', blob: blobOf(zip) },
      { ...options, width: 8, height: 8 },
      {
        decode: fakeDecode,
        onProgress: (p) => events.push(p),
        now: () => (clock += 1),
      },
    );
    expect(ds.labels.length).toBe(5000);
    expect(ds.channels).toBe(1);
    expect(classCounts(ds)).toEqual(new Array(10).fill(500));
    expect(ds.pixels[ds.sources.indexOf('digits/3/0123.png') * 64]).toBe(123);
    const decoding = events.filter((e) => e.phase === 'decoding');
    expect(decoding[0]).toEqual({ phase: 'decoding', done: 0, total: 5000 });
    expect(decoding[decoding.length - 1]).toEqual({ phase: 'decoding', done: 5000, total: 5000 });
    // one tick per clock read: ≥ 50 ticks between reports, so ~100 reports rather than 5,000
    expect(decoding.length).toBeLessThan(150);
    for (let i = 1; i < decoding.length; i++) expect(decoding[i].done).toBeGreaterThan(decoding[i - 1].done);
  });

  it('honours an AbortSignal promptly', async () => {
    const entries: Zippable = {};
    for (let i = 0; i < 200; i++) entries[`c${i % 2}/${i}.png`] = grayPng(4, 4, i);
    const blob = blobOf(zipSync(entries));
    const controller = new AbortController();
    let decoded = 0;
    const decode: DecodeImageFn = async (bytes, name, opts) => {
      if (++decoded === 10) controller.abort();
      return fakeDecode(bytes, name, opts);
    };
    await expect(loadImageDataset({ kind: 'zip', blob }, options, { decode, signal: controller.signal })).rejects.toThrow(/abort/i);
    expect(decoded).toBeLessThan(20);
    const pre = new AbortController();
    pre.abort();
    await expect(loadImageDataset({ kind: 'zip', blob }, options, { decode, signal: pre.signal })).rejects.toThrow(/abort/i);
  });
});

describe('loadImageDataset: idx', () => {
  function idx(dims: number[], data: number[]): Uint8Array {
    const out = new Uint8Array(4 + 4 * dims.length + data.length);
    out[2] = 8;
    out[3] = dims.length;
    dims.forEach((d, i) => new DataView(out.buffer).setUint32(4 + 4 * i, d));
    out.set(data, 4 + 4 * dims.length);
    return out;
  }
  const images = idx([2, 2, 2], [0, 0, 0, 0, 10, 20, 30, 40]);
  const labels = idx([2], [1, 0]);

  it('keeps native size with native options', async () => {
    const ds = await loadImageDataset(
      { kind: 'idx', images: blobOf(gzipSync(images)), labels: blobOf(labels) },
      { ...options, width: 'native', height: 'native', classNames: ['no', 'yes'] },
      { decode: fakeDecode },
    );
    expect([ds.width, ds.height, ds.channels]).toEqual([2, 2, 1]);
    expect(ds.classes).toEqual(['no', 'yes']);
  });

  it('resizes and converts channels', async () => {
    const events: LoadProgress[] = [];
    const ds = await loadImageDataset({ kind: 'idx', images: blobOf(images), labels: blobOf(labels) }, { ...options, channels: 3 }, { decode: fakeDecode, onProgress: (p) => events.push(p) });
    expect([ds.width, ds.height, ds.channels, ds.pixels.length]).toEqual([4, 4, 3, 2 * 4 * 4 * 3]);
    expect(Array.from(copyImage(ds, 0)).every((v) => v === 0)).toBe(true);
    expect(Array.from(copyImage(ds, 1).subarray(0, 3))).toEqual([10, 10, 10]);
    expect(events.at(-1)).toEqual({ phase: 'resizing', done: 2, total: 2 });
    validateImageDataset(ds);
  });
});
