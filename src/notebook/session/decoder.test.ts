import { readFileSync } from 'node:fs';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { hostileLinks } from '../../hardening/hostile-corpus';
import { encodeNotebookLink } from '../share/link-codec';
import { currentDocument } from '../test-utils/fixtures';
import { crc32 } from '../../data/images/crc32';
import { bytesToBase64Url } from '../share/base64';
import { handleDecodeRequest } from './decode-request';
import { inlineDecoder, INLINE_DECODE_BYTES, parseStored, splitDecoder, type DecodeRequest, type NotebookDecoder } from './decoder';

const base = JSON.parse(readFileSync(new URL('../fixtures/v1-breast-cancer.json', import.meta.url), 'utf8')) as Parameters<typeof hostileLinks>[0];
const manyClasses = hostileLinks(base).find((l) => l.name === '1,000-class results')!;

/** Runs requests the way the worker does (handleDecodeRequest, structured clone both ways) and records them. */
function fakeWorker(): NotebookDecoder & { requests: DecodeRequest['kind'][] } {
  let id = 0;
  const requests: DecodeRequest['kind'][] = [];
  const run = (kind: DecodeRequest['kind'], text: string) => {
    requests.push(kind);
    return Promise.resolve(structuredClone(handleDecodeRequest(structuredClone({ id: ++id, kind, text }))).result);
  };
  return {
    requests,
    decodeLink: (text) => run('link', text),
    parseStored: (json) => run('stored', json) as ReturnType<NotebookDecoder['parseStored']>,
  };
}

describe('notebook decoding off the main thread', () => {
  it('a 25 KB link that unpacks to megabytes (1,000 classes) is decoded by the worker, same result as inline', async () => {
    const worker = fakeWorker();
    const decoder = splitDecoder(worker);
    expect(manyClasses.fragment.length).toBeLessThan(40_000);
    const off = await decoder.decodeLink(manyClasses.fragment);
    expect(worker.requests).toEqual(['link']);
    if (!off.ok) throw new Error(off.message);
    expect(off.value.results?.classes).toHaveLength(1000);
    const metrics = off.value.results?.metrics;
    expect(metrics && 'confusionMatrix' in metrics ? metrics.confusionMatrix.matrix[999][999] : null).toBe(1);
    const inline = await inlineDecoder.decodeLink(manyClasses.fragment);
    if (!inline.ok) throw new Error(inline.message);
    // Same document (migration gives fresh ids, so those are left out); compared as text to keep a failure short.
    const same = (a: typeof inline.value, b: typeof inline.value) => JSON.stringify({ ...a, id: '', cells: a.cells.length }) === JSON.stringify({ ...b, id: '', cells: b.cells.length });
    expect(same(off.value, inline.value)).toBe(true);
  });

  it('every link goes to the worker (size says nothing about what it unpacks to); damaged and oversized ones are refused there', async () => {
    const worker = fakeWorker();
    const decoder = splitDecoder(worker);
    expect((await decoder.decodeLink(`#${encodeNotebookLink(currentDocument()).fragment}`)).ok).toBe(true);
    const damaged = await decoder.decodeLink(manyClasses.fragment.replace(/\.[0-9a-f]{8}$/, '.00000000'));
    expect(damaged).toMatchObject({ ok: false, code: 'link_checksum' });
    // 20 MB of spaces: a 20 KB "zip bomb".
    const bomb = deflateSync(new Uint8Array(20 * 1024 * 1024).fill(32));
    const refused = await decoder.decodeLink(`#nb=1.${bytesToBase64Url(bomb)}.${crc32(bomb).toString(16).padStart(8, '0')}`);
    expect(refused).toMatchObject({ ok: false, code: 'link_too_large' });
    expect(worker.requests).toEqual(['link', 'link', 'link']);
  });

  it('stored notebooks: small ones inline, large ones (and damaged large ones) in the worker', async () => {
    const worker = fakeWorker();
    const decoder = splitDecoder(worker);
    const small = JSON.stringify(currentDocument());
    expect((await decoder.parseStored(small)).ok).toBe(true);
    expect(worker.requests).toEqual([]);
    const inline = await inlineDecoder.decodeLink(manyClasses.fragment);
    if (!inline.ok) throw new Error(inline.message);
    const large = JSON.stringify(inline.value);
    expect(large.length).toBeGreaterThan(INLINE_DECODE_BYTES);
    const reopened = await decoder.parseStored(large);
    expect(reopened.ok && reopened.value.results?.classes.length).toBe(1000);
    const damaged = await decoder.parseStored(large.slice(0, -10));
    expect(damaged).toMatchObject({ ok: false, code: 'notebook_damaged' });
    expect(worker.requests).toEqual(['stored', 'stored']);
    expect(parseStored('{').ok).toBe(false);
  });

  it('the worker answers a bug with a refusal, never a throw', () => {
    const answer = handleDecodeRequest({ id: 7, kind: 'stored', text: JSON.stringify({ format: 'tau-notebook', version: 1, cells: 'x'.repeat(10) }) });
    expect(answer.id).toBe(7);
    expect(answer.result.ok).toBe(false);
  });
});
