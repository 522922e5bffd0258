/**
 * Browser-only image decoding (meant for the data Web Worker): createImageBitmap on a Blob,
 * drawn onto an OffscreenCanvas, read back as straight (non-premultiplied) RGBA.
 * GIFs give their first frame. The header is checked first, so an oversized image is
 * rejected before the browser allocates its bitmap.
 *
 * Safe to import in Node: nothing browser-specific runs at import time, and calling it
 * without the APIs throws a clear ImageDataError.
 */
import { ImageDataError } from './errors';
import { DEFAULT_MAX_PIXELS, pixelCapReason, readImageHeader, type ImageFormat } from './image-headers';

export interface DecodedImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, straight alpha. */
  rgba: Uint8ClampedArray | Uint8Array;
}

export interface DecodeOptions {
  maxPixels: number;
}

/** The decoder the loader calls; tests inject a pure-TS one. */
export type DecodeImageFn = (bytes: Uint8Array, fileName: string, options: DecodeOptions) => Promise<DecodedImage>;

const MIME: Record<ImageFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', bmp: 'image/bmp', gif: 'image/gif' };

/** Canvases up to this many pixels are kept and reused between calls. */
const REUSE_MAX_PIXELS = 4_000_000;
let sharedCanvas: OffscreenCanvas | null = null;

/** True where createImageBitmap and OffscreenCanvas exist (modern browsers, pages and workers). */
export function canDecodeImages(): boolean {
  return typeof createImageBitmap === 'function' && typeof OffscreenCanvas === 'function';
}

function asBlobPart(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

function canvasFor(width: number, height: number): OffscreenCanvas {
  const reuseWidth = Math.max(width, sharedCanvas?.width ?? 0);
  const reuseHeight = Math.max(height, sharedCanvas?.height ?? 0);
  if (reuseWidth * reuseHeight > REUSE_MAX_PIXELS) return new OffscreenCanvas(width, height);
  if (!sharedCanvas || sharedCanvas.width < width || sharedCanvas.height < height) {
    sharedCanvas = new OffscreenCanvas(reuseWidth, reuseHeight);
  }
  return sharedCanvas;
}

export async function decodeImage(bytes: Uint8Array, fileName: string, options: DecodeOptions = { maxPixels: DEFAULT_MAX_PIXELS }): Promise<DecodedImage> {
  const { header, reason } = readImageHeader(bytes);
  if (!header) throw new ImageDataError('image_unknown_format', `Skipped "${fileName}": ${reason}.`, fileName);
  const tooBig = pixelCapReason(header, options.maxPixels);
  if (tooBig) throw new ImageDataError('image_too_many_pixels', `Skipped "${fileName}": ${tooBig}.`, fileName);
  if (!canDecodeImages()) {
    throw new ImageDataError(
      'image_decode_failed',
      `Cannot decode "${fileName}" here: image decoding needs createImageBitmap and OffscreenCanvas (a current Chrome, Edge, Firefox or Safari).`,
      fileName,
    );
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([asBlobPart(bytes)], { type: MIME[header.format] }), {
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'none',
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ImageDataError(
      'image_decode_failed',
      `Skipped "${fileName}": the browser could not decode this ${header.format.toUpperCase()} (${detail}); the file may be damaged. Re-save it as PNG or JPEG.`,
      fileName,
      { cause: error },
    );
  }
  try {
    const { width, height } = bitmap;
    const canvas = canvasFor(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new ImageDataError('image_decode_failed', `Skipped "${fileName}": no 2D canvas is available to read its pixels.`, fileName);
    context.clearRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, width, height).data;
    return { width, height, rgba: data };
  } finally {
    bitmap.close();
  }
}
