/**
 * Zip reading straight from a Blob/File: the central directory is found from the end (EOCD
 * within the last 64 KiB + 22 bytes, ZIP64 supported), and each entry is read lazily with
 * `blob.slice()`, so a 2 GB archive never has to fit in memory at once.
 *
 * Safety: sizes in headers are never used to allocate (deflate output is counted while it is
 * produced and stopped at a cap); junk (`__MACOSX/`, dotfiles) is ignored; unsafe names
 * (`../`, `/abs`, `C:`, backslashes), encrypted entries, symlinks and unknown compression
 * methods are listed in `skipped` with a reason; CRC-32 and sizes are verified.
 */
import { CappedInflater } from './capped-inflate';
import { crc32 } from './crc32';
import { ZipError, type SkippedFile } from './errors';
import { formatBytes } from '../../lib/format';
import { isJunkPath, unsafePathReason } from './paths';
import { decodeZipName } from './zip-names';

export const DEFAULT_ZIP_TOTAL_BYTES = 2 * 1024 ** 3;
export const DEFAULT_ZIP_ENTRY_BYTES = 256 * 1024 ** 2;
export const DEFAULT_MAX_ZIP_ENTRIES = 1_000_000;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_LOCATOR_SIZE = 20;
const READ_CHUNK = 1024 * 1024;

export interface ZipEntry {
  /** Decoded member name, e.g. "cats/001.png" (always safe: see unsafePathReason). */
  name: string;
  /** 0 = stored, 8 = deflate (the only ones listed in `entries`). */
  method: 0 | 8;
  compressedSize: number;
  /** As declared by the archive; informational only, never used for allocation. */
  uncompressedSize: number;
  crc32: number;
  /** Absolute offset of the local header in the blob (self-extractor prefixes accounted for). */
  localHeaderOffset: number;
}

export interface ZipListing {
  /** Readable files (no directories, no junk), in central-directory order. */
  entries: ZipEntry[];
  /** Entries that cannot be read, with the reason (unsafe name, encrypted, unsupported method…). */
  skipped: SkippedFile[];
  /** How many junk entries (`__MACOSX/`, `.DS_Store`, `._x`, `Thumbs.db`) were ignored. */
  ignoredJunk: number;
}

export interface ListZipOptions {
  /** Refuse archives with more entries than this (default 1,000,000). */
  maxEntries?: number;
  /** Name used in error messages (defaults to the File's name, else "the zip file"). */
  archiveName?: string;
}

/** A running total shared by all reads from one archive. */
export interface ZipBudget {
  readonly limit: number;
  remaining: number;
}

export function createZipBudget(limit: number = DEFAULT_ZIP_TOTAL_BYTES): ZipBudget {
  return { limit, remaining: limit };
}

export interface ReadZipEntryOptions {
  /** Per-entry cap on decompressed bytes (default 256 MiB). */
  maxBytes?: number;
  /** Total cap across entries; real decompressed bytes are deducted. */
  budget?: ZipBudget;
  signal?: AbortSignal;
  archiveName?: string;
}

function u16(bytes: Uint8Array, p: number): number {
  return bytes[p] | (bytes[p + 1] << 8);
}

function u32(bytes: Uint8Array, p: number): number {
  return (bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24)) >>> 0;
}

function u64(bytes: Uint8Array, p: number, what: string, archive: string): number {
  const low = u32(bytes, p);
  const high = u32(bytes, p + 4);
  if (high >= 0x200000) {
    throw new ZipError('zip_corrupt', `${archive} is damaged: its ${what} is impossibly large. Re-create the zip.`, archive);
  }
  return high * 0x100000000 + low;
}

async function readRange(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

function nameOf(blob: Blob, override: string | undefined): string {
  if (override) return override;
  const name = (blob as Partial<File>).name;
  return typeof name === 'string' && name !== '' ? name : 'the zip file';
}

function describeNonZip(head: Uint8Array): string {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => head[i] === b);
  if (starts(0x52, 0x61, 0x72, 0x21)) return 'It is a RAR archive';
  if (starts(0x37, 0x7a, 0xbc, 0xaf)) return 'It is a 7-Zip archive';
  if (starts(0x1f, 0x8b)) return 'It is a gzip file (.gz / .tar.gz)';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'It is a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'It is a JPEG image';
  return 'It does not start like a zip archive';
}

interface Eocd {
  entryCount: number;
  cdSize: number;
  cdOffset: number;
  /** Where the central directory must end (start of the ZIP64 or classic EOCD record). */
  cdEnd: number;
}

