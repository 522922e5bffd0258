import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { DEFAULT_PREPARE, checkTarget, selectFeatures, type PrepareSettings } from './settings';
import { prepareTable } from './prepare';
import { stratifiedSplit } from './split';
import { fitCategorical, fitNumeric } from './fit';
import { recordReader } from './feature-reader';
import { transformRows } from './transform';

const sample = (name: string) => readFileSync(new URL(`../../public/samples/${name}`, import.meta.url), 'utf8');
function prepared(text: string, settings: Partial<PrepareSettings>) {
  const parsed = parseCsvText(text);
  const profiles = profileTable(parsed.table);
  return { parsed, profiles, data: prepareTable(parsed.table, profiles, { ...DEFAULT_PREPARE, ...settings }) };
}

describe('stratifiedSplit', () => {
  const labels = Int32Array.from({ length: 1000 }, (_, i) => (i < 700 ? 0 : i < 950 ? 1 : 2));

  it('partitions every row exactly once with scikit-learn sizes and class proportions', () => {
    const split = stratifiedSplit(labels, 3, { testFraction: 0.2, validationFraction: 0.1, seed: 1 });
    expect(split.test.length).toBe(200);
    expect(split.validation.length).toBe(100);
    expect(split.train.length).toBe(700);
    const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const share = (rows: Int32Array, c: number) => rows.filter((r) => labels[r] === c).length / rows.length;
    expect(share(split.test, 0)).toBeCloseTo(0.7, 2);
    expect(share(split.test, 1)).toBeCloseTo(0.25, 2);
    expect(share(split.test, 2)).toBeCloseTo(0.05, 2);
  });

  it('repeats for the same seed and changes with another', () => {
    const a = stratifiedSplit(labels, 3, { testFraction: 0.2, validationFraction: 0.1, seed: 5 });
    const b = stratifiedSplit(labels, 3, { testFraction: 0.2, validationFraction: 0.1, seed: 5 });
    const c = stratifiedSplit(labels, 3, { testFraction: 0.2, validationFraction: 0.1, seed: 6 });
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });

  it('keeps a class with a single row in training', () => {
    const few = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2]);
    const split = stratifiedSplit(few, 3, { testFraction: 0.25, validationFraction: 0, seed: 3 });
    expect([...split.train].some((r) => few[r] === 2)).toBe(true);
    expect([...split.test].some((r) => few[r] === 2)).toBe(false);
  });
});

describe('fitting on the training split only', () => {
  it('computes imputation and scaling like scikit-learn SimpleImputer + StandardScaler', () => {
    const values = [1, 2, null, 4, 10];
    const read = (row: number) => values[row];
    const rows = [0, 1, 2, 3, 4];
    const median = fitNumeric('x', read, rows, 'median', 'standardize');
    // median of [1,2,4,10] = 3; imputed column [1,2,3,4,10]: mean 4, population std sqrt(10)
    expect(median.fill).toBe(3);
    expect(median.center).toBe(4);
    expect(median.scale).toBeCloseTo(Math.sqrt(10), 12);
    const mean = fitNumeric('x', read, rows, 'mean', 'minmax');
    expect(mean.fill).toBe(4.25);
    expect(mean).toMatchObject({ center: 1, scale: 9 });
    const frequent = fitNumeric('x', (r) => [5, 7, 7, 5, null][r], rows, 'most_frequent', 'none');
    expect(frequent).toMatchObject({ fill: 5, center: 0, scale: 1 }); // ties → smallest
  });

  it('never looks at validation or test rows', () => {
    const rows = ['x,c,y'];
    for (let i = 0; i < 100; i++) rows.push(`${i % 10},${['a', 'b'][i % 2]},${i % 2 ? 'pos' : 'neg'}`);
    const base = prepared(rows.join('\n'), { target: 'y', seed: 9 });
    // Poison every held-out row; the fitted parameters must not move.
    const heldOut = new Set([...base.data.split.test, ...base.data.split.validation].map((i) => base.data.tableRows[i]));
    const poisoned = rows.map((line, i) => (i > 0 && heldOut.has(i - 1) ? `99999,zzz,${line.split(',')[2]}` : line));
    const again = prepared(poisoned.join('\n'), { target: 'y', seed: 9 });
    expect(again.data.fitted).toEqual(base.data.fitted);
    expect(again.data.fitted.features[1]).toMatchObject({ kind: 'categorical', categories: ['a', 'b'] });
  });
});

