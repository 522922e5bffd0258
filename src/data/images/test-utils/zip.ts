/** Test helpers: patch fields of real zips built by fflate, and build a ZIP64 archive by hand. */
import { crc32 } from '../crc32';
import { concatBytes } from './bytes';

/** Offset of the central-directory record for `name` (throws when absent). */
export function centralEntryOffset(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const wanted = new TextEncoder().encode(name);
  for (let i = zip.length - 46; i >= 0; i--) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const n = view.getUint16(i + 28, true);
    if (n !== wanted.length) continue;
    if (wanted.every((b, k) => zip[i + 46 + k] === b)) return i;
  }
  throw new Error(`no central entry named ${name}`);
}

/** Returns a patched copy: `set(view, offsetOfCentralEntry)` edits the copy. */
export function patchCentralEntry(zip: Uint8Array, name: string, set: (view: DataView, at: number) => void): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(zip);
  set(new DataView(copy.buffer), centralEntryOffset(copy, name));
  return copy;
}

/** A ZIP64 archive (stored entries, sizes and offsets only in ZIP64 extra fields, 0xFFFF counts). */
export function buildZip64(files: { name: string; data: Uint8Array }[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const file of files) {
    const name = new TextEncoder().encode(file.name);
    const crc = crc32(file.data);
    const local = new Uint8Array(30 + name.length + 20);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 45, true);
    lv.setUint16(6, 0x800, true);
    lv.setUint16(8, 0, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, 0xffffffff, true);
    lv.setUint32(22, 0xffffffff, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 20, true);
    local.set(name, 30);
    lv.setUint16(30 + name.length, 1, true);
    lv.setUint16(32 + name.length, 16, true);
    lv.setBigUint64(34 + name.length, BigInt(file.data.length), true);
    lv.setBigUint64(42 + name.length, BigInt(file.data.length), true);
    const central = new Uint8Array(46 + name.length + 28);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 45, true);
    cv.setUint16(6, 45, true);
    cv.setUint16(8, 0x800, true);
    cv.setUint16(10, 0, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, 0xffffffff, true);
    cv.setUint32(24, 0xffffffff, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, 28, true);
    cv.setUint32(42, 0xffffffff, true);
    central.set(name, 46);
    cv.setUint16(46 + name.length, 1, true);
    cv.setUint16(48 + name.length, 24, true);
    cv.setBigUint64(50 + name.length, BigInt(file.data.length), true);
    cv.setBigUint64(58 + name.length, BigInt(file.data.length), true);
    cv.setBigUint64(66 + name.length, BigInt(offset), true);
    locals.push(local, file.data);
    centrals.push(central);
    offset += local.length + file.data.length;
  }
  const cd = concatBytes(centrals);
  const cdOffset = offset;
  const zip64Offset = cdOffset + cd.length;
  const tail = new Uint8Array(56 + 20 + 22);
  const tv = new DataView(tail.buffer);
  tv.setUint32(0, 0x06064b50, true);
  tv.setBigUint64(4, 44n, true);
  tv.setUint16(12, 45, true);
  tv.setUint16(14, 45, true);
  tv.setBigUint64(24, BigInt(files.length), true);
  tv.setBigUint64(32, BigInt(files.length), true);
  tv.setBigUint64(40, BigInt(cd.length), true);
  tv.setBigUint64(48, BigInt(cdOffset), true);
  tv.setUint32(56, 0x07064b50, true);
  tv.setBigUint64(64, BigInt(zip64Offset), true);
  tv.setUint32(72, 1, true);
  tv.setUint32(76, 0x06054b50, true);
  tv.setUint16(86, 0xffff, true);
  tv.setUint16(84, 0xffff, true);
  tv.setUint32(88, 0xffffffff, true);
  tv.setUint32(92, 0xffffffff, true);
  return concatBytes([...locals, cd, tail]);
}
