/**
 * Pure TypeScript pixel operations on uint8 HWC images:
 *  - resizeImage: per axis, area averaging when shrinking (every source pixel contributes by
 *    its overlap, like OpenCV INTER_AREA / PIL box) and bilinear with half-pixel centres when
 *    enlarging (like tf.image.resize bilinear, align_corners=false); separable, in float64,
 *    rounded once at the end (half up).
 *  - alpha compositing: transparent pixels are composited over WHITE by default, because
 *    transparent PNGs (icons, drawings, scanned digits) are designed to be seen on a light
 *    page; pass 'black' for MNIST-style white-on-black strokes.
 *  - grayscale: ITU-R BT.601 luma, Y = 0.299 R + 0.587 G + 0.114 B, rounded half up.
 */

export type Background = 'white' | 'black';

type Pixels = Uint8Array | Uint8ClampedArray;

interface AxisWeights {
  /** For output index d: entries start[d] … start[d + 1] - 1 of index/weight. */
  start: Int32Array;
  index: Int32Array;
  weight: Float64Array;
}

function axisWeights(src: number, dst: number): AxisWeights {
  const indices: number[] = [];
  const weights: number[] = [];
  const start = new Int32Array(dst + 1);
  const scale = src / dst;
  for (let d = 0; d < dst; d++) {
    start[d] = indices.length;
    if (src === dst) {
      indices.push(d);
      weights.push(1);
    } else if (scale > 1) {
      // area: output pixel d covers source interval [d*scale, (d+1)*scale)
      const from = d * scale;
      const to = (d + 1) * scale;
      for (let i = Math.floor(from); i < Math.min(src, Math.ceil(to)); i++) {
        const overlap = Math.min(to, i + 1) - Math.max(from, i);
        if (overlap > 1e-12) {
          indices.push(i);
          weights.push(overlap / scale);
        }
      }
    } else {
      // bilinear with half-pixel centres, clamped at the edges
      const centre = Math.min(src - 1, Math.max(0, (d + 0.5) * scale - 0.5));
      const i0 = Math.floor(centre);
      const i1 = Math.min(src - 1, i0 + 1);
      const t = centre - i0;
      indices.push(i0);
      weights.push(1 - t);
      if (t > 0 && i1 !== i0) {
        indices.push(i1);
        weights.push(t);
      }
    }
  }
  start[dst] = indices.length;
  return { start, index: Int32Array.from(indices), weight: Float64Array.from(weights) };
}

function checkSize(name: string, width: number, height: number): void {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`${name} size must be positive whole numbers, got ${width}×${height}.`);
  }
}

/** Resizes an HWC uint8 image with `channels` interleaved channels. Returns a new array. */
export function resizeImage(src: Pixels, srcWidth: number, srcHeight: number, channels: number, dstWidth: number, dstHeight: number): Uint8Array {
  checkSize('Source', srcWidth, srcHeight);
  checkSize('Target', dstWidth, dstHeight);
  if (src.length !== srcWidth * srcHeight * channels) {
    throw new RangeError(`Source has ${src.length} bytes, expected ${srcWidth}×${srcHeight}×${channels} = ${srcWidth * srcHeight * channels}.`);
  }
  if (srcWidth === dstWidth && srcHeight === dstHeight) return Uint8Array.from(src);
  const c = channels;
  const xs = axisWeights(srcWidth, dstWidth);
  const ys = axisWeights(srcHeight, dstHeight);

  // Horizontal pass: srcHeight × dstWidth × c, in float64.
  const tmp = new Float64Array(srcHeight * dstWidth * c);
  for (let y = 0; y < srcHeight; y++) {
    const rowIn = y * srcWidth * c;
    const rowOut = y * dstWidth * c;
    for (let x = 0; x < dstWidth; x++) {
      const from = xs.start[x];
      const to = xs.start[x + 1];
      for (let k = 0; k < c; k++) {
        let sum = 0;
        for (let j = from; j < to; j++) sum += src[rowIn + xs.index[j] * c + k] * xs.weight[j];
        tmp[rowOut + x * c + k] = sum;
      }
    }
  }
  // Vertical pass into the output, rounding half up once.
  const out = new Uint8Array(dstHeight * dstWidth * c);
  const rowLength = dstWidth * c;
  for (let y = 0; y < dstHeight; y++) {
    const from = ys.start[y];
    const to = ys.start[y + 1];
    const rowOut = y * rowLength;
    for (let i = 0; i < rowLength; i++) {
      let sum = 0;
      for (let j = from; j < to; j++) sum += tmp[ys.index[j] * rowLength + i] * ys.weight[j];
      const v = Math.floor(sum + 0.5 + 1e-9);
      out[rowOut + i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return out;
}

/** Luma of one RGB triple (BT.601), rounded half up, exact integer arithmetic. */
export function luma(r: number, g: number, b: number): number {
  return ((299 * r + 587 * g + 114 * b + 500) / 1000) | 0;
}

/** RGBA → RGB, compositing transparent pixels over the background. */
export function rgbaToRgb(rgba: Pixels, background: Background = 'white'): Uint8Array {
  const n = rgba.length >> 2;
  const bg = background === 'white' ? 255 : 0;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const a = rgba[i * 4 + 3];
    if (a === 255) {
      out[i * 3] = rgba[i * 4];
      out[i * 3 + 1] = rgba[i * 4 + 1];
      out[i * 3 + 2] = rgba[i * 4 + 2];
    } else {
      const rest = bg * (255 - a) + 127;
      out[i * 3] = ((rgba[i * 4] * a + rest) / 255) | 0;
      out[i * 3 + 1] = ((rgba[i * 4 + 1] * a + rest) / 255) | 0;
      out[i * 3 + 2] = ((rgba[i * 4 + 2] * a + rest) / 255) | 0;
    }
  }
  return out;
}

/** RGB → grayscale (BT.601 luma). */
export function rgbToGray(rgb: Pixels): Uint8Array {
  const n = Math.floor(rgb.length / 3);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = luma(rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]);
  return out;
}

/** RGBA → grayscale: composite over the background, then BT.601 luma. */
export function rgbaToGray(rgba: Pixels, background: Background = 'white'): Uint8Array {
  return rgbToGray(rgbaToRgb(rgba, background));
}

/** Grayscale → RGB by replicating the value. */
export function grayToRgb(gray: Pixels): Uint8Array {
  const out = new Uint8Array(gray.length * 3);
  for (let i = 0; i < gray.length; i++) {
    out[i * 3] = gray[i];
    out[i * 3 + 1] = gray[i];
    out[i * 3 + 2] = gray[i];
  }
  return out;
}

/**
 * True when every pixel has R = G = B (alpha ignored: compositing over white or black keeps
 * a gray pixel gray), i.e. the image carries no colour.
 */
export function isGrayscaleRgba(rgba: Pixels): boolean {
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2]) return false;
  }
  return true;
}

/** Takes the R channel of an RGBA image known to be gray, after compositing over the background. */
export function grayRgbaToGray(rgba: Pixels, background: Background = 'white'): Uint8Array {
  const n = rgba.length >> 2;
  const bg = background === 'white' ? 255 : 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = rgba[i * 4 + 3];
    out[i] = a === 255 ? rgba[i * 4] : ((rgba[i * 4] * a + bg * (255 - a) + 127) / 255) | 0;
  }
  return out;
}
