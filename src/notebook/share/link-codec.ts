/**
 * Notebook links. The whole notebook lives in the URL fragment, which browsers never send to a server:
 *
 *   #nb=<version>.<base64url(deflate-raw(JSON))>.<crc32>
 *
 * `version` is the notebook schema version of the JSON inside; `crc32` is CRC-32 (IEEE) of the
 * compressed bytes as 8 lowercase hex digits. It detects links cut off or altered while being copied;
 * it is not a signature (anyone can make a valid link), which is why everything is validated too.
 * Decoding checks, in order and before any use: length, shape, version, checksum, inflated size
 * (capped while inflating, so a "zip bomb" link stops early), UTF-8, JSON, then the schema.
 */
import { deflateSync } from 'fflate';
import { crc32 } from '../../data/images/crc32';
import { inflateCapped } from '../../data/images/capped-inflate';
import { NOTEBOOK_VERSION, type NotebookDocument } from '../document';
import { validateNotebook } from '../validate';
import { base64UrlToBytes, bytesToBase64Url } from './base64';

// The link's constants and the fragment lookup live in ./link-format (no fflate): start-up reads the
// address with them without loading the compressor.
import { findLinkPayload, LINK_PARAM, MAX_LINK_CHARS, MAX_LINK_JSON_BYTES, type EncodedLink } from './link-format';
export { findLinkPayload, LINK_PARAM, MAX_LINK_CHARS, MAX_LINK_JSON_BYTES, type EncodedLink } from './link-format';

export function encodeNotebookLink(doc: NotebookDocument): EncodedLink {
  const json = new TextEncoder().encode(JSON.stringify(doc));
  const compressed = deflateSync(json, { level: 9 });
  const checksum = crc32(compressed).toString(16).padStart(8, '0');
  const fragment = `${LINK_PARAM}=${doc.version}.${bytesToBase64Url(compressed)}.${checksum}`;
  return { fragment, chars: fragment.length, jsonBytes: json.length };
}

export type LinkDecoding = { ok: true; value: NotebookDocument; warnings: string[]; migratedFrom: number } | { ok: false; code: string; message: string };

const fail = (code: string, message: string): LinkDecoding => ({ ok: false, code, message });

export function decodeNotebookLink(text: string): LinkDecoding {
  if (text.length > MAX_LINK_CHARS + 10_000) {
    return fail(
      'link_too_large',
      `This link is ${text.length.toLocaleString('en-US')} characters long; notebook links are at most ${MAX_LINK_CHARS.toLocaleString('en-US')}. Ask the sender to export the notebook as a .json file instead.`,
    );
  }
  let linkText = text;
  if (linkText.includes('%')) {
    // Some chat apps percent-encode fragments; the link alphabet itself never needs it.
    try {
      linkText = decodeURIComponent(linkText);
    } catch (error) {
      return fail('link_malformed', `This notebook link is damaged (${error instanceof Error ? error.message : 'bad escape'}). Copy the whole link again.`);
    }
  }
  const payload = findLinkPayload(linkText);
  if (payload === null) return fail('link_missing', 'This link has no notebook in it (no "#nb=" part). Copy the whole link again.');
  if (payload.length > MAX_LINK_CHARS) {
    return fail(
      'link_too_large',
      `This link is ${payload.length.toLocaleString('en-US')} characters long; notebook links are at most ${MAX_LINK_CHARS.toLocaleString('en-US')}. Ask the sender to export the notebook as a .json file instead.`,
    );
  }
  const shape = /^(\d{1,4})\.([A-Za-z0-9_-]+)\.([0-9a-f]{8})$/.exec(payload);
  if (!shape) {
    return fail('link_malformed', 'This notebook link is incomplete or damaged: it does not end with its 8-character checksum. It was probably cut off while copying; copy the whole link again.');
  }
  const version = Number(shape[1]);
  if (version < 1) return fail('link_malformed', `This notebook link has an impossible version (${version}).`);
  if (version > NOTEBOOK_VERSION) {
    return fail('newer_version', `This link was made by a newer Tau Studio (notebook version ${version}); this one reads versions 1 to ${NOTEBOOK_VERSION}. Open it in an up-to-date Tau Studio.`);
  }
  let compressed: Uint8Array;
  try {
    compressed = base64UrlToBytes(shape[2]);
  } catch (error) {
    return fail('link_malformed', `This notebook link is damaged (${error instanceof Error ? error.message : 'bad data'}). Copy the whole link again.`);
  }
  const expected = shape[3];
  const actual = crc32(compressed).toString(16).padStart(8, '0');
  if (actual !== expected) {
    return fail(
      'link_checksum',
      `This notebook link is damaged: its checksum does not match (expected ${expected}, got ${actual}). Part of it was changed or lost while copying; copy the whole link again.`,
    );
  }
  let json: Uint8Array;
  try {
    json = inflateCapped(compressed, {
      format: 'deflate',
      maxBytes: MAX_LINK_JSON_BYTES,
      limitError: (produced) =>
        new LinkError(
          'link_too_large',
          `This link unpacks to more than ${MAX_LINK_JSON_BYTES / 1024 / 1024} MB (stopped at ${produced.toLocaleString('en-US')} bytes); notebooks in links are smaller. It was not opened.`,
        ),
      corruptError: (detail) => new LinkError('link_corrupt', `This notebook link is damaged: its data cannot be unpacked (${detail}). Copy the whole link again.`),
    });
  } catch (error) {
    if (error instanceof LinkError) return fail(error.code, error.message);
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch (error) {
    return fail('link_corrupt', `This notebook link is damaged: its content is not valid JSON (${error instanceof Error ? error.message.slice(0, 120) : 'unreadable'}).`);
  }
  const declared = typeof raw === 'object' && raw !== null && Object.hasOwn(raw, 'version') ? (raw as { version: unknown }).version : undefined;
  if (declared !== version) {
    return fail('link_corrupt', `This notebook link is inconsistent: it says version ${version} outside but ${JSON.stringify(declared)?.slice(0, 20) ?? 'nothing'} inside.`);
  }
  const validated = validateNotebook(raw);
  if (!validated.ok) return fail(validated.code, validated.message);
  return validated;
}

class LinkError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