async function findEocd(blob: Blob, archive: string): Promise<Eocd> {
  const size = blob.size;
  const what = 'Pick the .zip file itself, or re-create it with your system\'s "Compress" / "Send to → Compressed folder".';
  if (size === 0) throw new ZipError('zip_not_a_zip', `${archive} is empty (0 bytes). ${what}`, archive);
  const tailStart = Math.max(0, size - (EOCD_SIZE + MAX_COMMENT + ZIP64_LOCATOR_SIZE));
  const tail = await readRange(blob, tailStart, size);
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail[i] === 0x50 && u32(tail, i) === SIG_EOCD && i + EOCD_SIZE + u16(tail, i + 20) <= tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    const head = tailStart === 0 ? tail : await readRange(blob, 0, 8);
    if (u32(head, 0) === SIG_LOCAL) {
      throw new ZipError(
        'zip_truncated',
        `${archive} is incomplete: it starts like a zip but its end (the table of contents) is missing — it was probably cut off while downloading or copying (${formatBytes(size)} received). Download or copy it again.`,
        archive,
      );
    }
    throw new ZipError('zip_not_a_zip', `${archive} is not a zip archive. ${describeNonZip(head)}. ${what}`, archive);
  }
  const eocdPos = tailStart + at;
  const disk = u16(tail, at + 4);
  const cdDisk = u16(tail, at + 6);
  let entryCount = u16(tail, at + 10);
  let cdSize = u32(tail, at + 12);
  let cdOffset = u32(tail, at + 16);
  let cdEnd = eocdPos;
  const locatorAt = at - ZIP64_LOCATOR_SIZE;
  const hasLocator = locatorAt >= 0 && u32(tail, locatorAt) === SIG_ZIP64_LOCATOR;
  const needsZip64 = entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff;
  if (hasLocator) {
    const zip64Pos = u64(tail, locatorAt + 8, 'ZIP64 record offset', archive);
    if (zip64Pos + 56 > eocdPos) {
      throw new ZipError('zip_corrupt', `${archive} is damaged: its ZIP64 end record points outside the file. Re-create the zip.`, archive);
    }
    const rec = await readRange(blob, zip64Pos, zip64Pos + 56);
    if (u32(rec, 0) !== SIG_ZIP64_EOCD) {
      throw new ZipError('zip_corrupt', `${archive} is damaged: its ZIP64 end record is missing. Re-create the zip.`, archive);
    }
    if (u32(rec, 16) !== 0 || u32(rec, 20) !== 0) {
      throw new ZipError('zip_multi_disk', `${archive} is one part of a split (multi-volume) archive, which is not supported. Join the parts into one zip first.`, archive);
    }
    entryCount = u64(rec, 32, 'entry count', archive);
    cdSize = u64(rec, 40, 'directory size', archive);
    cdOffset = u64(rec, 48, 'directory offset', archive);
    cdEnd = zip64Pos;
  } else if (needsZip64) {
    throw new ZipError('zip_corrupt', `${archive} is damaged: it needs a ZIP64 record but none was found. Re-create the zip.`, archive);
  } else if (disk !== 0 || cdDisk !== 0) {
    throw new ZipError('zip_multi_disk', `${archive} is one part of a split (multi-volume) archive, which is not supported. Join the parts into one zip first.`, archive);
  }
  return { entryCount, cdSize, cdOffset, cdEnd };
}

