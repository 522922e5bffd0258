import type * as tf from '@tensorflow/tfjs';

/** The two methods of TF.js's WASM backend the studio's kernels use (not in its public typings). */
export interface WasmBackendLike extends tf.KernelBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}
