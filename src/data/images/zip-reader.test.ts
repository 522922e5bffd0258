import { zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImageDataError, ZipError } from './errors';
import { blobOf, concatBytes, firstDifference } from './test-utils/bytes';
import { encodePng } from './test-utils/encoders';
import { buildZip64, patchCentralEntry } from './test-utils/zip';
import { createZipBudget, listZipEntries, readZipEntry, type ZipEntry } from './zip-reader';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

function pattern(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 7 + seed * 13 + (i >> 5)) & 0xff;
  return out;
}

async function expectZipError(promise: Promise<unknown>, code: string, message?: RegExp): Promise<ZipError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZipError);
  const zipError = error as ZipError;
  expect(zipError.code).toBe(code);
  if (message) expect(zipError.message).toMatch(message);
  return zipError;
}

function entry(entries: ZipEntry[], name: string): ZipEntry {
  const found = entries.find((e) => e.name === name);
  if (!found) throw new Error(`missing entry ${name}; have ${entries.map((e) => e.name).join(', ')}`);
  return found;
}

describe('listZipEntries', () => {
  const cat = pattern(5000, 1);
  const dog = pattern(3000, 2);
  const files: Zippable = {
    'pets/': {},
    'pets/cats/1.png': cat,
    'pets/dogs/2.png': [dog, { level: 0 }],
    'pets/__proto__/3.png': text('proto'),
    'pets/constructor/4.png': text('ctor'),
    'pets/<b>html</b>/5.png': text('html'),
    '__MACOSX/pets/cats/._1.png': text('junk'),
    'pets/cats/.DS_Store': text('junk'),
    '../evil.png': text('evil'),
    'pets/cats/../../evil2.png': text('evil'),
  };
  const zip = zipSync(files);

  it('lists files, ignores junk and directories, and skips traversal with a reason naming the file', async () => {
    const listing = await listZipEntries(blobOf(zip));
    expect(listing.entries.map((e) => e.name).sort()).toEqual(['pets/<b>html</b>/5.png', 'pets/__proto__/3.png', 'pets/cats/1.png', 'pets/constructor/4.png', 'pets/dogs/2.png']);
    expect(listing.ignoredJunk).toBe(2);
    expect(listing.skipped.map((s) => s.file).sort()).toEqual(['../evil.png', 'pets/cats/../../evil2.png']);
    expect(listing.skipped[0].reason).toMatch(/Skipped "..\/evil.png": .*traversal/);
    expect(entry(listing.entries, 'pets/dogs/2.png').method).toBe(0);
    expect(entry(listing.entries, 'pets/cats/1.png').method).toBe(8);
  });

  it('reads stored and deflated entries byte-exactly', async () => {
    const blob = blobOf(zip);
    const { entries } = await listZipEntries(blob);
    expect(firstDifference(await readZipEntry(blob, entry(entries, 'pets/cats/1.png')), cat)).toBe(-1);
    expect(firstDifference(await readZipEntry(blob, entry(entries, 'pets/dogs/2.png')), dog)).toBe(-1);
    expect(new TextDecoder().decode(await readZipEntry(blob, entry(entries, 'pets/__proto__/3.png')))).toBe('proto');
  });

  it('reads entries larger than one read chunk', async () => {
    const big = pattern(3 * 1024 * 1024 + 17, 3);
    const bigZip = zipSync({ 'a/big.bin': big, 'a/stored.bin': [big, { level: 0 }] });
    const blob = blobOf(bigZip);
    const { entries } = await listZipEntries(blob);
    for (const e of entries) expect(firstDifference(await readZipEntry(blob, e), big)).toBe(-1);
  });

  it('fails clearly on a truncated copy', async () => {
    for (const keep of [zip.length - 1, zip.length - 30, Math.floor(zip.length / 2), 40]) {
      const error = await expectZipError(listZipEntries(new File([zip.slice(0, keep)], 'pets.zip')), 'zip_truncated', /pets\.zip is incomplete/);
      expect(error.message).toMatch(/again/);
    }
  });

  it('says what a non-zip file is', async () => {
    await expectZipError(listZipEntries(blobOf(new Uint8Array(0))), 'zip_not_a_zip', /empty/);
    await expectZipError(listZipEntries(blobOf(encodePng(1, 1, 1, new Uint8Array([0])))), 'zip_not_a_zip', /PNG image/);
    await expectZipError(listZipEntries(blobOf(text('Rar!\x1a\x07\x00 and more'))), 'zip_not_a_zip', /RAR/);
    const noise = pattern(8 * 1024 * 1024, 9);
    await expectZipError(listZipEntries(blobOf(noise)), 'zip_not_a_zip');
  });

  it('rejects a damaged central directory', async () => {
    const broken = patchCentralEntry(zip, 'pets/cats/1.png', (view, at) => view.setUint32(at, 0xdeadbeef, true));
    await expectZipError(listZipEntries(blobOf(broken)), 'zip_corrupt', /table of contents/);
  });

  it('skips encrypted entries and unsupported methods with reasons', async () => {
    let patched = patchCentralEntry(zip, 'pets/cats/1.png', (view, at) => view.setUint16(at + 8, view.getUint16(at + 8, true) | 1, true));
    patched = patchCentralEntry(patched, 'pets/dogs/2.png', (view, at) => view.setUint16(at + 10, 14, true));
    const listing = await listZipEntries(blobOf(patched));
    const reasons = new Map(listing.skipped.map((s) => [s.file, s.reason]));
    expect(reasons.get('pets/cats/1.png')).toMatch(/encrypted/);
    expect(reasons.get('pets/dogs/2.png')).toMatch(/method 14 \(LZMA\)/);
    expect(listing.entries.map((e) => e.name)).not.toContain('pets/cats/1.png');
  });

  it('supports archives with a prefix (self-extracting stubs)', async () => {
    const prefixed = concatBytes([new Uint8Array(1234).fill(0x41), zip]);
    const blob = blobOf(prefixed);
    const { entries } = await listZipEntries(blob);
    expect(firstDifference(await readZipEntry(blob, entry(entries, 'pets/cats/1.png')), cat)).toBe(-1);
  });

  it('reads ZIP64 archives', async () => {
    const zip64 = buildZip64([
      { name: 'cats/1.png', data: cat },
      { name: 'dogs/2.png', data: dog },
    ]);
    const blob = blobOf(zip64);
    const { entries } = await listZipEntries(blob);
    expect(entries.map((e) => e.name)).toEqual(['cats/1.png', 'dogs/2.png']);
    expect(entries[1].uncompressedSize).toBe(dog.length);
    expect(firstDifference(await readZipEntry(blob, entries[1]), dog)).toBe(-1);
  });

  it('lists 5,000 small PNGs well under a second', async () => {
    const many: Zippable = {};
    for (let i = 0; i < 5000; i++) {
      const v = i & 0xff;
      many[`digits/${i % 10}/img_${i}.png`] = encodePng(8, 8, 1, new Uint8Array(64).fill(v));
    }
    const blob = blobOf(zipSync(many));
    const { entries } = await listZipEntries(blob);
    expect(entries).toHaveLength(5000);
  });
});

