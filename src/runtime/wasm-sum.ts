import * as tf from '@tensorflow/tfjs';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * A bias gradient sums dy over every axis but the channels ([N, H, W, C] → [C]). TF.js 4.22's WASM Sum
 * reduces only innermost axes, so it first transposes the whole tensor to put the channels in front:
 * a full copy of the largest activation, per convolution, per step. Summing rows of C in one pass needs
 * no copy. Other reductions, and non-float32 input, go to the original kernel. Each channel is
 * accumulated in float64 and rounded once, so the result is at least as accurate as the original's.
 */
const SUM = 'Sum';
let installed = false;

interface SumAttrs {
  axis: number | number[];
  keepDims: boolean;
}

/** Whether `axis` names exactly the axes 0 … rank − 2 (any order, negative allowed). */
function allButLast(axis: number | number[], rank: number): boolean {
  const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a));
  if (rank < 2 || axes.length !== rank - 1) return false;
  const seen = new Set(axes);
  for (let a = 0; a < rank - 1; a++) if (!seen.has(a)) return false;
  return true;
}

export function installFastWasmSum(): boolean {
  if (installed) return true;
  const original = tf.getKernel(SUM, 'wasm');
  if (!original) return false;
  tf.unregisterKernel(SUM, 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      const { axis, keepDims } = args.attrs as unknown as SumAttrs;
      const rank = x.shape.length;
      if (x.dtype !== 'float32' || !allButLast(axis, rank)) return original.kernelFunc(args);
      const backend = args.backend as WasmBackendLike;
      const channels = x.shape[rank - 1];
      const outShape = keepDims ? [...x.shape.slice(0, -1).map(() => 1), channels] : [channels];
      const outInfo = backend.makeOutput(outShape, 'float32');
      // Views after allocating: growing WASM memory detaches earlier views.
      const values = backend.typedArrayFromHeap(x) as Float32Array;
      const out = backend.typedArrayFromHeap(outInfo) as Float32Array;
      const sums = new Float64Array(channels);
      const size = values.length;
      for (let at = 0; at < size; at += channels) for (let c = 0; c < channels; c++) sums[c] += values[at + c];
      out.set(sums);
      return outInfo;
    },
  });
  installed = true;
  return true;
}
