import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A lint in test form: spreading an array into a call (`push(...rows)`, `Math.max(...cells)`) throws
 * RangeError once the array is larger than the engine's argument limit (~120k in V8), so a big enough
 * dataset or a hostile link takes the page down. Loops instead. A spread whose size is bounded by a
 * constant may stay when its line says `spread-ok`.
 */
// An object literal's first spread (`push({ ...layer })`) copies properties, not arguments: not matched.
const CALL_SPREAD = /(\.(push|unshift|splice|apply)\(|Math\.(max|min)\(|fromCharCode\(|fromCodePoint\()[^;\n]*(?<!\{\s*)\.\.\.[A-Za-z_(]/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe('no data-sized spreads into calls', () => {
  it('src/ and scripts/ spread no array into push, Math.max/min or fromCharCode', () => {
    const offenders = ['src', 'scripts'].flatMap(sources).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, where: `${file}:${i + 1}` }))
        .filter(({ line }) => CALL_SPREAD.test(line) && !line.includes('spread-ok') && !/^\s*(\/\/|\*)/.test(line)),
    );
    expect(offenders.map((o) => `${o.where}: ${o.line.trim()}`)).toEqual([]);
  });

  it('the pattern catches argument spreads and lets object-literal copies pass', () => {
    for (const bad of ['rows.push(...more);', 'Math.max(1, ...cells)', 'out.push(a, ...b)', 'String.fromCharCode(...bytes)', 'list.push({ a }, ...rest)'])
      expect(CALL_SPREAD.test(bad), bad).toBe(true);
    for (const fine of ['layers.push({ ...layer, filters: 4 });', 'runs.push({ ...details, message: m });', 'rows.push(row);']) expect(CALL_SPREAD.test(fine), fine).toBe(false);
  });
});
