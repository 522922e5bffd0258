import * as tf from '@tensorflow/tfjs';

/**
 * TF.js's engine clones every tensor a gradient needs (each op's saved inputs and outputs) through the
 * Identity kernel. The CPU and WebGL backends answer Identity by sharing the data (one more reference);
 * TF.js 4.22's WASM backend copies it. A CNN step on WASM copied ~40 tensors that way, three of them the
 * size of the largest activation. Tensor data is never written in place once made (variables swap in
 * new data on assign), so sharing is safe: this answers Identity as the CPU backend does. A Cast to
 * the dtype a tensor already has (ReLU's gradient casts its float32 mask to float32) shares too.
 * Strings and real conversions keep the original kernels.
 */
const IDENTITY = 'Identity';
const CAST = 'Cast';
let installed = false;

export function installSharedWasmIdentity(): boolean {
  if (installed) return true;
  const original = tf.getKernel(IDENTITY, 'wasm');
  const cast = tf.getKernel(CAST, 'wasm');
  if (!original || !cast) return false;
  const share = (args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo => {
    const x = args.inputs.x as tf.TensorInfo;
    (args.backend as tf.KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  tf.unregisterKernel(IDENTITY, 'wasm');
  tf.registerKernel({ ...original, kernelFunc: (args) => ((args.inputs.x as tf.TensorInfo).dtype === 'string' ? original.kernelFunc(args) : share(args)) });
  tf.unregisterKernel(CAST, 'wasm');
  tf.registerKernel({
    ...cast,
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      const { dtype } = args.attrs as unknown as { dtype: tf.DataType };
      return x.dtype === dtype && dtype !== 'string' ? share(args) : cast.kernelFunc(args);
    },
  });
  installed = true;
  return true;
}
