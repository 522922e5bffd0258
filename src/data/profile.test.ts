import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvText } from './csv/parse-csv';
import { profileColumn, profileTable } from './profile';

const profiles = (text: string) => profileTable(parseCsvText(text).table);

describe('type inference and profiles', () => {
  it('infers numeric, categorical, boolean, text and id-like columns', () => {
    const rows = ['id,customer_id,age,plan,churned,active,comment'];
    for (let i = 0; i < 60; i++) {
      rows.push(
        [
          i + 1,
          1000 + ((i * 37) % 60),
          20 + (i % 30),
          ['free', 'pro', 'team'][i % 3],
          i % 4 === 0 ? 'yes' : 'no',
          i % 2,
          `"This customer wrote a fairly long remark number ${i}, long enough to be free text"`,
        ].join(','),
      );
    }
    const byName = Object.fromEntries(profiles(rows.join('\n')).map((p) => [p.name, p.type]));
    expect(byName).toEqual({
      id: 'id',
      customer_id: 'id',
      age: 'numeric',
      plan: 'categorical',
      churned: 'boolean',
      active: 'boolean',
      comment: 'text',
    });
  });

  it('does not call a small or non-unique integer column an id', () => {
    const few = profiles('n\n1\n2\n3\n');
    expect(few[0].type).toBe('numeric');
    const repeated = profiles('count\n' + Array.from({ length: 50 }, (_, i) => i % 10).join('\n'));
    expect(repeated[0].type).toBe('numeric');
  });

  it('treats unique strings as id-like and high-cardinality strings as text', () => {
    const unique = profiles('name\n' + Array.from({ length: 40 }, (_, i) => `person${i}`).join('\n'));
    expect(unique[0].type).toBe('id');
    const many = profiles('word\n' + Array.from({ length: 3000 }, (_, i) => `w${i % 1500}`).join('\n'));
    expect(many[0].type).toBe('text');
  });

  it('computes missing, distinct, min/max/mean/std/median and a histogram that counts every value', () => {
    // A blank line is skipped (as pandas does), so the missing values are the empty field and "NA".
    const [x] = profiles('x,y\n1,a\n2,b\n,c\n3,d\n4,e\nNA,f\n');
    expect(x).toMatchObject({ missing: 2, distinct: 4, min: 1, max: 4, mean: 2.5, median: 2.5 });
    expect(x.std).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(x.histogram.reduce((s, b) => s + b.count, 0)).toBe(4);
  });

  it('profiles a large column (radix-sorted) exactly as sorting with the built-in sort gives', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const n = 20_000;
    const values = Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? Number.NaN : Math.round((next() * 2000 - 1000) * 10) / 10));
    const p = profileColumn({ storage: 'numeric', name: 'balance', values, missing: Math.ceil(n / 97) });
    const present = values.filter((v) => !Number.isNaN(v)).sort();
    expect(p.min).toBe(present[0]);
    expect(p.max).toBe(present[present.length - 1]);
    const mid = present.length >> 1;
    expect(p.median).toBe(present.length % 2 ? present[mid] : (present[mid - 1] + present[mid]) / 2);
    expect(p.distinct).toBe(new Set(present).size);
    expect(p.histogram.reduce((s, b) => s + b.count, 0)).toBe(present.length);
  });

  it('profiles small-range integer columns (counted, not sorted) like the built-in sort, -0 included', () => {
    for (const withNegativeZero of [false, true]) {
      const values = Float64Array.from({ length: 9000 }, (_, i) => (i % 11 === 0 ? Number.NaN : ((i * 7919) % 41) - 20));
      if (withNegativeZero) values[5] = -0;
      const p = profileColumn({ storage: 'numeric', name: 'rating', values, missing: Math.ceil(9000 / 11) });
      const present = values.filter((v) => !Number.isNaN(v)).sort();
      const mid = present.length >> 1;
      expect(p.median).toBe(present.length % 2 ? present[mid] : (present[mid - 1] + present[mid]) / 2);
      expect([p.min, p.max, p.distinct]).toEqual([-20, 20, 41]);
      expect(p.histogram.map((b) => b.count)).toEqual(p.histogram.map((b) => present.filter((v) => v >= (b.from as number) && (v < (b.to as number) || (b.to === 20 && v === 20))).length));
    }
  });

  it("lists an id column's top values in ascending order (all counts tie) and a flag's by count", () => {
    const ids = Float64Array.from({ length: 30_000 }, (_, i) => 30_000 - i);
    const id = profileColumn({ storage: 'numeric', name: 'id', values: ids, missing: 0 });
    expect(id.type).toBe('id');
    expect(id.top).toEqual(Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), count: 1 })));
    const flags = Float64Array.from({ length: 10_000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const flag = profileColumn({ storage: 'numeric', name: 'flag', values: flags, missing: 0 });
    expect(flag.type).toBe('boolean');
    expect(flag.top).toEqual([
      { value: '0', count: 7500 },
      { value: '1', count: 2500 },
    ]);
  });

  it('bins a continuous column into 20 bins covering min..max', () => {
    const values = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) / 10);
    const [v] = profiles('v\n' + values.join('\n'));
    expect(v.histogram).toHaveLength(20);
    expect(v.histogram[0].from).toBe(0);
    expect(v.histogram[19].to).toBe(99.9);
    expect(v.histogram.reduce((s, b) => s + b.count, 0)).toBe(1000);
  });

  it('profiles Palmer Penguins as a person would expect', () => {
    const text = readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url), 'utf8');
    const byName = new Map(profiles(text).map((p) => [p.name, p]));
    expect(byName.get('Species')).toMatchObject({ type: 'categorical', distinct: 3, missing: 0 });
    expect(byName.get('Island')).toMatchObject({ type: 'categorical', distinct: 3 });
    expect(byName.get('Beak Length (mm)')).toMatchObject({ type: 'numeric', missing: 2, min: 32.1, max: 59.6 });
    expect(byName.get('Sex')).toMatchObject({ type: 'categorical', distinct: 2, missing: 11 });
    expect(byName.get('Species')?.top?.[0]).toEqual({ value: 'Adelie', count: 152 });
  });
});

describe('text profiles', () => {
  it('profiles a free-text column with token counts, vocabulary and frequent words instead of categories', () => {
    const csv = readFileSync(new URL('../../e2e/fixtures/text/debian-packages-en.csv', import.meta.url), 'utf8');
    const profiles = profileTable(parseCsvText(csv).table);
    const description = profiles.find((p) => p.name === 'description');
    expect(description?.type).toBe('text');
    expect(description?.text?.medianTokens).toBeGreaterThanOrEqual(3);
    expect(description?.text?.p95Tokens).toBeGreaterThanOrEqual(description?.text?.medianTokens ?? Infinity);
    expect(description?.text?.vocabularySize).toBeGreaterThan(1000);
    expect(description?.text?.topTokens.map((t) => t.token)).toContain('for');
    expect(profiles.find((p) => p.name === 'section')?.text).toBeUndefined();
  });
});