/** Lists the entries of a zip, reading only its end and its central directory. */
export async function listZipEntries(blob: Blob, options: ListZipOptions = {}): Promise<ZipListing> {
  const archive = nameOf(blob, options.archiveName);
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ZIP_ENTRIES;
  const { entryCount, cdSize, cdOffset, cdEnd } = await findEocd(blob, archive);
  if (entryCount > maxEntries) {
    throw new ZipError(
      'zip_too_large',
      `${archive} has ${entryCount.toLocaleString('en-US')} entries, more than the ${maxEntries.toLocaleString('en-US')} allowed. Split the data set into smaller zips.`,
      archive,
    );
  }
  if (cdSize < entryCount * 46 || cdSize > cdEnd) {
    throw new ZipError('zip_corrupt', `${archive} is damaged: its table of contents has an impossible size (${cdSize} bytes for ${entryCount} entries). Re-create the zip.`, archive);
  }
  // Bytes before the archive proper (self-extracting stubs, or a zip glued after other data).
  const prefix = cdEnd - cdSize - cdOffset;
  if (prefix < 0) {
    throw new ZipError(
      'zip_truncated',
      `${archive} is incomplete or damaged: its table of contents points past the end of the data (${formatBytes(blob.size)} received). Download or copy it again.`,
      archive,
    );
  }
  const cd = await readRange(blob, cdEnd - cdSize, cdEnd);
  const entries: ZipEntry[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  let ignoredJunk = 0;
  let p = 0;
  for (let index = 0; index < entryCount; index++) {
    if (p + 46 > cd.length || u32(cd, p) !== SIG_CENTRAL) {
      throw new ZipError('zip_corrupt', `${archive} is damaged: entry ${index + 1} of ${entryCount} in its table of contents is unreadable. Re-create the zip.`, archive);
    }
    const madeBy = u16(cd, p + 4);
    const flags = u16(cd, p + 8);
    const method = u16(cd, p + 10);
    const crc = u32(cd, p + 16);
    let compressedSize = u32(cd, p + 20);
    let uncompressedSize = u32(cd, p + 24);
    const nameLength = u16(cd, p + 28);
    const extraLength = u16(cd, p + 30);
    const commentLength = u16(cd, p + 32);
    const externalAttributes = u32(cd, p + 38);
    let localOffset = u32(cd, p + 42);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > cd.length) {
      throw new ZipError('zip_corrupt', `${archive} is damaged: entry ${index + 1} of ${entryCount} runs past its table of contents. Re-create the zip.`, archive);
    }
    const rawName = cd.subarray(p + 46, p + 46 + nameLength);
    const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    const name = decodeZipName(rawName, (flags & 0x800) !== 0, extra);
    p = next;

    // ZIP64 extended information: present fields follow in a fixed order, only for values that overflowed.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      let q = 0;
      let found = false;
      while (q + 4 <= extra.length) {
        const id = u16(extra, q);
        const size = u16(extra, q + 2);
        if (id === 0x0001) {
          let f = q + 4;
          const end = q + 4 + Math.min(size, extra.length - q - 4);
          const take = (what: string): number => {
            if (f + 8 > end) throw new ZipError('zip_corrupt', `${archive} is damaged: the ZIP64 sizes of "${name}" are missing. Re-create the zip.`, archive);
            const v = u64(extra, f, what, archive);
            f += 8;
            return v;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = take('uncompressed size');
          if (compressedSize === 0xffffffff) compressedSize = take('compressed size');
          if (localOffset === 0xffffffff) localOffset = take('entry offset');
          found = true;
          break;
        }
        q += 4 + size;
      }
      if (!found) {
        throw new ZipError('zip_corrupt', `${archive} is damaged: "${name}" needs ZIP64 sizes but has none. Re-create the zip.`, archive);
      }
    }

    if (name.endsWith('/')) continue; // directory
    if (isJunkPath(name)) {
      ignoredJunk++;
      continue;
    }
    const unsafe = unsafePathReason(name);
    if (unsafe) {
      skipped.push({ file: name, reason: `Skipped "${name}": ${unsafe}.` });
      continue;
    }
    const host = madeBy >> 8;
    if ((host === 3 || host === 19) && ((externalAttributes >>> 16) & 0xf000) === 0xa000) {
      skipped.push({ file: name, reason: `Skipped "${name}": it is a symbolic link, not a file.` });
      continue;
    }
    if (flags & 0x1) {
      skipped.push({ file: name, reason: `Skipped "${name}": it is encrypted (password-protected). Re-create the zip without a password.` });
      continue;
    }
    if (method !== 0 && method !== 8) {
      skipped.push({ file: name, reason: `Skipped "${name}": compression method ${method} (${methodName(method)}) is not supported. Re-create the zip with standard (deflate) compression.` });
      continue;
    }
    if (seen.has(name)) {
      skipped.push({ file: name, reason: `Skipped a second entry named "${name}" (duplicate name in the zip); the first one is used.` });
      continue;
    }
    seen.add(name);
    const absoluteOffset = localOffset + prefix;
    if (absoluteOffset + 30 + compressedSize > cdEnd) {
      skipped.push({ file: name, reason: `Skipped "${name}": the zip says its data lies beyond the end of the archive, so the archive is damaged. Re-create the zip.` });
      continue;
    }
    entries.push({ name, method, compressedSize, uncompressedSize, crc32: crc, localHeaderOffset: absoluteOffset });
  }
  return { entries, skipped, ignoredJunk };
}

function methodName(method: number): string {
  switch (method) {
    case 9:
      return 'Deflate64';
    case 12:
      return 'bzip2';
    case 14:
      return 'LZMA';
    case 93:
      return 'Zstandard';
    case 95:
      return 'XZ';
    case 98:
      return 'PPMd';
    case 99:
      return 'AES encryption';
    default:
      return 'unknown';
  }
}

