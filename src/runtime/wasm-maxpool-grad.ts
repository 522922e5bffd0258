import * as tf from '@tensorflow/tfjs';

/**
 * TF.js 4.22's WASM MaxPoolGrad, for every input position, searches every window that could hold it:
 * a sixth of a conv32-conv64 CNN's epoch went there. When windows do not overlap (stride ≥ pool
 * size, the only pooling the studio builds), each window sends its gradient to its one maximum: one
 * pass over the input, all channels of a position at a time. Overlapping windows go to the original
 * kernel. Ties go to the first maximum in row-major window order, as the CPU kernel does.
 */
const MAX_POOL_GRAD = 'MaxPoolGrad';
let installed = false;

interface WasmBackendLike extends tf.KernelBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
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
