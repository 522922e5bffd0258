import { describe, expect, it } from 'vitest';
import { pixelCapReason, readImageHeader } from './image-headers';
import { encodeBmp, encodePng, gifBytes, jpegHeaderBytes, webpExtendedBytes, webpLosslessBytes, webpLossyBytes } from './test-utils/encoders';

describe('readImageHeader', () => {
  it('reads PNG sizes', () => {
    expect(readImageHeader(encodePng(7, 3, 3, new Uint8Array(63))).header).toEqual({ format: 'png', width: 7, height: 3 });
  });

  it('reads JPEG sizes past APPn segments, for baseline and progressive SOFs', () => {
    expect(readImageHeader(jpegHeaderBytes(640, 480)).header).toEqual({ format: 'jpeg', width: 640, height: 480 });
    expect(readImageHeader(jpegHeaderBytes(1, 65535, { sof: 0xc2, exifBytes: 60_000 })).header).toEqual({ format: 'jpeg', width: 1, height: 65535 });
    expect(readImageHeader(jpegHeaderBytes(33, 44, { fillBytes: true })).header).toEqual({ format: 'jpeg', width: 33, height: 44 });
  });

  it('explains truncated or odd JPEGs', () => {
    const full = jpegHeaderBytes(640, 480, { exifBytes: 5000 });
    expect(readImageHeader(full.subarray(0, 200)).reason).toMatch(/truncated before its size/);
    expect(readImageHeader(jpegHeaderBytes(640, 0)).reason).toMatch(/DNL/);
  });

  it('reads WebP sizes from VP8, VP8L and VP8X', () => {
    expect(readImageHeader(webpLossyBytes(300, 200)).header).toEqual({ format: 'webp', width: 300, height: 200 });
    expect(readImageHeader(webpLosslessBytes(16384, 1)).header).toEqual({ format: 'webp', width: 16384, height: 1 });
    expect(readImageHeader(webpExtendedBytes(20000, 3000)).header).toEqual({ format: 'webp', width: 20000, height: 3000 });
  });

  it('reads BMP sizes, including top-down bitmaps', () => {
    expect(readImageHeader(encodeBmp(5, 4, new Uint8Array(60))).header).toEqual({ format: 'bmp', width: 5, height: 4 });
    expect(readImageHeader(encodeBmp(5, 4, new Uint8Array(60), { topDown: true })).header).toEqual({ format: 'bmp', width: 5, height: 4 });
  });

  it('reads GIF87a and GIF89a sizes', () => {
    expect(readImageHeader(gifBytes(320, 240)).header).toEqual({ format: 'gif', width: 320, height: 240 });
    expect(readImageHeader(gifBytes(2, 3, '87a')).header).toEqual({ format: 'gif', width: 2, height: 3 });
    // A zero-width logical screen is sized by its (1×1) frame, as browsers draw it.
    expect(readImageHeader(gifBytes(0, 5)).header).toEqual({ format: 'gif', width: 1, height: 5 });
  });

  it('returns null with a reason for unknown or broken files', () => {
    expect(readImageHeader(new Uint8Array(0))).toEqual({ header: null, reason: 'the file is empty' });
    expect(readImageHeader(new TextEncoder().encode('<svg xmlns=...')).reason).toMatch(/not a PNG.*SVG/);
    expect(readImageHeader(new Uint8Array([0x49, 0x49, 0x2a, 0, 1, 2])).reason).toMatch(/TIFF/);
    expect(readImageHeader(encodePng(1, 1, 1, new Uint8Array(1)).subarray(0, 16)).reason).toMatch(/truncated/);
  });
});

describe('pixelCapReason', () => {
  it('allows images within the cap and explains the ones above it', () => {
    expect(pixelCapReason({ format: 'png', width: 1000, height: 1000 }, 1_000_000)).toBeNull();
    expect(pixelCapReason({ format: 'webp', width: 20000, height: 3000 }, 40_000_000)).toBe('the image is 20000×3000 (60 megapixels), over the 40 megapixels limit; shrink it before loading');
  });
});
