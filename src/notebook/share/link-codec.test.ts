import type { ClassificationReport } from '../../evaluate';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../data/images/crc32';
import { createNotebook, NOTEBOOK_VERSION } from '../document';
import { currentDocument, tinyModel, v1Document } from '../test-utils/fixtures';
import { bytesToBase64Url } from './base64';
import { decodeNotebookLink, encodeNotebookLink, findLinkPayload, MAX_LINK_CHARS } from './link-codec';

/** Builds a link by hand, the way an old (or hostile) app would. */
function handMadeLink(json: string, version: number | string = NOTEBOOK_VERSION): string {
  const compressed = deflateSync(new TextEncoder().encode(json));
  return `nb=${version}.${bytesToBase64Url(compressed)}.${crc32(compressed).toString(16).padStart(8, '0')}`;
}

describe('notebook links', () => {
  it('round-trips a notebook with results, weights and inline data', () => {
    const base = currentDocument();
    const doc = { ...base, dataset: { kind: 'file' as const, name: 'tiny.csv', bytes: 12, inline: 'a,b\n1,x\n2,y\n' }, trainedModel: tinyModel(base.results!.finishedAt) };
    const link = encodeNotebookLink(doc);
    expect(link.fragment).toMatch(new RegExp(`^nb=${NOTEBOOK_VERSION}\\.[A-Za-z0-9_-]+\\.[0-9a-f]{8}$`));
    const decoded = decodeNotebookLink(`http://localhost:4173/#${link.fragment}`);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(JSON.stringify(decoded.value)).toBe(JSON.stringify(doc));
    expect(decoded.migratedFrom).toBe(NOTEBOOK_VERSION);
    // Compression matters: the JSON is several times the link.
    expect(link.chars).toBeLessThan(link.jsonBytes / 2);
  });

  it('finds the payload in a full link, a fragment or the bare parameter', () => {
    expect(findLinkPayload('https://tau.example/app/#nb=2.abc.0badf00d')).toBe('2.abc.0badf00d');
    expect(findLinkPayload('#other=1&nb=2.abc.0badf00d')).toBe('2.abc.0badf00d');
    expect(findLinkPayload('nb=2.abc.0badf00d')).toBe('2.abc.0badf00d');
    expect(findLinkPayload('https://tau.example/')).toBeNull();
    expect(decodeNotebookLink('https://tau.example/').ok).toBe(false);
  });

  it('accepts a percent-encoded fragment (as some chat apps send it)', () => {
    const { fragment } = encodeNotebookLink(createNotebook('Encoded'));
    const decoded = decodeNotebookLink(`#${fragment.replace('=', '%3D').replace(/\./g, '%2E')}`);
    expect(decoded.ok && decoded.value.title).toBe('Encoded');
  });

  it('reports a changed character as a checksum failure', () => {
    const { fragment } = encodeNotebookLink(currentDocument());
    const at = fragment.indexOf('.') + 20;
    const changed = fragment.slice(0, at) + (fragment[at] === 'A' ? 'B' : 'A') + fragment.slice(at + 1);
    const decoded = decodeNotebookLink(changed);
    expect(!decoded.ok && decoded.code).toBe('link_checksum');
    expect(!decoded.ok && decoded.message).toContain('copy the whole link again');
  });

  it('reports a cut-off link as incomplete', () => {
    const { fragment } = encodeNotebookLink(currentDocument());
    for (const cut of [fragment.length - 3, Math.floor(fragment.length / 2), 8]) {
      const decoded = decodeNotebookLink(fragment.slice(0, cut));
      expect(decoded.ok).toBe(false);
      expect(!decoded.ok && decoded.code).toBe('link_malformed');
    }
  });

  it('refuses links from a newer version and impossible versions', () => {
    const newer = decodeNotebookLink(handMadeLink(JSON.stringify({ format: 'tau-notebook', version: NOTEBOOK_VERSION + 1 }), NOTEBOOK_VERSION + 1));
    expect(!newer.ok && newer.code).toBe('newer_version');
    expect(!newer.ok && newer.message).toContain('newer Tau Studio');
    expect(decodeNotebookLink(handMadeLink('{}', 0)).ok).toBe(false);
  });

  it('refuses a link whose outer and inner versions disagree', () => {
    const decoded = decodeNotebookLink(handMadeLink(JSON.stringify(v1Document()), 2));
    expect(!decoded.ok && decoded.code).toBe('link_corrupt');
  });

  it('opens links made by version 1 (migrated)', () => {
    const decoded = decodeNotebookLink(handMadeLink(JSON.stringify(v1Document()), 1));
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.migratedFrom).toBe(1);
    expect(decoded.value.version).toBe(NOTEBOOK_VERSION);
    expect((decoded.value.results?.metrics as ClassificationReport | undefined)?.accuracy).toBeCloseTo(0.9473684210526315, 15);
    expect(decoded.value.cells[0]).toMatchObject({ type: 'markdown', text: expect.stringContaining('# Baseline') });
  });

  it('stops inflating a zip bomb at the cap', () => {
    const bomb = new Uint8Array(24 * 1024 * 1024).fill(0x20);
    const compressed = deflateSync(bomb, { level: 9 });
    expect(compressed.length).toBeLessThan(200_000);
    const link = `nb=${NOTEBOOK_VERSION}.${bytesToBase64Url(compressed)}.${crc32(compressed).toString(16).padStart(8, '0')}`;
    const decoded = decodeNotebookLink(link);
    expect(!decoded.ok && decoded.code).toBe('link_too_large');
  });

  it('refuses over-long links before decoding them', () => {
    const decoded = decodeNotebookLink(`nb=2.${'A'.repeat(MAX_LINK_CHARS + 1)}.00000000`);
    expect(!decoded.ok && decoded.code).toBe('link_too_large');
  });

  it('explains content that is not JSON, not UTF-8 or not a valid notebook', () => {
    const notJson = decodeNotebookLink(handMadeLink('{"format": "tau-notebook", '));
    expect(!notJson.ok && notJson.code).toBe('link_corrupt');
    const compressed = deflateSync(new Uint8Array([0xff, 0xfe, 0x00]));
    const notUtf8 = decodeNotebookLink(`nb=2.${bytesToBase64Url(compressed)}.${crc32(compressed).toString(16).padStart(8, '0')}`);
    expect(!notUtf8.ok && notUtf8.code).toBe('link_corrupt');
    const hostile = decodeNotebookLink(handMadeLink(JSON.stringify({ format: 'tau-notebook', version: 2, cells: new Array(5000).fill({}) })));
    expect(!hostile.ok && hostile.code).toBe('invalid_notebook');
    expect(!hostile.ok && hostile.message).toContain('cells');
  });

  it('never pollutes prototypes through a link', () => {
    const decoded = decodeNotebookLink(handMadeLink('{"format":"tau-notebook","version":2,"__proto__":{"polluted":1},"model":{"__proto__":{"polluted":2}}}'));
    expect(decoded.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
