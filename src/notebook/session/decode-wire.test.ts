import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostileLinks } from '../../hardening/hostile-corpus';
import { handleDecodeRequest } from './decode-request';
import { fromWire, toWire } from './decode-wire';

const base = JSON.parse(readFileSync(new URL('../fixtures/v1-breast-cancer.json', import.meta.url), 'utf8')) as Parameters<typeof hostileLinks>[0];

/** What the page receives for the worker's answer: toWire, a structured clone (postMessage), fromWire. */
const overTheWire = (response: ReturnType<typeof handleDecodeRequest>) => fromWire(structuredClone(toWire(response)));

describe("the decode worker's answer on the wire", () => {
  it('carries every corpus link as the worker decoded it: the same document, warnings and refusals', () => {
    for (const link of hostileLinks(base)) {
      const direct = handleDecodeRequest({ id: 7, kind: 'link', text: link.fragment });
      const received = overTheWire(direct);
      expect(received.id, link.name).toBe(7);
      expect(received.result, link.name).toEqual(direct.result);
    }
  });

  it('sends an accepted notebook as one JSON string, not an object graph (the 1,000-class link: a million cells)', () => {
    const link = hostileLinks(base).find((l) => l.name === '1,000-class results')!;
    const wire = toWire(handleDecodeRequest({ id: 1, kind: 'link', text: link.fragment }));
    expect('json' in wire).toBe(true);
    if (!('json' in wire)) return;
    expect(typeof wire.json).toBe('string');
    expect(wire.json.length).toBeGreaterThan(1_000_000);
    const received = fromWire(wire);
    expect(received.result.ok).toBe(true);
  });

  it('keeps what JSON cannot write (NaN in a v1 history, ±Infinity, -0, undefined in arrays), and carries a refusal', () => {
    const stored = handleDecodeRequest({ id: 2, kind: 'stored', text: JSON.stringify(base) });
    expect(stored.result.ok).toBe(true);
    const wire = toWire(stored);
    expect('patches' in wire && wire.patches.some((p) => p.value === 'NaN')).toBe(true);
    expect(fromWire(structuredClone(wire))).toEqual(stored);
    if (!stored.result.ok) return;
    const odd = { ...stored.result.value, extra: { values: [Infinity, -Infinity, -0, undefined, 1], deep: [[[NaN]]] } };
    const oddResponse = { id: 4, result: { ...stored.result, value: odd } };
    const received = fromWire(structuredClone(toWire(oddResponse)));
    expect(received).toEqual(oddResponse);
    const extra = (received.result.ok ? received.result.value : null) as unknown as { extra: { values: unknown[]; deep: number[][][] } };
    expect(Object.is(extra.extra.values[2], -0)).toBe(true);
    expect(3 in extra.extra.values).toBe(true);
    expect(Number.isNaN(extra.extra.deep[0][0][0])).toBe(true);
    const refusedHere = handleDecodeRequest({ id: 3, kind: 'stored', text: '{"not": "a notebook"' });
    expect(refusedHere.result.ok).toBe(false);
    expect(overTheWire(refusedHere)).toEqual(refusedHere);
  });
});
