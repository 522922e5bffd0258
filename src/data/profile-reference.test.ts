import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvText } from './csv/parse-csv';
import { profileColumn, type ColumnProfile } from './profile';
import { formatNumberCell } from './table';

/**
 * The straightforward profile of a numeric column: sort the present values with the built-in sort and
 * read everything off the sorted array. profileColumn reaches the same figures without sorting (counting,
 * a bitmap of scaled decimals, median by selection); these tests hold it to this reference.
 */
function referenceNumeric(values: Float64Array) {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const n = present.length;
  const runs: { value: number; count: number }[] = [];
  for (const v of present) {
    if (runs.length > 0 && runs[runs.length - 1].value === v) runs[runs.length - 1].count++;
    else runs.push({ value: v, count: 1 });
  }
  const mid = n >> 1;
  // Sums in file order (a sorted order would round differently, and can overflow where file order does not).
  const inOrder = values.filter((v) => !Number.isNaN(v));
  const mean = inOrder.reduce((s, v) => s + v, 0) / n;
  const std = n > 1 ? Math.sqrt(inOrder.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  const min = present[0];
  const max = present[n - 1];
  let histogram: { count: number; from: number; to: number }[];
  if (runs.length <= 20) histogram = runs.map((r) => ({ count: r.count, from: r.value, to: r.value }));
  else {
    const width = (max - min) / 20;
    histogram = Array.from({ length: 20 }, (_, b) => ({ count: 0, from: min + b * width, to: b === 19 ? max : min + (b + 1) * width }));
    for (const v of present) {
      // An infinite range puts no value in a bin (NaN index), as the studio's histogram does.
      const bin = histogram[Math.min(19, Math.floor((v - min) / width))] as (typeof histogram)[number] | undefined;
      if (bin) bin.count++;
    }
  }
  const top = [...runs]
    .sort((a, b) => b.count - a.count || a.value - b.value)
    .slice(0, 10)
    .map((r) => ({ value: formatNumberCell(r.value), count: r.count }));
  return { distinct: runs.length, min, max, mean, std, median: n % 2 ? present[mid] : (present[mid - 1] + present[mid]) / 2, histogram, top, integers: present.every((v) => Number.isInteger(v)) };
}

function expectLikeReference(profile: ColumnProfile, values: Float64Array): void {
  const ref = referenceNumeric(values);
  const where = profile.name;
  expect(profile.distinct, where).toBe(ref.distinct);
  // -0 and 0 are one value; the reference's sort puts -0 first.
  expect(profile.min === ref.min, where).toBe(true);
  expect(profile.max === ref.max, where).toBe(true);
  expect(profile.median === ref.median, `${where}: median ${profile.median} vs ${ref.median}`).toBe(true);
  expect(profile.integers, where).toBe(ref.integers);
  expect(profile.mean, where).toBe(ref.mean);
  expect(profile.std, where).toBe(ref.std);
  expect(
    profile.histogram.map((b) => [b.count, b.from, b.to]),
    where,
  ).toEqual(ref.histogram.map((b) => [b.count, b.from, b.to]));
  if (profile.type === 'boolean' || profile.type === 'id') expect(profile.top, where).toEqual(ref.top);
}

/** Rows like the bench's ingest file (bench/lib/generate.mjs): ids, ages, prices, ratios, coordinates, counts. */
function benchLikeCsv(rows: number): string {
  let seed = 11;
  const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const lines = ['id,age,income,score,ratio,visits,tenure,balance,latitude,longitude,churned,shuffled_id,measure'];
  for (let i = 0; i < rows; i++) {
    const gap = next() < 0.01;
    lines.push(
      [
        i + 1,
        gap ? '' : 18 + Math.floor(next() * 60),
        (20000 + next() * 90000).toFixed(2),
        (next() * 100).toFixed(3),
        next().toFixed(5),
        Math.floor(next() * 50),
        (next() * 10).toFixed(1),
        gap ? 'NA' : (next() * 1e5 - 2e4).toFixed(2),
        (next() * 180 - 90).toFixed(4),
        (next() * 360 - 180).toFixed(4),
        next() < 0.3 ? 1 : 0,
        (i * 7919) % rows,
        // Full-precision doubles: no short decimal form, so these take the sorting path.
        String(Math.sqrt(i + 2) * 1e-3 * (next() < 0.5 ? -1 : 1)),
      ].join(','),
    );
  }
  return lines.join('\n');
}

describe('numeric profiles without sorting equal the sorted reference', () => {
  it('on a bench-like file (every column kind: counted, scaled decimals, ids, flags, full-precision doubles)', () => {
    for (const rows of [20_001, 20_000]) {
      const table = parseCsvText(benchLikeCsv(rows)).table;
      for (const column of table.columns) {
        if (column.storage !== 'numeric') continue;
        expectLikeReference(profileColumn(column), column.values);
      }
    }
  });

  it('on Palmer Penguins and the bundled samples', () => {
    for (const sample of ['penguins.csv']) {
      const text = readFileSync(new URL(`../../public/samples/${sample}`, import.meta.url), 'utf8');
      for (const column of parseCsvText(text).table.columns) {
        if (column.storage === 'numeric') expectLikeReference(profileColumn(column), column.values);
      }
    }
  });

  it('on edge cases: -0, wide integers, huge and tiny magnitudes, infinities, constants, one value, ascending with gaps', () => {
    const cases: Record<string, number[]> = {
      negativeZero: Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? -0 : ((i * 31) % 997) / 10 - 50)),
      wideIntegers: Array.from({ length: 5000 }, (_, i) => ((i * 2654435761) % 4294967291) - 2e9),
      huge: Array.from({ length: 5000 }, (_, i) => (i % 2 ? 1e300 : -1e300) * ((i % 13) + 1)),
      tiny: Array.from({ length: 5000 }, (_, i) => ((i * 37) % 101) * 1e-12),
      infinities: Array.from({ length: 5000 }, (_, i) => (i === 3 ? Infinity : i === 9 ? -Infinity : (i * 13) % 100)),
      constant: Array.from({ length: 5000 }, () => 2.5),
      one: [42],
      ascendingWithGaps: Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? Number.NaN : i * 0.25)),
      manyDecimalsLate: Array.from({ length: 5000 }, (_, i) => (i === 4000 ? 1.23456789 : ((i * 17) % 1000) / 100)),
    };
    for (const [name, list] of Object.entries(cases)) {
      const values = Float64Array.from(list);
      const missing = list.filter((v) => Number.isNaN(v)).length;
      expectLikeReference(profileColumn({ storage: 'numeric', name, values, missing }), values);
    }
  });
});
