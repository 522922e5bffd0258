/**
 * Decoding of zip member names. The zip spec says: UTF-8 when flag bit 11 is set, else IBM
 * code page 437. In practice many tools (macOS Archive Utility, Linux zip, Python) write UTF-8
 * without setting the flag, so a name that is valid UTF-8 is read as UTF-8; only names that are
 * not valid UTF-8 are tried as GB18030 (Windows in Chinese writes GBK names without the flag) and
 * kept as such when that decodes cleanly into Chinese characters, else read as CP437. The Info-ZIP Unicode Path extra field (0x7075) wins when
 * its checksum matches the raw name.
 */
import { crc32 } from './crc32';

/** CP437 bytes 0x80–0xFF. */
const CP437_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');
let gb18030: TextDecoder | null | undefined;

/** GBK/GB18030 names from Chinese Windows; null when the bytes are not GB18030 or hold no CJK character. */
export function tryGb18030(bytes: Uint8Array): string | null {
  if (gb18030 === undefined) {
    try {
      gb18030 = new TextDecoder('gb18030', { fatal: true });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      gb18030 = null; // this runtime has no GB18030 decoder: CP437 it is
    }
  }
  if (!gb18030) return null;
  let text: string;
  try {
    text = gb18030.decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
  return /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/.test(text) ? text : null;
}

export function decodeCp437(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  }
  return out;
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return false;
  return true;
}

function tryStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Strict.decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) return null; // not valid UTF-8: the caller falls back to CP437
    throw error;
  }
}

/** Looks for the Info-ZIP Unicode Path field (0x7075) in an extra-field block. */
function unicodePathField(raw: Uint8Array, extra: Uint8Array): string | null {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (p + 4 + size > extra.length) break;
    if (id === 0x7075 && size >= 5 && extra[p + 4] === 1) {
      if (view.getUint32(p + 5, true) === crc32(raw)) {
        return tryStrictUtf8(extra.subarray(p + 9, p + 4 + size));
      }
    }
    p += 4 + size;
  }
  return null;
}

export function decodeZipName(raw: Uint8Array, utf8Flag: boolean, extra: Uint8Array): string {
  const unicode = unicodePathField(raw, extra);
  if (unicode !== null) return unicode;
  if (utf8Flag) return utf8Lenient.decode(raw);
  if (isAscii(raw)) return utf8Lenient.decode(raw);
  return tryStrictUtf8(raw) ?? tryGb18030(raw) ?? decodeCp437(raw);
}
