import { float16Bits, float16Value } from '../../export/quantize';
import { ACTIVATION_CODES, WORKGROUP_SIZE, denseShader, type KernelActivation, type ShaderPrecision } from './dense-shader';

/**
 * Dense-network inference with our own WebGPU kernel (dense-shader.ts), in float16 where the adapter
 * offers "shader-f16", and in float32 with the same kernel anywhere WebGPU runs (the check that the path
 * computes what TF.js computes). Plain WebGPU: no TF.js here; the caller extracts the layers.
 */
export interface DenseLayerWeights {
  inputs: number;
  outputs: number;
  /** inputs × outputs, row-major (the TF.js kernel layout). */
  kernel: Float32Array;
  bias: Float32Array;
  activation: KernelActivation | 'softmax';
}

export interface GpuInference {
  device: GPUDevice;
  precision: ShaderPrecision;
  adapter: string;
}

/** Why float16 (or the shader at all) cannot run here, said plainly; null when it can. */
export type Availability = { ok: true; inference: GpuInference } | { ok: false; reason: string };

const cache = new Map<ShaderPrecision, Promise<Availability>>();

/** A WebGPU device for the kernel in `precision`; f16 requires the adapter's "shader-f16" feature. */
export function gpuInference(precision: ShaderPrecision): Promise<Availability> {
  let pending = cache.get(precision);
  if (!pending) {
    pending = openDevice(precision);
    cache.set(precision, pending);
  }
  return pending;
}

async function openDevice(precision: ShaderPrecision): Promise<Availability> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return { ok: false, reason: 'This browser has no WebGPU (navigator.gpu is missing), so float16 inference cannot run; predictions used float32.' };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { ok: false, reason: 'The browser offers no WebGPU adapter, so float16 inference cannot run; predictions used float32.' };
  const info = adapter.info;
  const name = [info?.vendor, info?.architecture, info?.description].filter((s) => s && s.length > 0).join(' ') || 'unknown adapter';
  if (precision === 'f16' && !adapter.features.has('shader-f16')) {
    return { ok: false, reason: `This device's WebGPU adapter (${name}) does not offer shader-f16, so float16 inference cannot run here; predictions used float32.` };
  }
  const device = await adapter.requestDevice({ requiredFeatures: precision === 'f16' ? ['shader-f16'] : [] });
  void device.lost.then(() => cache.delete(precision));
  return { ok: true, inference: { device, precision, adapter: name } };
}

/** Values as the buffer precision stores them (f16 bits padded to 4 bytes, or float32). */
function encode(values: Float32Array, precision: ShaderPrecision): Uint8Array<ArrayBuffer> {
  if (precision === 'f32') return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength) as ArrayBuffer);
  const halves = new Uint16Array(values.length + (values.length % 2));
  for (let i = 0; i < values.length; i++) halves[i] = float16Bits(values[i]);
  return new Uint8Array(halves.buffer);
}

function decode(bytes: ArrayBuffer, count: number, precision: ShaderPrecision): Float32Array {
  if (precision === 'f32') return new Float32Array(bytes, 0, count).slice();
  const halves = new Uint16Array(bytes, 0, count);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = float16Value(halves[i]);
  return out;
}

const padded = (bytes: number) => Math.max(4, Math.ceil(bytes / 4) * 4);

/** Checks that the layers chain (each layer's inputs = the previous layer's outputs) and that sizes match. */
export function checkNetwork(layers: readonly DenseLayerWeights[], inputWidth: number): void {
  if (layers.length === 0) throw new Error('The network has no dense layers.');
  let width = inputWidth;
  layers.forEach((layer, i) => {
    if (layer.inputs !== width) throw new Error(`Dense layer ${i + 1} takes ${layer.inputs} inputs but receives ${width}.`);
    if (layer.kernel.length !== layer.inputs * layer.outputs || layer.bias.length !== layer.outputs)
      throw new Error(`Dense layer ${i + 1}: kernel or bias size does not match ${layer.inputs} × ${layer.outputs}.`);
    if (layer.activation === 'softmax' && i !== layers.length - 1) throw new Error('Softmax is supported on the last layer only.');
    width = layer.outputs;
  });
}

