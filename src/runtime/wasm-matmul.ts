import * as tf from '@tensorflow/tfjs';

/**
 * TF.js's WASM backend sends a matrix product to XNNPACK only when neither operand is transposed;
 * transposed products (every backward pass: dx = dy·Wᵀ, dW = xᵀ·dy) fall back to a naive blocked
 * loop that dominated training time here (~40% of a step). This wraps the kernel so transposed
 * operands are first materialized with the backend's Transpose kernel (memory-bound, cheap) and the
 * product always takes the XNNPACK path. Results are the same products, computed in a different
 * summation order, so they agree to float32 rounding.
 */
const BATCH_MAT_MUL = 'BatchMatMul';
const TRANSPOSE = 'Transpose';
let installed = false;

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

/** Installs the wrapper once, before the WASM backend initializes; returns whether it is active. */
export function installFastWasmMatMul(): boolean {
  if (installed) return true;
  const original = tf.getKernel(BATCH_MAT_MUL, 'wasm');
  const transpose = tf.getKernel(TRANSPOSE, 'wasm');
  if (!original || !transpose) return false;
  tf.unregisterKernel(BATCH_MAT_MUL, 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const { inputs, backend } = args;
      const { transposeA, transposeB } = args.attrs as unknown as MatMulAttrs;
      if (!transposeA && !transposeB) return original.kernelFunc(args);
      const a = inputs.a as tf.TensorInfo;
      const b = inputs.b as tf.TensorInfo;
      const temporaries: tf.TensorInfo[] = [];
      const materialize = (x: tf.TensorInfo): tf.TensorInfo => {
        const out = transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm: swapLastTwo(x.shape.length) } }) as tf.TensorInfo;
        temporaries.push(out);
        return out;
      };
      const result = original.kernelFunc({
        inputs: { a: transposeA ? materialize(a) : a, b: transposeB ? materialize(b) : b },
        backend,
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
      // Kernel-level temporaries are not engine tensors: free their backend data directly.
      for (const t of temporaries) (backend as tf.KernelBackend).disposeData(t.dataId);
      return result;
    },
  });
  installed = true;
  return true;
}
