import * as tf from '@tensorflow/tfjs';

/**
 * TF.js's WASM Slice kernel copies the whole input out of WASM memory (readSync) before taking the
 * slice, even when the slice is one contiguous range: slicing a 4,096-row chunk of a 60,000-image set
 * copied all 188 MB. For contiguous numeric slices this copies only the range, straight from a view
 * of WASM memory; everything else goes to the original kernel.
 */
const SLICE = 'Slice';
let installed = false;

interface WasmBackendLike extends tf.KernelBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

export function installFastWasmSlice(): boolean {
  if (installed) return true;
  const original = tf.getKernel(SLICE, 'wasm');
  if (!original) return false;
  tf.unregisterKernel(SLICE, 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      const { begin, size } = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
      if (x.dtype === 'string') return original.kernelFunc(args);
      const [begin_, size_] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size);
      if (!tf.slice_util.isSliceContinous(x.shape, begin_, size_)) return original.kernelFunc(args);
      const backend = args.backend as WasmBackendLike;
      const offset = tf.slice_util.computeFlatOffset(begin_, tf.util.computeStrides(x.shape));
      const count = tf.util.sizeFromShape(size_);
      const out = backend.makeOutput(size_, x.dtype);
      // Views after allocating: growing WASM memory detaches earlier views.
      backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(x).subarray(offset, offset + count));
      return out;
    },
  });
  installed = true;
  return true;
}
