import type { ModelArtifacts } from './model-artifacts';

/**
 * Weight quantization as TensorFlow.js's weights manifest describes it, so `tf.loadLayersModel` reads the
 * bundle natively: a weight keeps `dtype: "float32"` and gains `quantization: {dtype, scale?, min?}`;
 * its bytes in the shard are float16 values, or uint8 codes q with value = q × scale + min (per tensor).
 */
export type QuantizeDtype = 'float16' | 'uint8';

export interface WeightQuantization {
  dtype: QuantizeDtype;
  scale?: number;
  min?: number;
}

export type QuantizedWeightSpec = ModelArtifacts['weightSpecs'][number] & { quantization?: WeightQuantization };

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** IEEE 754 half precision bits of a float32, rounding to nearest even (as numpy's astype(float16)). */
export function float16Bits(value: number): number {
  F32[0] = value;
  const x = U32[0];
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // inf / NaN
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow → inf
  if (e <= 0) {
    if (e < -10) return sign; // underflow → ±0
    mantissa |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let bits = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    if (rest > half || (rest === half && bits & 1)) bits++;
    return sign | bits;
  }
  let bits = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && bits & 1)) bits++; // may carry into the exponent: still correct
  return sign | bits;
}

export function float16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

function floatValues(artifacts: Pick<ModelArtifacts, 'weightSpecs' | 'weightData'>): Float32Array[] {
  const view = new DataView(artifacts.weightData);
  let offset = 0;
  return artifacts.weightSpecs.map((spec) => {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(offset + i * 4, true);
    offset += n * 4;
    return out;
  });
}

/** Quantizes every float32 weight; returns the manifest entries and the packed shard bytes. */
export function quantizeWeights(artifacts: Pick<ModelArtifacts, 'weightSpecs' | 'weightData'>, dtype: QuantizeDtype): { weightSpecs: QuantizedWeightSpec[]; weightData: ArrayBuffer } {
  const values = floatValues(artifacts);
  const bytesPer = dtype === 'float16' ? 2 : 1;
  const out = new Uint8Array(values.reduce((sum, v) => sum + v.length * bytesPer, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  const weightSpecs = artifacts.weightSpecs.map((spec, s): QuantizedWeightSpec => {
    const v = values[s];
    if (dtype === 'float16') {
      for (let i = 0; i < v.length; i++) view.setUint16(offset + i * 2, float16Bits(v[i]), true);
      offset += v.length * 2;
      return { ...spec, quantization: { dtype } };
    }
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < v.length; i++) {
      if (v[i] < min) min = v[i];
      if (v[i] > max) max = v[i];
    }
    if (v.length === 0) min = max = 0;
    // Stored as float32 by TF.js' decoder arithmetic; use the float32 values so encode and decode agree.
    const scale = Math.fround(max > min ? (max - min) / 255 : 1);
    min = Math.fround(min);
    for (let i = 0; i < v.length; i++) out[offset + i] = Math.max(0, Math.min(255, Math.round((v[i] - min) / scale)));
    offset += v.length;
    return { ...spec, quantization: { dtype, scale, min } };
  });
  return { weightSpecs, weightData: out.buffer };
}

/** float32 weights from quantized shard bytes, with TF.js's decoding (value = q × scale + min, or float16). */
export function dequantizeWeights(weightSpecs: readonly QuantizedWeightSpec[], data: Uint8Array): Float32Array {
  const total = weightSpecs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1), 0);
  const out = new Float32Array(total);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let at = 0;
  let offset = 0;
  for (const spec of weightSpecs) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const q = spec.quantization;
    if (!q) {
      for (let i = 0; i < n; i++) out[at + i] = view.getFloat32(offset + i * 4, true);
      offset += n * 4;
    } else if (q.dtype === 'float16') {
      for (let i = 0; i < n; i++) out[at + i] = float16Value(view.getUint16(offset + i * 2, true));
      offset += n * 2;
    } else {
      const scale = q.scale ?? 1;
      const min = q.min ?? 0;
      for (let i = 0; i < n; i++) out[at + i] = data[offset + i] * scale + min;
      offset += n;
    }
    at += n;
  }
  return out;
}

/** Bytes a weight occupies in the shards: float32 4, float16 2, uint8 1 per value. */
export function storedBytesPerValue(spec: QuantizedWeightSpec): number {
  return spec.quantization ? (spec.quantization.dtype === 'float16' ? 2 : 1) : 4;
}
