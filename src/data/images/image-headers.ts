/**
 * Reads an image's format and size from its first bytes (no decoding), so a per-image pixel
 * cap can be enforced before the browser allocates a huge bitmap.
 * Supported: PNG, JPEG (any SOFn, skipping APPn/EXIF segments), WebP (VP8, VP8L, VP8X),
 * BMP (core and info headers, top-down), GIF (logical screen size).
 */
import { formatBytes } from '../../lib/format';

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'bmp' | 'gif';

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

/** `header` is null when the bytes are not a supported image; `reason` then says why. */
export type ImageHeaderResult = { header: ImageHeader; reason: null } | { header: null; reason: string };

/** 40 megapixels: a 7000 × 5700 photo, ~160 MB of RGBA while decoding. */
export const DEFAULT_MAX_PIXELS = 40_000_000;

const fail = (reason: string): ImageHeaderResult => ({ header: null, reason });

function ok(format: ImageFormat, width: number, height: number): ImageHeaderResult {
  if (!(width > 0 && height > 0)) return fail(`the ${format.toUpperCase()} header gives an invalid size ${width}×${height}`);
  return { header: { format, width, height }, reason: null };
}

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature[i]) return false;
  return true;
}

const be16 = (b: Uint8Array, p: number): number => (b[p] << 8) | b[p + 1];
const le16 = (b: Uint8Array, p: number): number => b[p] | (b[p + 1] << 8);
const be32 = (b: Uint8Array, p: number): number => ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
const le32 = (b: Uint8Array, p: number): number => (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
const le24 = (b: Uint8Array, p: number): number => b[p] | (b[p + 1] << 8) | (b[p + 2] << 16);

function readPng(b: Uint8Array): ImageHeaderResult {
  if (b.length < 24) return fail('the PNG file is truncated before its header');
  if (!startsWith(b, [0x49, 0x48, 0x44, 0x52], 12)) return fail('the PNG file has no IHDR header chunk (damaged file)');
  return ok('png', be32(b, 16), be32(b, 20));
}

function readJpeg(b: Uint8Array): ImageHeaderResult {
  let p = 2;
  while (p < b.length) {
    if (b[p] !== 0xff) return fail(`the JPEG file is damaged (no marker at byte ${p})`);
    while (p < b.length && b[p] === 0xff) p++; // fill bytes
    if (p >= b.length) break;
    const marker = b[p++];
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd9) return fail('the JPEG file ends before its size (SOF) marker');
    if (p + 2 > b.length) break;
    const length = be16(b, p);
    if (length < 2) return fail(`the JPEG file is damaged (segment length ${length} at byte ${p})`);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (p + 7 > b.length) break;
      const height = be16(b, p + 3);
      const width = be16(b, p + 5);
      if (height === 0) return fail('the JPEG file declares its height later in the stream (DNL), which is not supported');
      return ok('jpeg', width, height);
    }
    if (marker === 0xda) return fail('the JPEG file has image data before any size (SOF) marker (damaged file)');
    p += length;
  }
  return fail('the JPEG file is truncated before its size (SOF) marker');
}

function readWebp(b: Uint8Array): ImageHeaderResult {
  if (b.length < 30) return fail('the WebP file is truncated before its header');
  const chunk = String.fromCharCode(b[12], b[13], b[14], b[15]);
  if (chunk === 'VP8 ') {
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return fail('the WebP (VP8) frame header is damaged');
    return ok('webp', le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return fail('the WebP (lossless) header is damaged');
    const bits = le32(b, 21);
    return ok('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') return ok('webp', le24(b, 24) + 1, le24(b, 27) + 1);
  return fail(`the WebP file has an unknown first chunk "${chunk.replace(/[^\x20-\x7e]/g, '?')}"`);
}

function readBmp(b: Uint8Array): ImageHeaderResult {
  if (b.length < 26) return fail('the BMP file is truncated before its header');
  const dibSize = le32(b, 14);
  if (dibSize === 12) return ok('bmp', le16(b, 18), le16(b, 20));
  if (dibSize < 40 || b.length < 26) return fail(`the BMP file has an unknown header (size ${dibSize})`);
  const width = le32(b, 18) | 0;
  const height = le32(b, 22) | 0;
  return ok('bmp', Math.abs(width), Math.abs(height));
}

/**
 * The size the decoder allocates: the logical screen and the first frame's extent, whichever is larger.
 * A GIF may declare a 1×1 screen with a 60,000×60,000 frame; reading only the screen bypassed the pixel cap.
 */
function readGif(b: Uint8Array): ImageHeaderResult {
  if (b.length < 13) return fail('the GIF file is truncated before its header');
  const screenW = le16(b, 6);
  const screenH = le16(b, 8);
  const packed = b[10];
  let p = 13 + (packed & 0x80 ? 3 * (1 << ((packed & 7) + 1)) : 0);
  while (p < b.length) {
    const kind = b[p];
    if (kind === 0x2c) {
      if (p + 9 > b.length) break;
      const right = le16(b, p + 1) + le16(b, p + 5);
      const bottom = le16(b, p + 3) + le16(b, p + 7);
      return ok('gif', Math.max(screenW, right), Math.max(screenH, bottom));
    }
    if (kind !== 0x21) return fail('the GIF file has no image frame');
    // Extension: label, then data sub-blocks ending with a zero-length block.
    p += 2;
    while (p < b.length && b[p] !== 0) p += b[p] + 1;
    p += 1;
  }
  return fail(`the GIF frame size is not within its first ${b.length.toLocaleString('en-US')} bytes`);
}

/** Format and size from the first bytes (a few KiB is enough except for JPEGs with big EXIF blocks). */
export function readImageHeader(bytes: Uint8Array): ImageHeaderResult {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return readPng(bytes);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return readJpeg(bytes);
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return readWebp(bytes);
  if (startsWith(bytes, [0x42, 0x4d])) return readBmp(bytes);
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return readGif(bytes);
  if (bytes.length === 0) return fail('the file is empty');
  return fail(`not a PNG, JPEG, WebP, BMP or GIF image (${describeUnknown(bytes)})`);
}

function describeUnknown(b: Uint8Array): string {
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'it looks like a TIFF; convert it to PNG';
  if (startsWith(b, [0x66, 0x74, 0x79, 0x70], 4)) return 'it looks like HEIC/AVIF; convert it to JPEG or PNG';
  if (startsWith(b, [0x3c])) return 'it looks like text, HTML or SVG';
  return `${formatBytes(b.length)}, starts with ${Array.from(b.subarray(0, 4), (x) => x.toString(16).padStart(2, '0')).join(' ')}`;
}

/** Null when the image is within the cap, else a sentence for the `skipped` list. */
export function pixelCapReason(header: ImageHeader, maxPixels: number): string | null {
  const pixels = header.width * header.height;
  if (pixels <= maxPixels) return null;
  const mp = (n: number): string => `${Math.round(n / 100_000) / 10} megapixels`;
  return `the image is ${header.width}×${header.height} (${mp(pixels)}), over the ${mp(maxPixels)} limit; shrink it before loading`;
}