describe('readZipEntry safety', () => {
  const payload = pattern(10_000, 4);
  const zip = zipSync({ 'c/a.png': payload, 'c/b.png': [payload, { level: 0 }] });

  it('detects an entry whose declared size lies (smaller than its content)', async () => {
    const lying = patchCentralEntry(zip, 'c/a.png', (view, at) => view.setUint32(at + 24, 100, true));
    const blob = blobOf(lying);
    const { entries } = await listZipEntries(blob);
    await expectZipError(readZipEntry(blob, entry(entries, 'c/a.png')), 'zip_entry_corrupt', /declares 100 bytes but it contains 10000/);
  });

  it('does not allocate from a huge declared size', async () => {
    const lying = patchCentralEntry(zip, 'c/a.png', (view, at) => view.setUint32(at + 24, 0xfffffff0, true));
    const blob = blobOf(lying);
    const { entries } = await listZipEntries(blob);
    await expectZipError(readZipEntry(blob, entry(entries, 'c/a.png'), { maxBytes: 1e6 }), 'zip_entry_too_large', /c\/a\.png/);
  });

  it('detects corrupted contents by checksum', async () => {
    const { entries } = await listZipEntries(blobOf(zip));
    const stored = entry(entries, 'c/b.png');
    const copy = new Uint8Array(zip);
    const view = new DataView(copy.buffer);
    const dataStart = stored.localHeaderOffset + 30 + view.getUint16(stored.localHeaderOffset + 26, true) + view.getUint16(stored.localHeaderOffset + 28, true);
    copy[dataStart + 500] ^= 0xff;
    await expectZipError(readZipEntry(blobOf(copy), stored), 'zip_entry_corrupt', /Skipped "c\/b\.png": its checksum/);
  });

  it('stops a zip-bomb-like entry at the per-entry cap, even when its declared size lies', async () => {
    const zeros = new Uint8Array(16 * 1024 * 1024);
    const bomb = zipSync({ 'c/bomb.png': [zeros, { level: 9 }] });
    const lying = patchCentralEntry(bomb, 'c/bomb.png', (view, at) => view.setUint32(at + 24, 1000, true));
    expect(bomb.length).toBeLessThan(50_000);
    const blob = blobOf(lying);
    const { entries } = await listZipEntries(blob);
    const error = await expectZipError(readZipEntry(blob, entries[0], { maxBytes: 1024 * 1024 }), 'zip_entry_too_large', /Skipped "c\/bomb\.png": it expands to more than 1 MiB/);
    expect(error.file).toBe('c/bomb.png');
  });

  it('enforces a total budget across entries', async () => {
    const blob = blobOf(zip);
    const { entries } = await listZipEntries(blob);
    const budget = createZipBudget(15_000);
    await readZipEntry(blob, entries[0], { budget });
    expect(budget.remaining).toBe(5000);
    const error = await expectZipError(readZipEntry(blob, entries[1], { budget }), 'zip_too_large', /in total/);
    expect(error).toBeInstanceOf(ImageDataError);
  });

  it('honours an aborted signal', async () => {
    const blob = blobOf(zip);
    const { entries } = await listZipEntries(blob);
    const controller = new AbortController();
    controller.abort();
    await expect(readZipEntry(blob, entries[0], { signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});
