import { resizeImage, rgbaToGray, rgbaToRgb } from '../data/images/resize';
import type { ImageShape } from '../data/images/image-shape';

/**
 * A decoded RGBA image → one model input (height × width × channels floats, pixel / 255), prepared as the
 * image loader prepares training images: alpha composited over white, BT.601 gray for 1 channel, area resize.
 */
export function imageToInput(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, input: ImageShape, pixelScale = 1 / 255): Float32Array {
  const pixels = input.channels === 1 ? rgbaToGray(rgba, 'white') : rgbaToRgb(rgba, 'white');
  const sized = width === input.width && height === input.height ? pixels : resizeImage(pixels, width, height, input.channels, input.width, input.height);
  const out = new Float32Array(sized.length);
  for (let i = 0; i < sized.length; i++) out[i] = sized[i] * pixelScale;
  return out;
}
