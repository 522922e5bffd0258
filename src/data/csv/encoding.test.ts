import { describe, expect, it } from 'vitest';
import { detectEncoding, looksBinary } from './encoding';
import { parseCsvBlob } from './parse-csv';
import { isMissingToken, parseNumberCell } from './column-builder';

// Real bytes of each encoding (written out, since TextEncoder only encodes UTF-8).
const latin1 = new Uint8Array(
  [...'name,city,price\nJos']
    .map((c) => c.charCodeAt(0))
    .concat(
      [0xe9],
      [...',Z'].map((c) => c.charCodeAt(0)),
      [0xfc],
      [...'rich,12.5\nFran'].map((c) => c.charCodeAt(0)),
      [0xe7],
      [...'ois,S'].map((c) => c.charCodeAt(0)),
      [0xe3],
      [...'o Paulo,3\n'].map((c) => c.charCodeAt(0)),
    ),
);
// "城市,人口\n北京,2154\n上海,2487\n" in GBK
const gbk = new Uint8Array([
  0xb3, 0xc7, 0xca, 0xd0, 0x2c, 0xc8, 0xcb, 0xbf, 0xda, 0x0a, 0xb1, 0xb1, 0xbe, 0xa9, 0x2c, 0x32, 0x31, 0x35, 0x34, 0x0a, 0xc9, 0xcf, 0xba, 0xa3, 0x2c, 0x32, 0x34, 0x38, 0x37, 0x0a,
]);
// "名前,年齢\nさくら,12\nたろう,30\n" in Shift-JIS
const sjis = new Uint8Array([
  0x96, 0xbc, 0x91, 0x4f, 0x2c, 0x94, 0x4e, 0x97, 0xee, 0x0a, 0x82, 0xb3, 0x82, 0xad, 0x82, 0xe7, 0x2c, 0x31, 0x32, 0x0a, 0x82, 0xbd, 0x82, 0xeb, 0x82, 0xa4, 0x2c, 0x33, 0x30, 0x0a,
]);
const utf16 = (text: string, le: boolean, bom: boolean): Uint8Array => {
  const out: number[] = bom ? (le ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (le) out.push(c & 0xff, c >> 8);
    else out.push(c >> 8, c & 0xff);
  }
  return new Uint8Array(out);
};

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', evidence: 'bom' });
    expect(detectEncoding(utf16('a,b\n1,2\n', true, true)).encoding).toBe('utf-16le');
    expect(detectEncoding(utf16('a,b\n1,2\n', false, true)).encoding).toBe('utf-16be');
  });

  it('finds UTF-16 without a mark from the zero bytes', () => {
    expect(detectEncoding(utf16('name,value\nx,1\ny,2\n', true, false))).toEqual({ encoding: 'utf-16le', evidence: 'zero-bytes' });
    expect(detectEncoding(utf16('name,value\nx,1\ny,2\n', false, false)).encoding).toBe('utf-16be');
  });

  it('keeps valid UTF-8 (including CJK and accents) as UTF-8', () => {
    expect(detectEncoding(new TextEncoder().encode('城市,Zürich,さくら\n'))).toEqual({ encoding: 'utf-8', evidence: 'valid-utf-8' });
    // Cut in the middle of a character: still UTF-8.
    expect(detectEncoding(new TextEncoder().encode('a,城').slice(0, 4)).encoding).toBe('utf-8');
  });

  it('tells Windows-1252, GBK and Shift-JIS apart', () => {
    expect(detectEncoding(latin1).encoding).toBe('windows-1252');
    expect(detectEncoding(gbk).encoding).toBe('gb18030');
    expect(detectEncoding(sjis).encoding).toBe('shift_jis');
    expect(new TextDecoder('gb18030').decode(gbk)).toBe('城市,人口\n北京,2154\n上海,2487\n');
    expect(new TextDecoder('shift_jis').decode(sjis)).toBe('名前,年齢\nさくら,12\nたろう,30\n');
  });

  it('calls binary only what is binary', () => {
    expect(looksBinary('PK\u0003\u0004\u0000\u0000')).toBe(true);
    expect(looksBinary(new TextDecoder('windows-1252').decode(latin1))).toBe(false);
    expect(looksBinary('\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f'.repeat(5))).toBe(true);
  });
});

describe('parseCsvBlob decodes legacy encodings instead of refusing them', () => {
  it.each([
    ['windows-1252', latin1, 'city', 'Zürich'],
    ['gb18030', gbk, '城市', '北京'],
    ['shift_jis', sjis, '名前', 'さくら'],
    ['utf-16le', utf16('名前,n\nさくら,1\n', true, true), '名前', 'さくら'],
  ] as const)('%s', async (encoding, bytes, header, value) => {
    const parsed = await parseCsvBlob(new Blob([new Uint8Array(bytes)]), { fileName: 'x.csv' });
    expect(parsed.encoding).toBe(encoding);
    expect(parsed.header).toContain(header);
    expect(JSON.stringify(parsed.preview)).toContain(value);
  });

  it('an override wins over the guess', async () => {
    const parsed = await parseCsvBlob(new Blob([latin1]), { fileName: 'x.csv', encoding: 'gb18030' });
    expect(parsed.encoding).toBe('gb18030');
  });
});

describe('whitespace cells', () => {
  it('a cell of eight or more spaces is missing, never 0', () => {
    expect(isMissingToken('        ')).toBe(true);
    expect(isMissingToken(' \t       ')).toBe(true);
    expect(Number.isNaN(parseNumberCell('          ', false))).toBe(true);
    expect(parseNumberCell(' 0 ', false)).toBe(0);
    expect(isMissingToken('   12   ')).toBe(false);
  });
});
