import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Each slice writes only its own keys; what it needs changed elsewhere it asks for through that slice's
 * actions. Read from the source: the keys of every `set({ … })` / `set((s) => ({ … }))` in a slice file
 * must be declared in that slice's interface.
 */
const dir = new URL('.', import.meta.url);
const sliceFiles = readdirSync(dir).filter((f) => f.endsWith('-slice.ts'));

function interfaceKeys(source: string): Set<string> {
  const match = /export interface \w+Slice \{([\s\S]*?)\n\}/.exec(source);
  if (!match) throw new Error('no slice interface');
  return new Set([...match[1].matchAll(/^ {2}(\w+)[?(<:]/gm)].map((m) => m[1]));
}

/** Top-level keys of the object literals passed to set(…). */
function writtenKeys(source: string): string[] {
  const keys: string[] = [];
  for (const call of source.matchAll(/\bset\(\s*(?:\([^)]*\)\s*=>\s*\(?)?\{/g)) {
    let depth = 1;
    let i = (call.index ?? 0) + call[0].length;
    let atTop = true;
    let token = '';
    for (; i < source.length && depth > 0; i++) {
      const ch = source[i];
      if ('{[('.includes(ch)) depth++;
      else if ('}])'.includes(ch)) depth--;
      if (depth === 1 && (ch === ',' || ch === '{')) {
        atTop = true;
        token = '';
        continue;
      }
      if (depth !== 1 || !atTop) continue;
      if (ch === ':' || ch === '}') {
        if (/^\w+$/.test(token.trim())) keys.push(token.trim());
        atTop = false;
      } else if (ch === '.' && source.startsWith('...', i)) {
        atTop = false;
      } else token += ch;
    }
  }
  return keys;
}

describe('store slices write only their own keys', () => {
  it('finds the slices and their writes', () => {
    expect(sliceFiles.length).toBeGreaterThanOrEqual(9);
    expect(writtenKeys('set({ a: 1, b: { c: 2 }, ...(x ? { d: 3 } : {}) }); set((s) => ({ e: s }))')).toEqual(['a', 'b', 'e']);
  });

  for (const file of sliceFiles) {
    it(file, () => {
      const source = readFileSync(new URL(file, dir), 'utf8');
      const own = interfaceKeys(source);
      const foreign = writtenKeys(source).filter((key) => !own.has(key));
      expect(foreign, `${file} writes keys of other slices; call their actions instead`).toEqual([]);
    });
  }
});
