import { DataError } from '../../lib/errors';
import { float16Value } from '../quantize';
import type { NamedTensor } from './safetensors';

/** The `__metadata__` key of a quantized weights.safetensors (written by project.ts, read by tau_safetensors.py). */
export const QUANTIZATION_METADATA_KEY = 'tau_quantization';

/** Per-tensor uint8 decoding: value = code × scale + min (as TF.js decodes a uint8 weights manifest). */
export interface TensorQuantization {
  scale: number;
  min: number;
}

const fail = (file: string, message: string): never => {
  throw new DataError('checkpoint_invalid', `${file}: ${message}`);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `__metadata__.tau_quantization` (JSON `{tensor: {dtype: "uint8", scale, min}}`) and checks it against
 * the file: every entry names a U8 tensor of the file, with a finite positive scale and a finite min, and every
 * U8 tensor has an entry (raw codes without their scale cannot be decoded).
 */
export function readQuantizationMetadata(metadata: Readonly<Record<string, string>>, tensors: ReadonlyMap<string, NamedTensor>, file: string): Map<string, TensorQuantization> {
  const out = new Map<string, TensorQuantization>();
  const source = Object.hasOwn(metadata, QUANTIZATION_METADATA_KEY) ? metadata[QUANTIZATION_METADATA_KEY] : undefined;
  if (source !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch (error) {
      return fail(file, `__metadata__.${QUANTIZATION_METADATA_KEY} is not JSON (${error instanceof Error ? error.message : String(error)}); export the model again.`);
    }
    if (!isObject(parsed)) return fail(file, `__metadata__.${QUANTIZATION_METADATA_KEY} should be an object {tensor: {dtype, scale, min}}; export the model again.`);
    for (const [name, entry] of Object.entries(parsed)) {
      const label = `"${name.slice(0, 60)}"`;
      const tensor = tensors.get(name);
      if (!tensor) return fail(file, `__metadata__.${QUANTIZATION_METADATA_KEY} describes tensor ${label}, which the file does not hold.`);
      if (tensor.dtype !== 'U8') return fail(file, `__metadata__.${QUANTIZATION_METADATA_KEY} gives a scale for ${label}, but that tensor is ${tensor.dtype}; only U8 tensors carry uint8 codes.`);
      if (!isObject(entry) || entry.dtype !== 'uint8') return fail(file, `the quantization of ${label} should be {"dtype": "uint8", "scale", "min"}.`);
      const { scale, min } = entry;
      if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0)
        return fail(file, `the quantization of ${label} has scale ${JSON.stringify(scale) ?? 'missing'}; a finite number above 0 is needed.`);
      if (typeof min !== 'number' || !Number.isFinite(min)) return fail(file, `the quantization of ${label} has min ${JSON.stringify(min) ?? 'missing'}; a finite number is needed.`);
      out.set(name, { scale, min });
    }
  }
  for (const tensor of tensors.values()) {
    if (tensor.dtype === 'U8' && !out.has(tensor.name)) {
      fail(
        file,
        `tensor "${tensor.name.slice(0, 60)}" holds uint8 codes (U8) but __metadata__.${QUANTIZATION_METADATA_KEY} gives no scale and min for it, so its values are unknown. Use the weights.safetensors exported by Tau Studio with its metadata intact.`,
      );
    }
  }
  return out;
}

/**
 * A weight tensor as float32, decoded as predict.py (tau_safetensors.py) decodes it: F32 as is, F16 widened,
 * U8 codes × scale + min (computed in float64, rounded once to float32). Non-finite values are refused.
 */
export function decodeCheckpointTensor(tensor: NamedTensor, quantization: ReadonlyMap<string, TensorQuantization>, file: string): Float32Array {
  const view = new DataView(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  let out: Float32Array;
  if (tensor.dtype === 'F32') {
    out = new Float32Array(tensor.data.byteLength / 4);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  } else if (tensor.dtype === 'F16') {
    out = new Float32Array(tensor.data.byteLength / 2);
    for (let i = 0; i < out.length; i++) out[i] = float16Value(view.getUint16(i * 2, true));
  } else if (tensor.dtype === 'U8') {
    const q = quantization.get(tensor.name);
    if (!q) return fail(file, `tensor "${tensor.name.slice(0, 60)}" holds uint8 codes but no scale and min.`);
    out = new Float32Array(tensor.data.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = tensor.data[i] * q.scale + q.min;
  } else {
    return fail(file, `tensor "${tensor.name.slice(0, 60)}" is ${tensor.dtype}; model weights must be F32, F16 or U8 (with its scale and min).`);
  }
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) fail(file, `tensor "${tensor.name.slice(0, 60)}" holds ${out[i]} at position ${i}; the weights are damaged (or training diverged).`);
  }
  return out;
}