/**
 * Runs the network on `rows` × `inputWidth` features. Rows go in chunks small enough for the device's
 * buffer limits; every layer is one dispatch of the same kernel. Softmax (last layer) runs in float64 here.
 */
export async function runDenseNetwork(inference: GpuInference, layers: readonly DenseLayerWeights[], features: Float32Array, inputWidth: number): Promise<Float32Array> {
  checkNetwork(layers, inputWidth);
  const { device, precision } = inference;
  const rows = Math.floor(features.length / inputWidth);
  const bytesPer = precision === 'f16' ? 2 : 4;
  const widest = layers.reduce((w, l) => Math.max(w, l.outputs), inputWidth);
  const limit = Math.min(device.limits.maxStorageBufferBindingSize, 64 * 1024 * 1024);
  const chunkRows = Math.max(1, Math.min(rows, Math.floor(limit / (widest * bytesPer))));
  const module = device.createShaderModule({ code: denseShader(precision) });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const storage = (data: Uint8Array<ArrayBuffer>) => {
    const buffer = device.createBuffer({ size: padded(data.byteLength), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  };
  const kernels = layers.map((l) => storage(encode(l.kernel, precision)));
  const biases = layers.map((l) => storage(encode(l.bias, precision)));
  const last = layers[layers.length - 1];
  const out = new Float32Array(rows * last.outputs);
  const created: GPUBuffer[] = [...kernels, ...biases];
  try {
    for (let start = 0; start < rows; start += chunkRows) {
      const n = Math.min(chunkRows, rows - start);
      let input = storage(encode(features.subarray(start * inputWidth, (start + n) * inputWidth), precision));
      created.push(input);
      const encoder = device.createCommandEncoder();
      layers.forEach((layer, i) => {
        const output = device.createBuffer({ size: padded(n * layer.outputs * bytesPer), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
        const dims = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
        const code = layer.activation === 'softmax' ? ACTIVATION_CODES.linear : ACTIVATION_CODES[layer.activation];
        device.queue.writeBuffer(dims, 0, new Uint32Array([n, layer.inputs, layer.outputs, code]));
        created.push(output, dims);
        const bindGroup = device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [input, kernels[i], biases[i], output, dims].map((buffer, binding) => ({ binding, resource: { buffer } })),
        });
        const pass = encoder.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bindGroup);
        const groups = Math.ceil((n * layer.outputs) / WORKGROUP_SIZE);
        const x = Math.min(groups, 65_535);
        pass.dispatchWorkgroups(x, Math.ceil(groups / x));
        pass.end();
        input = output;
      });
      const readBytes = n * last.outputs * bytesPer;
      const read = device.createBuffer({ size: padded(readBytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      created.push(read);
      encoder.copyBufferToBuffer(input, 0, read, 0, padded(readBytes));
      device.queue.submit([encoder.finish()]);
      await read.mapAsync(GPUMapMode.READ);
      out.set(decode(read.getMappedRange(), n * last.outputs, precision), start * last.outputs);
      read.unmap();
      for (const b of created.splice(kernels.length + biases.length)) b.destroy();
    }
  } finally {
    for (const b of created) b.destroy();
  }
  if (last.activation === 'softmax') softmaxRows(out, last.outputs);
  return out;
}

/** Row-wise softmax in float64 (stable: the row maximum is subtracted first). */
export function softmaxRows(values: Float32Array, width: number): void {
  for (let r = 0; r < values.length; r += width) {
    let max = -Infinity;
    for (let c = 0; c < width; c++) max = Math.max(max, values[r + c]);
    let sum = 0;
    for (let c = 0; c < width; c++) sum += Math.exp(values[r + c] - max);
    for (let c = 0; c < width; c++) values[r + c] = Math.exp(values[r + c] - max) / sum;
  }
}
