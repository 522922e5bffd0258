import * as tf from '@tensorflow/tfjs';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * TF.js 4.22's WASM backend has no UnsortedSegmentSum, the gradient of gather — so of every Embedding
 * layer: without it a text model cannot train on WASM (the op throws, and backend auto-selection
 * would have to skip WASM). This kernel sums the rows of `x` into `numSegments` segments by
 * `segmentIds` (ids outside [0, numSegments) are dropped, as the CPU kernel does), in plain JS over the
 * WASM heap, like the other kernels the studio adds.
 */
const UNSORTED_SEGMENT_SUM = 'UnsortedSegmentSum';
let installed = false;

export function installWasmUnsortedSegmentSum(): boolean {
  if (installed || tf.getKernel(UNSORTED_SEGMENT_SUM, 'wasm')) return (installed = true);
  tf.registerKernel({
    kernelName: UNSORTED_SEGMENT_SUM,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const xInfo = inputs.x as tf.TensorInfo;
      const idsInfo = inputs.segmentIds as tf.TensorInfo;
      const numSegments = (attrs as unknown as { numSegments: number }).numSegments;
      if (!(Number.isInteger(numSegments) && numSegments >= 0)) throw new Error(`UnsortedSegmentSum: numSegments must be a whole number ≥ 0, got ${numSegments}.`);
      if (xInfo.dtype !== 'float32' && xInfo.dtype !== 'int32') throw new Error(`UnsortedSegmentSum on WASM supports float32 and int32, not ${xInfo.dtype}.`);
      const idsSize = idsInfo.shape.reduce((a, b) => a * b, 1);
      const leading = xInfo.shape.slice(0, idsInfo.shape.length);
      if (leading.length !== idsInfo.shape.length || leading.some((d, i) => d !== idsInfo.shape[i])) {
        throw new Error(`UnsortedSegmentSum: segmentIds shape [${idsInfo.shape.join(', ')}] must be a prefix of x's shape [${xInfo.shape.join(', ')}].`);
      }
      const rest = xInfo.shape.slice(idsInfo.shape.length);
      const inner = rest.reduce((a, b) => a * b, 1);
      const wasm = backend as WasmBackendLike;
      const outInfo = wasm.makeOutput([numSegments, ...rest], xInfo.dtype);
      // Views after allocating: growing WASM memory detaches earlier views.
      const x = wasm.typedArrayFromHeap(xInfo) as Float32Array | Int32Array;
      const ids = wasm.typedArrayFromHeap(idsInfo);
      const out = wasm.typedArrayFromHeap(outInfo) as Float32Array | Int32Array;
      out.fill(0);
      for (let i = 0; i < idsSize; i++) {
        const segment = ids[i];
        if (segment < 0 || segment >= numSegments) continue;
        const from = i * inner;
        const to = segment * inner;
        for (let k = 0; k < inner; k++) out[to + k] += x[from + k];
      }
      return outInfo;
    },
  });
  installed = true;
  return true;
}
