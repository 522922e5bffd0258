/**
 * Test-only image encoders/decoders written by hand, so Node tests use real file bytes:
 * PNG (filter 0, zlib via fflate), BMP (24/32-bit, bottom-up or top-down), and header-only
 * GIF / JPEG / WebP byte strings.
 */
import { unzlibSync, zlibSync } from 'fflate';
import { crc32 } from '../crc32';
import { concatBytes } from './bytes';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** PNG with colour type 0 (gray), 2 (RGB) or 6 (RGBA), 8 bits per sample. `pixels` is HWC. */
export function encodePng(width: number, height: number, channels: 1 | 3 | 4, pixels: Uint8Array): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = channels === 1 ? 0 : channels === 3 ? 2 : 6;
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return concatBytes([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', zlibSync(raw)), pngChunk('IEND', new Uint8Array(0))]);
}

/** Decodes PNGs made by encodePng (filter 0 only) into RGBA. */
export function decodeTestPng(bytes: Uint8Array): { width: number; height: number; rgba: Uint8ClampedArray } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Uint8Array[] = [];
  while (p + 8 <= bytes.length) {
    const length = view.getUint32(p);
    const type = String.fromCharCode(bytes[p + 4], bytes[p + 5], bytes[p + 6], bytes[p + 7]);
    const data = bytes.subarray(p + 8, p + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(p + 8);
      height = view.getUint32(p + 12);
      colorType = bytes[p + 17];
    } else if (type === 'IDAT') idat.push(data);
    p += 12 + length;
  }
  const channels = colorType === 0 ? 1 : colorType === 2 ? 3 : 4;
  const raw = unzlibSync(concatBytes(idat));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) throw new Error('PNG pixel data is truncated');
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    if (raw[y * (stride + 1)] !== 0) throw new Error('test PNG decoder supports filter 0 only');
    for (let x = 0; x < width; x++) {
      const s = y * (stride + 1) + 1 + x * channels;
      const d = (y * width + x) * 4;
      if (channels === 1) rgba.set([raw[s], raw[s], raw[s], 255], d);
      else if (channels === 3) rgba.set([raw[s], raw[s + 1], raw[s + 2], 255], d);
      else rgba.set(raw.subarray(s, s + 4), d);
    }
  }
  return { width, height, rgba };
}

/** BMP (BITMAPINFOHEADER, BI_RGB). `rgb` is HWC RGB (or RGBA for 32-bit). */
export function encodeBmp(width: number, height: number, pixels: Uint8Array, options: { bits?: 24 | 32; topDown?: boolean } = {}): Uint8Array {
  const bits = options.bits ?? 24;
  const bpp = bits / 8;
  const stride = Math.ceil((width * bpp) / 4) * 4;
  const out = new Uint8Array(54 + stride * height);
  const view = new DataView(out.buffer);
  out[0] = 0x42;
  out[1] = 0x4d;
  view.setUint32(2, out.length, true);
  view.setUint32(10, 54, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, options.topDown ? -height : height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, bits, true);
  view.setUint32(34, stride * height, true);
  for (let y = 0; y < height; y++) {
    const row = options.topDown ? y : height - 1 - y;
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * bpp;
      const d = 54 + row * stride + x * bpp;
      out[d] = pixels[s + 2];
      out[d + 1] = pixels[s + 1];
      out[d + 2] = pixels[s];
      if (bpp === 4) out[d + 3] = pixels[s + 3];
    }
  }
  return out;
}

/** Decodes 24/32-bit BI_RGB BMPs into RGBA. */
export function decodeTestBmp(bytes: Uint8Array): { width: number; height: number; rgba: Uint8ClampedArray } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== 0x42 || bytes[1] !== 0x4d) throw new Error('not a BMP');
  const dataOffset = view.getUint32(10, true);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const height = Math.abs(rawHeight);
  const bits = view.getUint16(28, true);
  if (bits !== 24 && bits !== 32) throw new Error(`test BMP decoder: ${bits}-bit not supported`);
  const bpp = bits / 8;
  const stride = Math.ceil((width * bpp) / 4) * 4;
  if (dataOffset + stride * height > bytes.length) throw new Error('BMP pixel data is truncated');
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = rawHeight < 0 ? y : height - 1 - y;
    for (let x = 0; x < width; x++) {
      const s = dataOffset + row * stride + x * bpp;
      const d = (y * width + x) * 4;
      rgba[d] = bytes[s + 2];
      rgba[d + 1] = bytes[s + 1];
      rgba[d + 2] = bytes[s];
      rgba[d + 3] = bpp === 4 ? bytes[s + 3] : 255;
    }
  }
  return { width, height, rgba };
}