describe('prepareTable', () => {
  it('prepares Palmer Penguins: one-hot islands and sex, imputed numbers, sorted classes', () => {
    const { data } = prepared(sample('penguins.csv'), { target: 'Species' });
    expect(data.fitted.target.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(data.fitted.inputNames).toEqual([
      'Island=Biscoe',
      'Island=Dream',
      'Island=Torgersen',
      'Beak Length (mm)',
      'Beak Depth (mm)',
      'Flipper Length (mm)',
      'Body Mass (g)',
      'Sex=FEMALE',
      'Sex=MALE',
    ]);
    expect(data.labels.length).toBe(344);
    expect(data.features.length).toBe(344 * 9);
    expect(data.features.every((v) => Number.isFinite(v))).toBe(true);
    // Standardized training columns have mean 0 and population std 1.
    const col = 3;
    const train = [...data.split.train].map((r) => data.features[r * 9 + col]);
    const m = train.reduce((a, b) => a + b, 0) / train.length;
    const s = Math.sqrt(train.reduce((a, b) => a + (b - m) ** 2, 0) / train.length);
    expect(m).toBeCloseTo(0, 5);
    expect(s).toBeCloseTo(1, 5);
  });

  it('drops incomplete rows when asked and says how many', () => {
    const { data } = prepared(sample('penguins.csv'), { target: 'Species', missing: 'drop' });
    expect(data.labels.length).toBe(333);
    expect(data.dropped.missingFeatures).toBe(11);
    expect(data.warnings.join(' ')).toContain('11 rows');
  });

  it('leaves out id-like columns by default and honours overrides', () => {
    const text = 'row_id,x,y\n' + Array.from({ length: 40 }, (_, i) => `${i + 1},${i % 5},${i % 2 ? 'a' : 'b'}`).join('\n');
    const parsed = parseCsvText(text);
    const profiles = profileTable(parsed.table);
    expect(selectFeatures(profiles, { ...DEFAULT_PREPARE, target: 'y' })).toEqual(['x']);
    expect(
      selectFeatures(profiles, {
        ...DEFAULT_PREPARE,
        target: 'y',
        featureOverrides: [
          { name: 'row_id', include: true },
          { name: 'x', include: false },
        ],
      }),
    ).toEqual(['row_id']);
  });

  it('refuses a one-class, continuous or many-class target with a reason', () => {
    const one = profileTable(parseCsvText('a,b\n1,x\n2,x\n').table)[1];
    expect(checkTarget(one)).toMatchObject({ ok: false, code: 'target_one_class' });
    const continuous = profileTable(parseCsvText('v\n' + Array.from({ length: 50 }, (_, i) => i + 0.5).join('\n')).table)[0];
    expect(checkTarget(continuous)).toMatchObject({ ok: false, code: 'target_continuous' });
    const many = profileTable(parseCsvText('v,w\n' + Array.from({ length: 300 }, (_, i) => `c${i % 150},${i}`).join('\n')).table)[0];
    const check = checkTarget(many);
    expect(check).toMatchObject({ ok: false, code: 'target_too_many_classes' });
    expect(check.ok ? '' : check.message).toContain('150 distinct');
    expect(() => prepared('a,b\n1,x\n2,x\n3,x\n', { target: 'b' })).toThrow(/at least two classes/);
  });
});

describe('transformRows', () => {
  it('encodes unseen categories as zeros, fills missing values and reports unreadable ones by row and column', () => {
    const { data } = prepared(sample('penguins.csv'), { target: 'Species' });
    const records = [
      new Map<string, string | number | null>([
        ['Island', 'Atlantis'],
        ['Beak Length (mm)', 40],
        ['Beak Depth (mm)', null],
        ['Flipper Length (mm)', 190],
        ['Body Mass (g)', '3800'],
        ['Sex', 'MALE'],
      ]),
      new Map<string, string | number | null>([
        ['Island', 'Dream'],
        ['Beak Length (mm)', 'forty'],
        ['Beak Depth (mm)', 18],
        ['Flipper Length (mm)', 190],
        ['Body Mass (g)', 3800],
        ['Sex', 'MALE'],
      ]),
    ];
    const out = transformRows(data.fitted, recordReader(records), [0, 1]);
    expect(Array.from(out.features.slice(0, 3))).toEqual([0, 0, 0]);
    const depth = data.fitted.features[2];
    expect(depth.kind).toBe('numeric');
    if (depth.kind === 'numeric') expect(out.features[4]).toBeCloseTo((depth.fill - depth.center) / depth.scale, 5);
    expect(out.problems).toEqual([{ row: 1, column: 'Beak Length (mm)', message: '"forty" is not a number' }]);
  });

  it('keeps the most frequent categories when capped', () => {
    const values = ['a', 'a', 'a', 'b', 'b', 'c', 'd', null];
    const fitted = fitCategorical(
      'k',
      (r) => values[r],
      values.map((_, i) => i),
      2,
    );
    expect(fitted.categories).toEqual(['a', 'b']);
    expect(fitted.fill).toBe('a');
  });
});

describe('prepareTable with free-text columns', () => {
  const fixture = (name: string) => readFileSync(new URL(`../../e2e/fixtures/text/${name}`, import.meta.url), 'utf8');

  it('profiles descriptions as text, includes them when nothing else is a feature, and fits TF-IDF on train only', () => {
    const { profiles, data } = prepared(fixture('debian-packages-en.csv'), { target: 'section', textVocabularySize: 500 });
    expect(profiles.find((p) => p.name === 'description')?.type).toBe('text');
    const text = data.fitted.features[0];
    expect(text.kind).toBe('text');
    if (text.kind !== 'text') return;
    expect(text.terms.length).toBe(500);
    expect(data.fitted.inputSize).toBe(500);
    expect(data.fitted.inputNames[0]).toBe(`description:${text.terms[0]}`);
    // Every row is l2-normalized (or all zeros when no known term).
    for (let r = 0; r < 50; r++) {
      let sq = 0;
      for (let i = 0; i < 500; i++) sq += data.features[r * 500 + i] ** 2;
      expect(sq === 0 || Math.abs(sq - 1) < 1e-5).toBe(true);
    }
    expect(text.oovRate).toBeGreaterThan(0); // the vocabulary is capped, so training terms fall outside
    expect(text.oovRate).toBeLessThan(1);
  });

  it('segments a Chinese column into words and trains a vocabulary of words, not lines', () => {
    const { data } = prepared(fixture('debian-packages-zh.csv'), { target: '分类' });
    const text = data.fitted.features[0];
    if (text.kind !== 'text') throw new Error('expected a text feature');
    expect(text.terms).toContain('编译'); // ICU: 编译 + 器
    expect(text.terms).toContain('软件');
    expect(text.medianTokens).toBeGreaterThan(10);
    expect(text.terms.every((t) => t.length < 40)).toBe(true);
  });

  it('mixes text with numeric columns when the user switches a column to text', () => {
    const rows = ['note,size,label'];
    for (let i = 0; i < 60; i++) rows.push(`${i % 2 ? 'red apple sweet' : 'green pear sour'} ${i},${(i * 7) % 13},${i % 2 ? 'a' : 'b'}`);
    const csv = rows.join('\n');
    const { data } = prepared(csv, { target: 'label', columnTypes: [{ name: 'note', type: 'text' }] });
    expect(data.fitted.features.map((f) => f.kind)).toEqual(['text', 'numeric']);
    const plain = prepared(csv, { target: 'label' });
    expect(plain.data.fitted.features.map((f) => f.name)).toEqual(['size']); // free text stays out by default next to other features
    const categorical = prepared(csv, { target: 'label', columnTypes: [{ name: 'note', type: 'categorical' }] });
    expect(categorical.data.fitted.features.map((f) => f.kind)).toEqual(['categorical', 'numeric']);
  });

  it('says so when a text column has no words, and when a text column is the target', () => {
    const rows = ['t,label'];
    for (let i = 0; i < 40; i++) rows.push(`"!!! ... ${'?'.repeat(i + 1)}",${i % 2}`);
    expect(() => prepared(rows.join('\n'), { target: 'label', columnTypes: [{ name: 't', type: 'text' }] })).toThrow(/no words/);
    expect(() => prepared(fixture('debian-packages-en.csv'), { target: 'description' })).toThrow(/free text/);
  });
});
