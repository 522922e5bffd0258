/**
 * The decode worker's answer on the wire (plain, type-only imports: the page loads this module, and
 * decode-request.ts, which pulls in the link decoder, stays in the worker).
 */
import type { NotebookDocument } from '../document';
import type { DecodeResponse } from './decoder';

/**
 * What the decode worker posts back. An accepted notebook travels as its JSON text: one string to copy, parsed on
 * the page with JSON.parse, instead of a structured clone of the object graph. For the 1,000-class link (a
 * million-cell confusion matrix) deserializing the clone was one 2.6 s main-thread task at load 14 (1.4 s of it
 * `SerializedScriptValueFactory::deserialize`, the rest GC); in Node, deserializing the same document's clone
 * took 245–1,119 ms against 240–355 ms for JSON.parse of its text (load 14). Notebooks are stored as JSON
 * (autosave); the few values JSON would change travel beside it as patches (patchesOf).
 */
/** A value JSON cannot write, at a path of keys from the document's root. */
export interface JsonPatch {
  path: (string | number)[];
  value: 'NaN' | 'Infinity' | '-Infinity' | '-0' | 'undefined';
}

export type DecodeWire = { id: number; refused: Extract<DecodeResponse['result'], { ok: false }> } | { id: number; json: string; patches: JsonPatch[]; warnings: string[]; migratedFrom: number };

function special(v: unknown, inArray: boolean): JsonPatch['value'] | null {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '-Infinity';
    if (Object.is(v, -0)) return '-0';
    return null;
  }
  return v === undefined && inArray ? 'undefined' : null;
}

/** A place in the document during the walk: its key and its parent's place (the path is built only for a patch). */
interface Place {
  value: unknown;
  key: string | number;
  parent: Place | null;
}

function pathOf(place: Place | null, key: string | number): (string | number)[] {
  const path: (string | number)[] = [key];
  for (let p = place; p !== null && p.parent !== null; p = p.parent) path.push(p.key);
  return path.reverse();
}

/**
 * Where the document holds values JSON would change: NaN, ±Infinity and -0 (JSON writes null and 0), undefined in
 * an array (null). A v1 notebook's history has `learningRate: NaN`, for one. Iterative (no recursion limit), and a
 * place keeps only its parent, so a deeply nested document costs memory linear in its size; runs in the worker, so
 * its cost stays off the page.
 */
function patchesOf(root: unknown): JsonPatch[] {
  const patches: JsonPatch[] = [];
  const stack: Place[] = [{ value: root, key: '', parent: null }];
  while (stack.length > 0) {
    const place = stack.pop()!;
    const { value } = place;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        const kind = special(v, true);
        if (kind) patches.push({ path: pathOf(place, i), value: kind });
        else if (v !== null && typeof v === 'object') stack.push({ value: v, key: i, parent: place });
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const kind = special(v, false);
        if (kind) patches.push({ path: pathOf(place, k), value: kind });
        else if (v !== null && typeof v === 'object') stack.push({ value: v, key: k, parent: place });
      }
    }
  }
  return patches;
}

const PATCHED: Record<JsonPatch['value'], number | undefined> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0, undefined: undefined };

export function toWire(response: DecodeResponse): DecodeWire {
  const { id, result } = response;
  if (!result.ok) return { id, refused: result };
  return { id, json: JSON.stringify(result.value), patches: patchesOf(result.value), warnings: result.warnings, migratedFrom: result.migratedFrom };
}

export function fromWire(wire: DecodeWire): DecodeResponse {
  if ('refused' in wire) return { id: wire.id, result: wire.refused };
  const value = JSON.parse(wire.json) as NotebookDocument;
  for (const { path, value: kind } of wire.patches) {
    let target: unknown = value;
    for (let i = 0; i < path.length - 1; i++) target = (target as Record<string | number, unknown>)[path[i]];
    (target as Record<string | number, unknown>)[path[path.length - 1]] = PATCHED[kind];
  }
  return { id: wire.id, result: { ok: true, value, warnings: wire.warnings, migratedFrom: wire.migratedFrom } };
}
