import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { interpolate, matchLocale } from './locale';

const CATALOGUES = { en, 'zh-CN': zhCN } as const;
const keys = Object.keys(en) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') && !path.includes(`${join('src', 'i18n')}`) ? [path] : [];
  });
}

describe('message catalogues', () => {
  it('zh-CN has exactly the English keys, none empty', () => {
    for (const [name, catalogue] of Object.entries(CATALOGUES)) {
      expect(Object.keys(catalogue).sort(), name).toEqual([...keys].sort());
      for (const key of keys) expect(catalogue[key].trim(), `${name} ${key}`).not.toBe('');
    }
  });

  it('every translation has the same placeholders as the English source', () => {
    for (const key of keys) expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
  });

  it('every key is used by the UI, and every literal key the UI names exists', () => {
    const source = sourceFiles('src')
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unused = keys.filter((key) => {
      if (source.includes(`'${key}'`)) return false;
      // Keys picked by a template literal, e.g. t(`chart.train.${metric}`).
      const prefix = key.slice(0, key.lastIndexOf('.') + 1);
      return !source.includes(`\`${prefix}\${`);
    });
    expect(unused).toEqual([]);
    const named = [...source.matchAll(/\bt\('([\w.-]+)'/g)].map((m) => m[1]);
    expect(named.filter((key) => !(key in en))).toEqual([]);
  });

  it('every placeholder a UI call passes is one its message uses', () => {
    // t('key', { a: …, b: … }) on one line: the params named must be the message's placeholders.
    const source = sourceFiles('src')
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const problems: string[] = [];
    let checked = 0;
    for (const m of source.matchAll(/\bt\('([\w.-]+)', \{([^{}]*)\}\)/g)) {
      const key = m[1] as MessageKey;
      if (!(key in en)) continue;
      checked++;
      const passed = [...m[2].matchAll(/(?:^|,)\s*(\w+)(?=\s*[:,]|\s*$)/g)].map((p) => p[1]).sort();
      const wanted = placeholders(en[key]);
      if (JSON.stringify([...new Set(passed)]) !== JSON.stringify([...new Set(wanted)])) problems.push(`${key}: passes ${passed.join(',')} but uses ${wanted.join(',')}`);
    }
    expect(checked).toBeGreaterThan(30);
    expect(problems).toEqual([]);
  });
});

describe('locale helpers', () => {
  it('picks Simplified Chinese for zh, zh-CN, zh-Hans and English otherwise', () => {
    expect(matchLocale(['zh-CN', 'en'])).toBe('zh-CN');
    expect(matchLocale(['zh'])).toBe('zh-CN');
    expect(matchLocale(['zh-Hans-CN'])).toBe('zh-CN');
    expect(matchLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(matchLocale([])).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{name}: {rows} rows', { name: 'iris.csv', rows: 'many' })).toBe('iris.csv: many rows');
    expect(interpolate('{missing} stays', {})).toBe('{missing} stays');
  });
});
