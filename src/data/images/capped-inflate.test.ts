import { deflateSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CappedInflater, inflateCapped, isGzip } from './capped-inflate';
import { firstDifference } from './test-utils/bytes';

const limitError = (bytes: number): Error => new Error(`limit passed at ${bytes}`);
const corruptError = (detail: string): Error => new Error(`corrupt: ${detail}`);

function pattern(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + (i >> 7)) & 0xff;
  return out;
}

describe('CappedInflater', () => {
  it('round-trips deflate and gzip data pushed in pieces', () => {
    const data = pattern(300_000);
    for (const format of ['deflate', 'gzip'] as const) {
      const compressed = format === 'gzip' ? gzipSync(data) : deflateSync(data);
      const inflater = new CappedInflater({ format, maxBytes: data.length, limitError, corruptError });
      inflater.push(compressed.subarray(0, 1000), false);
      inflater.push(compressed.subarray(1000), true);
      expect(firstDifference(inflater.result(), data)).toBe(-1);
      expect(inflater.size).toBe(data.length);
    }
  });

  it('stops a bomb early by counting real output', () => {
    const zeros = new Uint8Array(16 * 1024 * 1024); // 16 MiB of zeros → ~16 KiB compressed
    const compressed = deflateSync(zeros, { level: 9 });
    expect(compressed.length).toBeLessThan(40_000);
    expect(() => inflateCapped(compressed, { format: 'deflate', maxBytes: 1024 * 1024, limitError, corruptError })).toThrow(/limit passed at/);
  });

  it('reports a truncated stream as corrupt', () => {
    const compressed = deflateSync(pattern(100_000));
    expect(() => inflateCapped(compressed.subarray(0, compressed.length >> 1), { format: 'deflate', maxBytes: 1e9, limitError, corruptError })).toThrow(/corrupt: unexpected EOF/);
  });

  it('verifies the gzip trailer, so a cut-off or damaged .gz is not silently accepted', () => {
    const data = pattern(200_000);
    const gz = gzipSync(data);
    const options = { format: 'gzip' as const, maxBytes: 1e9, limitError, corruptError };
    expect(() => inflateCapped(gz.subarray(0, gz.length - 4), options)).toThrow(/corrupt/);
    expect(() => inflateCapped(gz.subarray(0, gz.length >> 1), options)).toThrow(/corrupt/);
    const damaged = new Uint8Array(gz);
    damaged[damaged.length - 6] ^= 1; // CRC byte
    expect(() => inflateCapped(damaged, options)).toThrow(/checksum/);
    const twoMembers = new Uint8Array([...gzipSync(data.subarray(0, 1000)), ...gzipSync(data.subarray(1000, 1500))]);
    expect(firstDifference(inflateCapped(twoMembers, options), data.subarray(0, 1500))).toBe(-1);
  });

  it('reports garbage as corrupt', () => {
    const garbage = new Uint8Array(64).fill(0xff);
    expect(() => inflateCapped(garbage, { format: 'deflate', maxBytes: 1e9, limitError, corruptError })).toThrow(/corrupt/);
  });

  it('handles empty payloads and detects gzip magic', () => {
    expect(inflateCapped(deflateSync(new Uint8Array(0)), { format: 'deflate', maxBytes: 10, limitError, corruptError })).toEqual(new Uint8Array(0));
    expect(isGzip(gzipSync(new Uint8Array(3)))).toBe(true);
    expect(isGzip(new Uint8Array([0, 0, 8, 3]))).toBe(false);
  });
});
