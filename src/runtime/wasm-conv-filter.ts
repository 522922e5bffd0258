import * as tf from '@tensorflow/tfjs';
import type { WasmBackendLike as SharedWasmBackendLike } from './wasm-backend-like';

/**
 * Convolution gradients for the WASM backend, built from im2col and the XNNPACK matrix product.
 *
 * TF.js 4.22's WASM backend has no Conv2DBackpropFilter kernel, so it cannot train convolutional
 * networks at all, and its Conv2DBackpropInput is a naive loop. Both gradients are matrix products
 * over image patches: with P = patches of x as an [M, K] matrix (M = N·OH·OW positions, K = kh·kw·C),
 *   dW = Pᵀ · dy          ([K, F], reshaped to [kh, kw, C, F])
 *   dx = col2im(dy · Wᵀ)  (the [M, K] product scattered back onto the input positions)
 * so one JS pass builds or scatters the patches and XNNPACK does the arithmetic. Supports what the
 * studio's CNNs use: NHWC, dilation 1, 'same' / 'valid' / number padding.
 */
const BATCH_MAT_MUL = 'BatchMatMul';

interface ConvAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dilations?: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** These kernels only see float32 tensors: the heap view is a Float32Array. */
interface WasmBackendLike extends SharedWasmBackendLike {
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

interface Geometry {
  n: number;
  h: number;
  w: number;
  c: number;
  kh: number;
  kw: number;
  f: number;
  oh: number;
  ow: number;
  sh: number;
  sw: number;
  top: number;
  left: number;
}

function geometry(xShape: number[], filterShape: number[], attrs: ConvAttrs): Geometry {
  const dilations = attrs.dilations === undefined ? [1, 1] : typeof attrs.dilations === 'number' ? [attrs.dilations, attrs.dilations] : attrs.dilations;
  if (attrs.dataFormat !== 'NHWC' || dilations.some((d) => d !== 1) || !(attrs.pad === 'same' || attrs.pad === 'valid' || typeof attrs.pad === 'number')) {
    throw new Error('Convolution gradients on WASM support NHWC, dilation 1 and same/valid/number padding only.');
  }
  const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  return {
    n: info.batchSize,
    h: info.inHeight,
    w: info.inWidth,
    c: info.inChannels,
    kh: info.filterHeight,
    kw: info.filterWidth,
    f: info.outChannels,
    oh: info.outHeight,
    ow: info.outWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
  };
}

/**
 * Patches of x as columns: patchesT[(i·kw + j)·C + ch, m], zero where the filter hangs over the border.
 * Built in the [K, M] layout the filter gradient multiplies (Pᵀ · dy), so no transpose of the [M, K]
 * patch matrix is needed before XNNPACK (TF.js's Transpose of it took as long as the product).
 */
function im2colTransposed(x: Float32Array, g: Geometry, out: Float32Array): void {
  const m = g.n * g.oh * g.ow;
  const c = g.c;
  for (let i = 0; i < g.kh; i++) {
    for (let j = 0; j < g.kw; j++) {
      const rowBase = (i * g.kw + j) * c * m;
      // Output columns s whose input column s·sw + j − left lies inside the image: [s0, s1).
      const s0 = Math.min(g.ow, Math.max(0, Math.ceil((g.left - j) / g.sw)));
      const s1 = Math.max(s0, Math.min(g.ow, Math.floor((g.w - 1 + g.left - j) / g.sw) + 1));
      let col = 0;
      for (let b = 0; b < g.n; b++) {
        for (let r = 0; r < g.oh; r++, col += g.ow) {
          const y = r * g.sh + i - g.top;
          if (y < 0 || y >= g.h) {
            for (let ch = 0; ch < c; ch++) out.fill(0, rowBase + ch * m + col, rowBase + ch * m + col + g.ow);
            continue;
          }
          for (let ch = 0; ch < c; ch++) {
            const to = rowBase + ch * m + col;
            for (let s = 0; s < s0; s++) out[to + s] = 0;
            for (let s = s1; s < g.ow; s++) out[to + s] = 0;
          }
          const rowStart = ((b * g.h + y) * g.w + s0 * g.sw + j - g.left) * c;
          const step = g.sw * c;
          if (c === 1) {
            for (let s = s0, from = rowStart; s < s1; s++, from += step) out[rowBase + col + s] = x[from];
          } else {
            for (let s = s0, from = rowStart; s < s1; s++, from += step) {
              let to = rowBase + col + s;
              for (let ch = 0; ch < c; ch++, to += m) out[to] = x[from + ch];
            }
          }
        }
      }
    }
  }
}

/** The reverse of im2col: adds every patch row back onto the input positions it came from. */
function col2im(columns: Float32Array, g: Geometry, dx: Float32Array): void {
  const k = g.kh * g.kw * g.c;
  dx.fill(0);
  let m = 0;
  for (let b = 0; b < g.n; b++) {
    for (let r = 0; r < g.oh; r++) {
      for (let s = 0; s < g.ow; s++, m++) {
        const row = m * k;
        for (let i = 0; i < g.kh; i++) {
          const y = r * g.sh + i - g.top;
          if (y < 0 || y >= g.h) continue;
          for (let j = 0; j < g.kw; j++) {
            const xPos = s * g.sw + j - g.left;
            if (xPos < 0 || xPos >= g.w) continue;
            const to = ((b * g.h + y) * g.w + xPos) * g.c;
            const from = row + (i * g.kw + j) * g.c;
            for (let ch = 0; ch < g.c; ch++) dx[to + ch] += columns[from + ch];
          }
        }
      }
    }
  }
}

function matMul(backend: WasmBackendLike, a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean): tf.TensorInfo {
  const kernel = tf.getKernel(BATCH_MAT_MUL, 'wasm');
  if (!kernel) throw new Error('The WASM backend has no BatchMatMul kernel.');
  return kernel.kernelFunc({ inputs: { a, b }, backend, attrs: { transposeA, transposeB } }) as tf.TensorInfo;
}

function backpropFilter(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const x = args.inputs.x as tf.TensorInfo;
  const dy = args.inputs.dy as tf.TensorInfo;
  const attrs = args.attrs as unknown as ConvAttrs & { filterShape: [number, number, number, number] };
  const g = geometry(x.shape, attrs.filterShape, attrs);
  const m = g.n * g.oh * g.ow;
  const k = g.kh * g.kw * g.c;
  const patches = backend.makeOutput([1, k, m], 'float32');
  // Views are taken after allocating: growing WASM memory detaches earlier views.
  im2colTransposed(backend.typedArrayFromHeap(x), g, backend.typedArrayFromHeap(patches));
  const dw = matMul(backend, patches, { ...dy, shape: [1, m, g.f] }, false, false);
  backend.disposeData(patches.dataId);
  return { ...dw, shape: [g.kh, g.kw, g.c, g.f] };
}

function backpropInput(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const dy = args.inputs.dy as tf.TensorInfo;
  const filter = args.inputs.filter as tf.TensorInfo;
  const attrs = args.attrs as unknown as ConvAttrs & { inputShape: [number, number, number, number] };
  const g = geometry(attrs.inputShape, filter.shape, attrs);
  if (g.sh === 1 && g.sw === 1) {
    const viaConv = backpropInputByConvolution(backend, dy, filter, g);
    if (viaConv) return viaConv;
  }
  const m = g.n * g.oh * g.ow;
  const k = g.kh * g.kw * g.c;
  const columns = matMul(backend, { ...dy, shape: [1, m, g.f] }, { ...filter, shape: [1, k, g.f] }, false, true);
  const dx = backend.makeOutput(attrs.inputShape, 'float32');
  col2im(backend.typedArrayFromHeap({ ...columns, shape: [1, m, k] }), g, backend.typedArrayFromHeap(dx));
  backend.disposeData(columns.dataId);
  return dx;
}

/**
 * With stride 1 the input gradient is itself a convolution: dy correlated with the filter turned by
 * 180° and its in/out channels swapped, padded by kh − 1 − top (and so on). That runs on XNNPACK's
 * convolution (threaded where the page has threads) instead of a [M, K] product plus a col2im pass.
 * Returns null when the padding that needs is negative (then the im2col path applies).
 */
function backpropInputByConvolution(backend: WasmBackendLike, dy: tf.TensorInfo, filter: tf.TensorInfo, g: Geometry): tf.TensorInfo | null {
  const conv = tf.getKernel('Conv2D', 'wasm');
  if (!conv) return null;
  const top = g.kh - 1 - g.top;
  const left = g.kw - 1 - g.left;
  const bottom = g.h - g.oh + g.kh - 1 - top;
  const right = g.w - g.ow + g.kw - 1 - left;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) return null;
  const turned = backend.makeOutput([g.kh, g.kw, g.f, g.c], 'float32');
  const w = backend.typedArrayFromHeap(filter);
  const out = backend.typedArrayFromHeap(turned);
  for (let i = 0; i < g.kh; i++) {
    for (let j = 0; j < g.kw; j++) {
      const from = ((g.kh - 1 - i) * g.kw + (g.kw - 1 - j)) * g.c * g.f;
      const to = (i * g.kw + j) * g.f * g.c;
      for (let ch = 0; ch < g.c; ch++) for (let f = 0; f < g.f; f++) out[to + f * g.c + ch] = w[from + ch * g.f + f];
    }
  }
  const pad = [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
  const dx = conv.kernelFunc({ inputs: { x: dy, filter: turned }, backend, attrs: { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 } as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
  backend.disposeData(turned.dataId);
  return dx;
}

let installed = false;

/** Registers the two gradients for WASM (before the backend initializes); returns whether active. */
export function installWasmConvGradients(): boolean {
  if (installed) return true;
  if (!tf.getKernel(BATCH_MAT_MUL, 'wasm')) return false;
  if (tf.getKernel('Conv2DBackpropInput', 'wasm')) tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
  tf.registerKernel({ kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: backpropInput as tf.KernelFunc });
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: backpropFilter as tf.KernelFunc });
  }
  installed = true;
  return true;
}