/** A valid GIF: logical screen width×height, one 1×1 black frame at the origin (the rest transparent-ish background). */
export function gifBytes(width: number, height: number, version: '87a' | '89a' = '89a'): Uint8Array {
  const header = new Uint8Array(13);
  header.set(ascii(`GIF${version}`));
  const view = new DataView(header.buffer);
  view.setUint16(6, width, true);
  view.setUint16(8, height, true);
  header[10] = 0x80; // global colour table, 2 entries
  const descriptor = new Uint8Array(10);
  const dv = new DataView(descriptor.buffer);
  descriptor[0] = 0x2c;
  dv.setUint16(5, 1, true);
  dv.setUint16(7, 1, true);
  return concatBytes([header, new Uint8Array([0, 0, 0, 255, 255, 255]), descriptor, new Uint8Array([2, 2, 0x44, 0x01, 0, 0x3b])]);
}

function segment(marker: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  out[0] = 0xff;
  out[1] = marker;
  new DataView(out.buffer).setUint16(2, payload.length + 2);
  out.set(payload, 4);
  return out;
}

/** JPEG header bytes: SOI, APP0 (JFIF), a large APP1 (EXIF-like), DQT, SOFn with the size, SOS. */
export function jpegHeaderBytes(width: number, height: number, options: { sof?: number; exifBytes?: number; fillBytes?: boolean } = {}): Uint8Array {
  const sof = new Uint8Array(15);
  const view = new DataView(sof.buffer);
  sof[0] = 8;
  view.setUint16(1, height);
  view.setUint16(3, width);
  sof[5] = 3;
  sof.set([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1], 6);
  const parts = [
    new Uint8Array([0xff, 0xd8]),
    segment(0xe0, concatBytes([ascii('JFIF\0'), new Uint8Array([1, 1, 0, 0, 1, 0, 1, 0, 0])])),
    segment(0xe1, concatBytes([ascii('Exif\0\0'), new Uint8Array(options.exifBytes ?? 1000).fill(0xff)])),
    segment(0xdb, new Uint8Array(65)),
  ];
  if (options.fillBytes) parts.push(new Uint8Array([0xff, 0xff, 0xff]).subarray(0, 2));
  parts.push(segment(options.sof ?? 0xc0, sof), segment(0xda, new Uint8Array([1, 1, 0, 0, 0x3f, 0])), new Uint8Array([0x12, 0x34, 0xff, 0xd9]));
  return concatBytes(parts);
}

function riff(chunkType: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(20 + payload.length);
  const view = new DataView(out.buffer);
  out.set(ascii('RIFF'), 0);
  view.setUint32(4, 12 + payload.length, true);
  out.set(ascii('WEBP'), 8);
  out.set(ascii(chunkType), 12);
  view.setUint32(16, payload.length, true);
  out.set(payload, 20);
  return out;
}

export function webpLossyBytes(width: number, height: number): Uint8Array {
  const payload = new Uint8Array(20);
  const view = new DataView(payload.buffer);
  payload.set([0x9d, 0x01, 0x2a], 3);
  view.setUint16(6, width & 0x3fff, true);
  view.setUint16(8, height & 0x3fff, true);
  return riff('VP8 ', payload);
}

export function webpLosslessBytes(width: number, height: number): Uint8Array {
  const payload = new Uint8Array(10);
  payload[0] = 0x2f;
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  new DataView(payload.buffer).setUint32(1, bits >>> 0, true);
  return riff('VP8L', payload);
}

export function webpExtendedBytes(width: number, height: number): Uint8Array {
  const payload = new Uint8Array(10);
  payload[0] = 0x10; // alpha flag
  const w = width - 1;
  const h = height - 1;
  payload.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 4);
  return riff('VP8X', payload);
}
