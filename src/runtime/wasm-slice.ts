import * as tf from '@tensorflow/tfjs';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * TF.js's WASM Slice kernel copies the whole input out of WASM memory (readSync) before taking the
 * slice, even when the slice is one contiguous range: slicing a 4,096-row chunk of a 60,000-image set
 * copied all 188 MB. SplitV calls that same slice once per part (the flat optimizer splits every
 * update into one part per weight: 10 full copies of a CNN's parameters per step). For contiguous
 * numeric slices this copies only the range, straight from a view of WASM memory; everything else
 * goes to the original kernels.
 */
const SLICE = 'Slice';
const SPLIT_V = 'SplitV';
let installed = false;

/** The slice as a new tensor when it is one contiguous numeric range, else null. */
function contiguousSlice(backend: WasmBackendLike, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo | null {
  if (x.dtype === 'string' || !tf.slice_util.isSliceContinous(x.shape, begin, size)) return null;
  const offset = tf.slice_util.computeFlatOffset(begin, tf.util.computeStrides(x.shape));
  const count = tf.util.sizeFromShape(size);
  const out = backend.makeOutput(size, x.dtype);
  // Views after allocating: growing WASM memory detaches earlier views.
  backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(x).subarray(offset, offset + count));
  return out;
}

export function installFastWasmSlice(): boolean {
  if (installed) return true;
  const slice = tf.getKernel(SLICE, 'wasm');
  const splitV = tf.getKernel(SPLIT_V, 'wasm');
  if (!slice || !splitV) return false;
  tf.unregisterKernel(SLICE, 'wasm');
  tf.registerKernel({
    ...slice,
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      const { begin, size } = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
      if (x.dtype === 'string') return slice.kernelFunc(args);
      const [begin_, size_] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size);
      return contiguousSlice(args.backend as WasmBackendLike, x, begin_, size_) ?? slice.kernelFunc(args);
    },
  });
  tf.unregisterKernel(SPLIT_V, 'wasm');
  tf.registerKernel({
    ...splitV,
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
      const splitAxis = tf.util.parseAxisParam(axis, x.shape)[0];
      const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, splitAxis);
      const contiguous = x.dtype !== 'string' && x.shape.slice(0, splitAxis).every((d) => d === 1);
      if (!contiguous) return splitV.kernelFunc(args);
      const begin = new Array<number>(x.shape.length).fill(0);
      return sizes.map((part) => {
        const size = [...x.shape];
        size[splitAxis] = part;
        const out = contiguousSlice(args.backend as WasmBackendLike, x, [...begin], size);
        begin[splitAxis] += part;
        if (!out) throw new Error('SplitV: a part along a leading axis is contiguous; this is a bug in the fast path.');
        return out;
      });
    },
  });
  installed = true;
  return true;
}
