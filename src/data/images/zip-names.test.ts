import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { decodeCp437, decodeZipName } from './zip-names';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const none = new Uint8Array(0);

describe('decodeZipName', () => {
  it('decodes UTF-8 names when flag bit 11 is set', () => {
    expect(decodeZipName(utf8('chats/été.png'), true, none)).toBe('chats/été.png');
  });

  it('decodes CP437 names without the flag', () => {
    // "café/ñ.png" in CP437: é = 0x82, ñ = 0xA4
    const raw = new Uint8Array([0x63, 0x61, 0x66, 0x82, 0x2f, 0xa4, 0x2e, 0x70, 0x6e, 0x67]);
    expect(decodeZipName(raw, false, none)).toBe('café/ñ.png');
    expect(decodeCp437(new Uint8Array([0x80, 0xe1, 0xfe, 0xff]))).toBe('Çß■\u00a0');
  });

  it('decodes GBK names from Chinese Windows (no flag, not UTF-8) as GB18030', () => {
    // "数据/猫.png" encoded as GBK (Python: '数据/猫.png'.encode('gbk')).
    const raw = new Uint8Array([202, 253, 190, 221, 47, 195, 168, 46, 112, 110, 103]);
    expect(decodeZipName(raw, false, none)).toBe('数据/猫.png');
    // The UTF-8 flag still wins: the same bytes flagged as UTF-8 are not reinterpreted.
    expect(decodeZipName(raw, true, none)).not.toBe('数据/猫.png');
  });

  it('reads flagless valid UTF-8 as UTF-8 (macOS Archive Utility does this)', () => {
    expect(decodeZipName(utf8('猫/1.png'), false, none)).toBe('猫/1.png');
  });

  it('prefers a matching Info-ZIP Unicode Path extra field', () => {
    const raw = new Uint8Array([0x63, 0x61, 0x66, 0x3f]); // "caf?"
    const name = utf8('café');
    const extra = new Uint8Array(4 + 5 + name.length);
    const view = new DataView(extra.buffer);
    view.setUint16(0, 0x7075, true);
    view.setUint16(2, 5 + name.length, true);
    extra[4] = 1;
    view.setUint32(5, crc32(raw), true);
    extra.set(name, 9);
    expect(decodeZipName(raw, false, extra)).toBe('café');
    view.setUint32(5, crc32(raw) ^ 1, true); // stale field: ignored
    expect(decodeZipName(raw, false, extra)).toBe('caf?');
  });
});