/**
 * Reads and decompresses one entry. Per-entry problems throw ZipError with a `zip_entry_*`
 * code (the caller can skip that file); passing the total budget throws `zip_too_large`.
 */
export async function readZipEntry(blob: Blob, entry: ZipEntry, options: ReadZipEntryOptions = {}): Promise<Uint8Array> {
  const archive = nameOf(blob, options.archiveName);
  const name = entry.name;
  const maxBytes = options.maxBytes ?? DEFAULT_ZIP_ENTRY_BYTES;
  const budget = options.budget;
  const signal = options.signal;
  signal?.throwIfAborted();

  const entryTooLarge = (bytes: number, declared: boolean): ZipError =>
    new ZipError(
      'zip_entry_too_large',
      `Skipped "${name}": it expands to more than ${formatBytes(maxBytes)} (${declared ? 'the zip says' : 'at least'} ${formatBytes(bytes)}), over the per-file limit. Remove or shrink this file.`,
      name,
    );
  const totalTooLarge = (): ZipError =>
    new ZipError(
      'zip_too_large',
      `${archive} expands to more than ${formatBytes(budget ? budget.limit : maxBytes)} in total (stopped at "${name}"). Use fewer or smaller images, or split the data set.`,
      name,
    );
  const corrupt = (what: string): ZipError => new ZipError('zip_entry_corrupt', `Skipped "${name}": ${what}. The zip is damaged; re-create it.`, name);

  if (entry.uncompressedSize > maxBytes || (entry.method === 0 && entry.compressedSize > maxBytes))
    throw entryTooLarge(Math.max(entry.uncompressedSize, entry.method === 0 ? entry.compressedSize : 0), true);
  const cap = budget ? Math.min(maxBytes, budget.remaining) : maxBytes;
  if (entry.method === 0 && entry.compressedSize > cap) throw totalTooLarge();

  // One read for small entries: local header (+ slack for its extra field) and data together.
  const start = entry.localHeaderOffset;
  const guess = 30 + 1024 + (entry.compressedSize <= READ_CHUNK ? entry.compressedSize : 0);
  const first = await readRange(blob, start, Math.min(blob.size, start + guess));
  if (first.length < 30) throw corrupt('its data is cut off');
  if (u32(first, 0) !== SIG_LOCAL) throw corrupt('its local header is missing');
  const dataStart = start + 30 + u16(first, 26) + u16(first, 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > blob.size) throw corrupt('its data runs past the end of the archive');
  signal?.throwIfAborted();

  let out: Uint8Array;
  const firstDataEnd = start + first.length;
  if (entry.method === 0) {
    if (dataEnd <= firstDataEnd) {
      out = first.slice(dataStart - start, dataEnd - start);
    } else {
      out = new Uint8Array(entry.compressedSize);
      for (let at = dataStart; at < dataEnd; at += READ_CHUNK) {
        const chunk = await readRange(blob, at, Math.min(dataEnd, at + READ_CHUNK));
        signal?.throwIfAborted();
        out.set(chunk, at - dataStart);
      }
    }
    if (budget) budget.remaining -= out.length;
  } else {
    const inflater = new CappedInflater({
      format: 'deflate',
      maxBytes: cap,
      limitError: (bytes) => (bytes > maxBytes ? entryTooLarge(bytes, false) : totalTooLarge()),
      corruptError: (detail) => corrupt(`its compressed data is invalid (${detail})`),
    });
    try {
      if (dataEnd <= firstDataEnd) {
        inflater.push(first.subarray(dataStart - start, dataEnd - start), true);
      } else {
        if (dataStart === dataEnd) inflater.push(new Uint8Array(0), true);
        for (let at = dataStart; at < dataEnd; at += READ_CHUNK) {
          const end = Math.min(dataEnd, at + READ_CHUNK);
          const chunk = await readRange(blob, at, end);
          signal?.throwIfAborted();
          inflater.push(chunk, end === dataEnd);
        }
      }
      out = inflater.result();
    } finally {
      // Real work counts against the total even when the entry turns out to be bad.
      if (budget) budget.remaining -= Math.min(inflater.size, cap);
    }
  }
  if (out.length !== entry.uncompressedSize) {
    throw corrupt(`the zip declares ${entry.uncompressedSize} bytes but it contains ${out.length}`);
  }
  if (crc32(out) !== entry.crc32) throw corrupt('its checksum (CRC-32) does not match its contents');
  return out;
}
