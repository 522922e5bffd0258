/**
 * Decoding of zip member names. The zip spec says: UTF-8 when flag bit 11 is set, else IBM
 * code page 437. In practice many tools (macOS Archive Utility, Linux zip, Python) write UTF-8
 * without setting the flag, so a name that is valid UTF-8 is read as UTF-8; only names that are
 * not valid UTF-8 fall back to CP437. The Info-ZIP Unicode Path extra field (0x7075) wins when
 * its checksum matches the raw name.
 */
import { crc32 } from './crc32';

/** CP437 bytes 0x80–0xFF. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

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
  return tryStrictUtf8(raw) ?? decodeCp437(raw);
}
