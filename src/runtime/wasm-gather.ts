import * as tf from '@tensorflow/tfjs';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * Training gathers each batch's rows from the data on the device (`tf.gather(x, index)`, axis 0).
 * TF.js 4.22's WASM GatherV2 computes a 4-D source offset per element in C++: for the bench CNN's
 * 64 images of 784 pixels that was ~1.9 ms of a step. Rows along axis 0 are contiguous, so each one is
 * one typed-array copy here. Out-of-range indices throw as the original does; any other gather (other
 * axes, batchDims, strings) goes to the original kernel.
 */
const GATHER_V2 = 'GatherV2';
let installed = false;

interface GatherAttrs {
  axis: number;
  batchDims: number;
}

export function installFastWasmGather(): boolean {
  if (installed) return true;
  const original = tf.getKernel(GATHER_V2, 'wasm');
  if (!original) return false;
  tf.unregisterKernel(GATHER_V2, 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      const indices = args.inputs.indices as tf.TensorInfo;
      const { axis, batchDims } = args.attrs as unknown as GatherAttrs;
      const rank = x.shape.length;
      const leading = rank > 0 && tf.util.parseAxisParam(axis, x.shape)[0] === 0 && !batchDims;
      if (!leading || x.dtype === 'string' || indices.dtype !== 'int32') return original.kernelFunc(args);
      const backend = args.backend as WasmBackendLike;
      const rows = x.shape[0];
      const rowSize = tf.util.sizeFromShape(x.shape.slice(1));
      const index = backend.typedArrayFromHeap(indices) as Int32Array;
      for (let i = 0; i < index.length; i++) {
        if (!(index[i] >= 0 && index[i] < rows)) throw new Error(`GatherV2: the index value ${index[i]} is not in [0, ${rows - 1}]`);
      }
      const out = backend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
      // Views after allocating: growing WASM memory detaches earlier views.
      const source = backend.typedArrayFromHeap(x);
      const target = backend.typedArrayFromHeap(out);
      const at = backend.typedArrayFromHeap(indices) as Int32Array;
      for (let i = 0; i < at.length; i++) target.set(source.subarray(at[i] * rowSize, (at[i] + 1) * rowSize), i * rowSize);
      return out;
    },
  });
  installed = true;
  return true;
}
