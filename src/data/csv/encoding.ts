/**
 * Text encodings of data files, detected from their first bytes with the browser's own TextDecoder:
 * a byte-order mark (UTF-8, UTF-16 LE/BE), UTF-16 without one (every other byte zero), strict UTF-8,
 * then the legacy encodings spreadsheets still write: GB18030/GBK (China), Shift-JIS (Japan) and
 * Windows-1252 (Excel's "CSV" in Western Europe and the Americas; ISO-8859-1 is its subset). A legible
 * text file is never called binary because it is not UTF-8.
 */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'gb18030', 'shift_jis'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 / Latin-1 (Western European)',
  gb18030: 'GB18030 / GBK (Chinese)',
  shift_jis: 'Shift-JIS (Japanese)',
};

export interface EncodingGuess {
  encoding: TextEncodingName;
  /** How it was decided: a byte-order mark, a strict decode that succeeded, or a weighing of the candidates. */
  evidence: 'bom' | 'valid-utf-8' | 'zero-bytes' | 'guess';
}

export function isTextEncoding(name: string): name is TextEncodingName {
  return (TEXT_ENCODINGS as readonly string[]).includes(name);
}

/** Decodes strictly; null when the bytes are not valid in `encoding` (an incomplete last character is fine). */
function strictDecode(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

interface Counts {
  nonAscii: number;
  cjk: number;
  kana: number;
  halfwidthKana: number;
  latin: number;
  controls: number;
}

function count(text: string): Counts {
  const c: Counts = { nonAscii: 0, cjk: 0, kana: 0, halfwidthKana: 0, latin: 0, controls: 0 };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 9 && code !== 10 && code !== 13) c.controls++;
    if (code < 0x80) continue;
    c.nonAscii++;
    if (code >= 0x4e00 && code <= 0x9fff) c.cjk++;
    else if (code >= 0x3040 && code <= 0x30ff) c.kana++;
    else if ((code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff5e)) c.cjk += 0.5;
    else if (code >= 0xff61 && code <= 0xff9f) c.halfwidthKana++;
    else if (code >= 0xc0 && code <= 0x17f) c.latin++;
  }
  return c;
}

/** Guesses the encoding of `sample` (the first bytes of a file; 64 KiB is plenty). */
export function detectEncoding(sample: Uint8Array): EncodingGuess {
  const b = sample;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', evidence: 'bom' };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', evidence: 'bom' };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', evidence: 'bom' };
  // UTF-16 without a mark: text in Latin script has a zero in every other byte.
  const probe = Math.min(b.length, 4096) & ~1;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < probe; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const pairs = probe / 2;
  if (pairs >= 2 && oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return { encoding: 'utf-16le', evidence: 'zero-bytes' };
  if (pairs >= 2 && evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return { encoding: 'utf-16be', evidence: 'zero-bytes' };
  if (strictDecode(b, 'utf-8') !== null) return { encoding: 'utf-8', evidence: 'valid-utf-8' };
  // Not UTF-8: weigh the legacy encodings by how plausible the text they give is.
  const sjis = strictDecode(b, 'shift_jis');
  const gbk = strictDecode(b, 'gb18030');
  const sj = sjis === null ? null : count(sjis);
  const gb = gbk === null ? null : count(gbk);
  // Japanese text is full of kana; GBK bytes read as Shift-JIS give half-width katakana instead.
  if (sj && sj.nonAscii > 0 && sj.kana / sj.nonAscii > 0.15 && sj.halfwidthKana < sj.kana) return { encoding: 'shift_jis', evidence: 'guess' };
  if (gb && gb.nonAscii > 0 && gb.cjk / gb.nonAscii > 0.6) return { encoding: 'gb18030', evidence: 'guess' };
  if (sj && sj.nonAscii > 0 && (sj.cjk + sj.kana) / sj.nonAscii > 0.6 && sj.halfwidthKana === 0) return { encoding: 'shift_jis', evidence: 'guess' };
  return { encoding: 'windows-1252', evidence: 'guess' };
}

/**
 * True when decoded text is not a text table: NUL characters (after UTF-16 was ruled out), many
 * replacement characters, or many control characters. Legible text in any detected encoding passes.
 */
export function looksBinary(text: string): boolean {
  const probe = text.slice(0, 4096);
  let replacement = 0;
  let controls = 0;
  for (let i = 0; i < probe.length; i++) {
    const c = probe.charCodeAt(i);
    if (c === 0) return true;
    if (c === 0xfffd) replacement++;
    else if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) controls++;
  }
  return (replacement > 8 && replacement > probe.length / 100) || (controls > 8 && controls > probe.length / 20);
}
