import * as tf from '@tensorflow/tfjs';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * TF.js 4.22's WASM MaxPoolGrad, for every input position, searches every window that could hold it:
 * a sixth of a conv32-conv64 CNN's epoch went there. When windows do not overlap (stride ≥ pool
 * size, the only pooling the studio builds), each window sends its gradient to its one maximum: one
 * pass over the input, all channels of a position at a time. Overlapping windows go to the original
 * kernel. Ties go to the first maximum in row-major window order, as the CPU kernel does.
 */
const MAX_POOL_GRAD = 'MaxPoolGrad';
let installed = false;

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * The studio's pooling (2×2, stride 2, no padding): the four candidates of each window compared per
 * channel in straight-line code, no per-window scratch arrays. Same tie and NaN rules as the loop below.
 */
function twoByTwo(x: Float32Array, dy: Float32Array, dx: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const rowStep = inWidth * channels;
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let r = 0; r < outHeight; r++) {
      const rowBase = (b * inHeight + 2 * r) * rowStep;
      // An odd last row or column (floor rounding) has no second candidate there.
      const hasBelow = 2 * r + 1 < inHeight;
      for (let c = 0; c < outWidth; c++, o += channels) {
        const p00 = rowBase + 2 * c * channels;
        const hasRight = 2 * c + 1 < inWidth;
        const p01 = p00 + channels;
        const p10 = p00 + rowStep;
        const p11 = p10 + channels;
        for (let d = 0; d < channels; d++) {
          let best = -Infinity;
          let at = -1;
          let v = x[p00 + d];
          if (v > best) {
            best = v;
            at = p00 + d;
          }
          if (hasRight) {
            v = x[p01 + d];
            if (v > best) {
              best = v;
              at = p01 + d;
            }
          }
          if (hasBelow) {
            v = x[p10 + d];
            if (v > best) {
              best = v;
              at = p10 + d;
            }
            if (hasRight) {
              if (x[p11 + d] > best) at = p11 + d;
            }
          }
          if (at >= 0) dx[at] = dy[o + d];
        }
      }
    }
  }
}

export function installFastWasmMaxPoolGrad(): boolean {
  if (installed) return true;
  const original = tf.getKernel(MAX_POOL_GRAD, 'wasm');
  if (!original) return false;
  tf.unregisterKernel(MAX_POOL_GRAD, 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const dyInfo = args.inputs.dy as tf.TensorInfo;
      const xInfo = args.inputs.input as tf.TensorInfo;
      const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as MaxPoolGradAttrs;
      const info = tf.backend_util.computePool2DInfo(xInfo.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
      const overlapping = info.strideHeight < info.effectiveFilterHeight || info.strideWidth < info.effectiveFilterWidth;
      if (overlapping || xInfo.dtype !== 'float32' || info.dilationHeight !== 1 || info.dilationWidth !== 1) return original.kernelFunc(args);
      const backend = args.backend as WasmBackendLike;
      const dxInfo = backend.makeOutput(xInfo.shape, 'float32');
      // Views after allocating: growing WASM memory detaches earlier views.
      const x = backend.typedArrayFromHeap(xInfo) as Float32Array;
      const dy = backend.typedArrayFromHeap(dyInfo) as Float32Array;
      const dx = backend.typedArrayFromHeap(dxInfo) as Float32Array;
      dx.fill(0);
      if (info.filterHeight === 2 && info.filterWidth === 2 && info.strideHeight === 2 && info.strideWidth === 2 && info.padInfo.top === 0 && info.padInfo.left === 0) {
        twoByTwo(x, dy, dx, info);
        return dxInfo;
      }
      const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth, effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
      const best = new Float32Array(channels);
      const bestAt = new Int32Array(channels);
      for (let b = 0; b < batchSize; b++) {
        for (let r = 0; r < outHeight; r++) {
          const rowStart = r * strideHeight - info.padInfo.top;
          for (let c = 0; c < outWidth; c++) {
            const colStart = c * strideWidth - info.padInfo.left;
            best.fill(-Infinity);
            bestAt.fill(-1);
            for (let wr = 0; wr < fh; wr++) {
              const xr = rowStart + wr;
              if (xr < 0 || xr >= inHeight) continue;
              for (let wc = 0; wc < fw; wc++) {
                const xc = colStart + wc;
                if (xc < 0 || xc >= inWidth) continue;
                const base = ((b * inHeight + xr) * inWidth + xc) * channels;
                for (let d = 0; d < channels; d++) {
                  const value = x[base + d];
                  if (value > best[d]) {
                    best[d] = value;
                    bestAt[d] = base + d;
                  }
                }
              }
            }
            const dyBase = ((b * outHeight + r) * outWidth + c) * channels;
            for (let d = 0; d < channels; d++) if (bestAt[d] >= 0) dx[bestAt[d]] += dy[dyBase + d];
          }
        }
      }
      return dxInfo;
    },
  });
  installed = true;
  return true;
}
