import { DataError } from '../../lib/errors';

/**
 * The safetensors format (https://github.com/huggingface/safetensors): an unsigned 64-bit little-endian
 * header length N, N bytes of UTF-8 JSON `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {…}}`,
 * then the raw little-endian tensor bytes; offsets are relative to the end of the header. The header is
 * padded with spaces to a multiple of 8 bytes so every tensor starts aligned.
 */
export type SafetensorsDtype = 'F32' | 'F16' | 'I64' | 'U8';

export interface NamedTensor {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  /** Little-endian bytes, exactly `product(shape) × bytesPerElement(dtype)` long. */
  data: Uint8Array;
}

const BYTES: Record<SafetensorsDtype, number> = { F32: 4, F16: 2, I64: 8, U8: 1 };

export function bytesPerElement(dtype: SafetensorsDtype): number {
  return BYTES[dtype];
}

const elements = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** float32 values as little-endian bytes (copied, so the caller's buffer is never aliased). */
export function float32Bytes(values: Float32Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

/** Writes tensors (in the given order) as one safetensors file. */
export function writeSafetensors(tensors: readonly NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  const seen = new Set<string>();
  for (const t of tensors) {
    if (seen.has(t.name) || t.name === '__metadata__') throw new Error(`Tensor name "${t.name}" is used twice or reserved.`);
    seen.add(t.name);
    const expected = elements(t.shape) * BYTES[t.dtype];
    if (t.data.byteLength !== expected) throw new Error(`Tensor "${t.name}" has ${t.data.byteLength} bytes but shape [${t.shape.join(', ')}] of ${t.dtype} needs ${expected}.`);
    // defineProperty: tensor names are data; "__proto__" must stay an ordinary key.
    Object.defineProperty(header, t.name, { value: { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + expected] }, enumerable: true, writable: true, configurable: true });
    offset += expected;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.byteLength / 8) * 8;
  if (padded !== json.byteLength) {
    const withSpaces = new Uint8Array(padded).fill(0x20);
    withSpaces.set(json);
    json = withSpaces;
  }
  const out = new Uint8Array(8 + json.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  let at = 8 + json.byteLength;
  for (const t of tensors) {
    out.set(t.data, at);
    at += t.data.byteLength;
  }
  return out;
}

export interface SafetensorsLimits {
  /** Largest header (JSON) accepted. */
  headerBytes: number;
  tensors: number;
  dimensions: number;
}

export const SAFETENSORS_LIMITS: SafetensorsLimits = { headerBytes: 16 * 1024 * 1024, tensors: 10_000, dimensions: 8 };

const fail = (file: string, message: string): never => {
  throw new DataError('safetensors_invalid', `${file}: ${message} Use the .safetensors file written by the exported train.py (or export the model again).`);
};

/**
 * Reads a safetensors file; every size is checked against the file before anything is allocated.
 * Returns views into `bytes` (no copies).
 */
export function readSafetensors(
  bytes: Uint8Array,
  file = 'weights.safetensors',
  limits: SafetensorsLimits = SAFETENSORS_LIMITS,
): { tensors: Map<string, NamedTensor>; metadata: Record<string, string> } {
  if (bytes.byteLength < 8) fail(file, `the file is ${bytes.byteLength} bytes, too short for a safetensors header.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(bytes.byteLength - 8)) fail(file, `the header says it is ${headerLength} bytes but the file has only ${bytes.byteLength - 8} after the length.`);
  if (headerLength > BigInt(limits.headerBytes)) fail(file, `the header is ${headerLength} bytes, more than the ${limits.headerBytes} allowed.`);
  const n = Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (error) {
    return fail(file, `the header is not UTF-8 JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return fail(file, 'the header is not a JSON object.');
  const dataStart = 8 + n;
  const dataBytes = bytes.byteLength - dataStart;
  const tensors = new Map<string, NamedTensor>();
  const metadata: Record<string, string> = {};
  const entries = Object.entries(header as Record<string, unknown>);
  if (entries.length > limits.tensors + 1) fail(file, `it lists ${entries.length} tensors, more than the ${limits.tensors} allowed.`);
  for (const [name, spec] of entries) {
    if (name === '__metadata__') {
      if (typeof spec === 'object' && spec !== null) {
        for (const [k, v] of Object.entries(spec)) if (typeof v === 'string') Object.defineProperty(metadata, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      continue;
    }
    if (typeof spec !== 'object' || spec === null) return fail(file, `tensor "${name.slice(0, 60)}" has no description.`);
    const { dtype, shape, data_offsets: offsets } = spec as Record<string, unknown>;
    if (typeof dtype !== 'string' || !Object.hasOwn(BYTES, dtype)) return fail(file, `tensor "${name.slice(0, 60)}" has dtype ${String(dtype).slice(0, 20)}; only F32, F16, I64 and U8 are read here.`);
    if (!Array.isArray(shape) || shape.length > limits.dimensions || !shape.every((d) => Number.isInteger(d) && d >= 0 && d <= 1e9))
      return fail(file, `tensor "${name.slice(0, 60)}" has an invalid shape.`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o) && o >= 0)) return fail(file, `tensor "${name.slice(0, 60)}" has invalid data_offsets.`);
    const [begin, end] = offsets as number[];
    const expected = elements(shape as number[]) * BYTES[dtype as SafetensorsDtype];
    if (end - begin !== expected) fail(file, `tensor "${name.slice(0, 60)}" spans ${end - begin} bytes but its shape needs ${expected}.`);
    if (end > dataBytes) fail(file, `tensor "${name.slice(0, 60)}" ends at byte ${end} but the data holds ${dataBytes}; the file is truncated.`);
    tensors.set(name, { name, dtype: dtype as SafetensorsDtype, shape: [...(shape as number[])], data: bytes.subarray(dataStart + begin, dataStart + end) });
  }
  return { tensors, metadata };
}

/** float32 values of an F32 tensor (little-endian, any alignment). */
export function tensorFloat32(t: NamedTensor): Float32Array {
  if (t.dtype !== 'F32') throw new DataError('safetensors_invalid', `Tensor "${t.name}" is ${t.dtype}; float32 (F32) was expected.`);
  const out = new Float32Array(t.data.byteLength / 4);
  const view = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
