import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64UrlToBytes, bytesToBase64, bytesToBase64Url } from './base64';

/** The platform's encoder, for reference: btoa over a binary string. */
function reference(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('bytesToBase64 (table encoder)', () => {
  it('equals btoa for every length near the padding cases and for all byte values', () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = pseudoRandomBytes(length, length + 1);
      expect(bytesToBase64(bytes)).toBe(reference(bytes));
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToBase64(all)).toBe(reference(all));
    expect(bytesToBase64(new Uint8Array([0xff, 0xff, 0xff, 0xfe]))).toBe('/////g==');
  });

  it('round-trips a model-sized buffer (float32 weights) and a subarray view', () => {
    const weights = new Float32Array(6402).map((_, i) => Math.sin(i) * 0.1);
    const bytes = new Uint8Array(weights.buffer);
    const text = bytesToBase64(bytes);
    expect(text).toBe(reference(bytes));
    expect(new Float32Array(base64ToBytes(text).buffer)).toEqual(weights);
    const view = bytes.subarray(5, 1001);
    expect(bytesToBase64(view)).toBe(reference(view));
  });

  it('base64url drops padding and maps + and / (and reads back)', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0x01]);
    expect(bytesToBase64Url(bytes)).toBe('-_-_AQ');
    expect(base64UrlToBytes('-_-_AQ')).toEqual(bytes);
  });
});
