import { describe, expect, it } from 'vitest';
import { canDecodeImages, decodeImage } from './decode-image';
import { ImageDataError } from './errors';
import { encodePng, webpExtendedBytes } from './test-utils/encoders';

async function rejection(promise: Promise<unknown>): Promise<ImageDataError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageDataError);
  return error as ImageDataError;
}

describe('decodeImage (browser-only; these checks run in Node)', () => {
  it('imports in Node and reports that the browser APIs are missing', async () => {
    expect(canDecodeImages()).toBe(false);
    const error = await rejection(decodeImage(encodePng(1, 1, 1, new Uint8Array(1)), 'cats/1.png', { maxPixels: 100 }));
    expect(error.code).toBe('image_decode_failed');
    expect(error.message).toMatch(/Cannot decode "cats\/1\.png" here: image decoding needs createImageBitmap/);
  });

  it('checks the header and the pixel cap before decoding', async () => {
    const unknown = await rejection(decodeImage(new TextEncoder().encode('hello'), 'notes.png', { maxPixels: 100 }));
    expect(unknown.code).toBe('image_unknown_format');
    expect(unknown.message).toMatch(/Skipped "notes\.png": not a PNG, JPEG/);
    const huge = await rejection(decodeImage(webpExtendedBytes(10000, 10000), 'big.webp', { maxPixels: 40_000_000 }));
    expect(huge.code).toBe('image_too_many_pixels');
    expect(huge.file).toBe('big.webp');
    expect(huge.message).toMatch(/10000×10000 \(100 megapixels\), over the 40 megapixels limit/);
  });
});
