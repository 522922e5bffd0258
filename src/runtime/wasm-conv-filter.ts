import * as tf from '@tensorflow/tfjs';

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

interface WasmBackendLike extends tf.KernelBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
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

/** Patches of x as rows: patches[m, (i·kw + j)·C + ch], zero where the filter hangs over the border. */
function im2col(x: Float32Array, g: Geometry, out: Float32Array): void {
  const k = g.kh * g.kw * g.c;
  out.fill(0);
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
            const from = ((b * g.h + y) * g.w + xPos) * g.c;
            const to = row + (i * g.kw + j) * g.c;
            // Few channels (the first layer): element copies beat creating a subarray view.
            if (g.c < 16) for (let ch = 0; ch < g.c; ch++) out[to + ch] = x[from + ch];
            else out.set(x.subarray(from, from + g.c), to);
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
  const patches = backend.makeOutput([1, m, k], 'float32');
  // Views are taken after allocating: growing WASM memory detaches earlier views.
  im2col(backend.typedArrayFromHeap(x), g, backend.typedArrayFromHeap(patches));
  const dw = matMul(backend, patches, { ...dy, shape: [1, m, g.f] }, true, false);
  backend.disposeData(patches.dataId);
  return { ...dw, shape: [g.kh, g.kw, g.c, g.f] };
}

function backpropInput(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const dy = args.inputs.dy as tf.TensorInfo;
  const filter = args.inputs.filter as tf.TensorInfo;
  const attrs = args.attrs as unknown as ConvAttrs & { inputShape: [number, number, number, number] };
  const g = geometry(attrs.inputShape, filter.shape, attrs);
  const m = g.n * g.oh * g.ow;
  const k = g.kh * g.kw * g.c;
  const columns = matMul(backend, { ...dy, shape: [1, m, g.f] }, { ...filter, shape: [1, k, g.f] }, false, true);
  const dx = backend.makeOutput(attrs.inputShape, 'float32');
  col2im(backend.typedArrayFromHeap({ ...columns, shape: [1, m, k] }), g, backend.typedArrayFromHeap(dx));
  backend.disposeData(columns.dataId);
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
