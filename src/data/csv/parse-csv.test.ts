import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvBlob, parseCsvText } from './parse-csv';
import { cellNumber, cellText, type Column } from '../table';
import { createRandom } from '../random';
import { DataError } from '../../lib/errors';

const numbers = (c: Column) => Array.from({ length: c.storage === 'numeric' ? c.values.length : c.codes.length }, (_, i) => cellNumber(c, i));
const texts = (c: Column) => Array.from({ length: c.storage === 'numeric' ? c.values.length : c.codes.length }, (_, i) => cellText(c, i));

function expectDataError(fn: () => unknown, code: string, ...fragments: string[]): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).code).toBe(code);
    for (const f of fragments) expect((error as DataError).message).toContain(f);
    return;
  }
  throw new Error(`expected a DataError ${code}`);
}

describe('parseCsvText', () => {
  it('parses a plain comma file into typed columns', () => {
    const parsed = parseCsvText('a,b,c\n1,x,2.5\n2,y,-3e2\n');
    expect(parsed.header).toEqual(['a', 'b', 'c']);
    expect(parsed.table.rowCount).toBe(2);
    expect(parsed.dialect).toEqual({ delimiter: ',', decimal: '.' });
    const [a, b, c] = parsed.table.columns;
    expect(a.storage).toBe('numeric');
    expect(numbers(a)).toEqual([1, 2]);
    expect(b.storage).toBe('string');
    expect(texts(b)).toEqual(['x', 'y']);
    expect(numbers(c)).toEqual([2.5, -300]);
  });

  it('strips a UTF-8 BOM and handles CRLF and lone CR line endings', () => {
    const parsed = parseCsvText('\ufeffname,value\r\nx,1\r\ny,2\rz,3');
    expect(parsed.header).toEqual(['name', 'value']);
    expect(texts(parsed.table.columns[0])).toEqual(['x', 'y', 'z']);
    expect(numbers(parsed.table.columns[1])).toEqual([1, 2, 3]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const parsed = parseCsvText('id,text\n1,"hello, world"\n2,"she said ""hi"""\n3,"line one\nline two"\n4,plain\n');
    expect(texts(parsed.table.columns[1])).toEqual(['hello, world', 'she said "hi"', 'line one\nline two', 'plain']);
    expect(parsed.preview[2]).toEqual(['3', 'line one\nline two']);
  });

  it('detects semicolons with decimal commas as numbers', () => {
    const parsed = parseCsvText('Länge;Breite;Art\n1,5;2,25;a\n3,0;4,75;b\n');
    expect(parsed.dialect).toEqual({ delimiter: ';', decimal: ',' });
    expect(numbers(parsed.table.columns[0])).toEqual([1.5, 3]);
    expect(numbers(parsed.table.columns[1])).toEqual([2.25, 4.75]);
    expect(texts(parsed.table.columns[2])).toEqual(['a', 'b']);
  });

  it('keeps dot decimals in a semicolon file', () => {
    const parsed = parseCsvText('x;y\n1.5;2\n3.25;4\n');
    expect(parsed.dialect).toEqual({ delimiter: ';', decimal: '.' });
    expect(numbers(parsed.table.columns[0])).toEqual([1.5, 3.25]);
  });

  it('detects tabs and pipes', () => {
    expect(parseCsvText('a\tb\n1\t2\n').dialect.delimiter).toBe('\t');
    expect(parseCsvText('a|b\n1|2\n3|4\n').dialect.delimiter).toBe('|');
  });

  it('skips empty and whitespace-only lines', () => {
    const parsed = parseCsvText('a,b\n\n1,2\n   \n\r\n3,4\n\n');
    expect(parsed.table.rowCount).toBe(2);
    expect(numbers(parsed.table.columns[1])).toEqual([2, 4]);
  });

  it('keeps hostile header names as plain text and makes duplicates unique', () => {
    const parsed = parseCsvText('__proto__,<img src=x onerror=alert(1)>,constructor,,a,a\n1,2,3,4,5,6\n');
    expect(parsed.header).toEqual(['__proto__', '<img src=x onerror=alert(1)>', 'constructor', 'column 4', 'a', 'a (2)']);
    expect(parsed.table.columns.map((c) => c.name)).toEqual(parsed.header);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('recognises missing-value spellings and counts them', () => {
    const parsed = parseCsvText('x,y\n1,a\nNA,\n,b\n?,NULL\n5,c\n');
    const [x, y] = parsed.table.columns;
    expect(x.storage).toBe('numeric');
    expect(x.missing).toBe(3);
    expect(numbers(x).map((v) => (Number.isNaN(v) ? null : v))).toEqual([1, null, null, null, 5]);
    expect(y.missing).toBe(2);
  });

  it('treats hex, Infinity and words as text, not numbers', () => {
    const parsed = parseCsvText('x\n0x1A\n1\n');
    expect(parsed.table.columns[0].storage).toBe('string');
    expect(texts(parsed.table.columns[0])).toEqual(['0x1A', '1']);
    expect(parseCsvText('x\nInfinity\n').table.columns[0].storage).toBe('string');
  });

  it('switches a column to text when a non-number appears late, keeping earlier values', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => String(i));
    rows.push('oops');
    const parsed = parseCsvText(`v\n${rows.join('\n')}\n`);
    const column = parsed.table.columns[0];
    expect(column.storage).toBe('string');
    expect(cellText(column, 0)).toBe('0');
    expect(cellText(column, 2999)).toBe('2999');
    expect(cellText(column, 3000)).toBe('oops');
  });

  it('matches fields of a few-valued string column to codes while scanning, exactly as plain parsing would', () => {
    // Values that share prefixes and lengths, case and whitespace variants, quoted copies, missing tokens,
    // and a column that gains a 33rd value late (it then stops being matched).
    const plans = ['pro', 'professional', 'Pro', ' pro', 'pro ', 'team', 'tea', 'NA', '', '"pro"', '"a,b"', 'a'];
    const lines = ['plan,many,n'];
    for (let i = 0; i < 6000; i++) lines.push(`${plans[(i * 7) % plans.length]},v${i < 5000 ? i % 30 : i % 40},${i}`);
    const parsed = parseCsvText(lines.join('\n'), 'plans.csv', 5);
    const [plan, many] = parsed.table.columns;
    const unquote = (p: string) => (p === '"pro"' ? 'pro' : p === '"a,b"' ? 'a,b' : p);
    const expected = Array.from({ length: 6000 }, (_, i) => {
      const p = unquote(plans[(i * 7) % plans.length]);
      return p === 'NA' || p.trim() === '' ? null : p;
    });
    expect(texts(plan)).toEqual(expected);
    expect(plan.missing).toBe(expected.filter((p) => p === null).length);
    // Codes follow first appearance, as without matching.
    expect(plan.storage === 'string' && plan.dictionary).toEqual([...new Set(expected.filter((p) => p !== null))]);
    expect(plan.storage === 'string' && plan.dictionary.length).toBe(9);
    expect(texts(many)).toEqual(Array.from({ length: 6000 }, (_, i) => `v${i < 5000 ? i % 30 : i % 40}`));
    // The preview keeps the first rows as written (unquoted), missing spellings included.
    expect(parsed.preview.map((r) => r[0])).toEqual([0, 1, 2, 3, 4].map((i) => unquote(plans[(i * 7) % plans.length])));
  });

  it('pads short rows with missing values and warns once', () => {
    const parsed = parseCsvText('a,b,c\n1,2,3\n4,5\n');
    expect(parsed.table.columns[2].missing).toBe(1);
    expect(parsed.warnings[0]).toContain('line 3');
  });

  it('accepts a trailing delimiter but rejects a real extra value, naming the line', () => {
    expect(parseCsvText('a,b\n1,2,\n').table.rowCount).toBe(1);
    expectDataError(() => parseCsvText('a,b\n1,2\n3,4\n5,6,7\n', 'bad.csv'), 'csv_ragged_row', 'bad.csv', 'line 4', '3 fields', 'header has 2');
  });

  it('reports an unclosed quote with its line', () => {
    expectDataError(() => parseCsvText('a,b\n1,2\n3,"open\n4,5\n'), 'csv_unclosed_quote', 'Line 3');
  });

  it('rejects empty files, header-only files and binary data with clear messages', () => {
    expectDataError(() => parseCsvText('', 'empty.csv'), 'csv_empty', 'empty.csv');
    expectDataError(() => parseCsvText('a,b,c\n', 'head.csv'), 'csv_no_rows', 'a, b, c');
    expectDataError(() => parseCsvText('PK\u0003\u0004\u0000\u0000binary', 'x.zip'), 'file_not_text', 'x.zip');
  });
});

describe('parseCsvBlob (streaming)', () => {
  it('gives the same table whatever the chunk size, including chunks that split CRLF, quotes and UTF-8', async () => {
    const random = createRandom(7);
    const lines = ['id;name;score;note'];
    for (let i = 0; i < 300; i++) {
      const note = random() < 0.3 ? `"multi\r\nline ""${i}"";ünïcødé"` : `plain ${i} €`;
      lines.push(`${i};n${Math.floor(random() * 5)};${(random() * 100).toFixed(2).replace('.', ',')};${note}`);
    }
    const text = '\ufeff' + lines.join('\r\n') + '\r\n';
    const bytes = new TextEncoder().encode(text);
    const whole = await parseCsvBlob(new Blob([bytes]), { fileName: 't.csv' });
    expect(whole.table.rowCount).toBe(300);
    expect(whole.dialect).toEqual({ delimiter: ';', decimal: ',' });
    for (const chunkBytes of [1, 2, 3, 7, 64, 1000]) {
      const chunked = await parseCsvBlob(new Blob([bytes]), { fileName: 't.csv', chunkBytes });
      expect(chunked.header).toEqual(whole.header);
      for (let c = 0; c < whole.table.columns.length; c++) {
        expect(texts(chunked.table.columns[c])).toEqual(texts(whole.table.columns[c]));
      }
    }
  });

  it('reports progress and stops when cancelled', async () => {
    const text = 'a,b\n' + Array.from({ length: 5000 }, (_, i) => `${i},${i * 2}`).join('\n');
    const seen: number[] = [];
    const controller = new AbortController();
    const promise = parseCsvBlob(new Blob([text]), {
      fileName: 'big.csv',
      chunkBytes: 1024,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.bytesRead);
        controller.abort();
      },
    });
    await expect(promise).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen.length).toBeGreaterThan(0);
  });

  it('parses the bundled samples', async () => {
    for (const [file, rows, cols] of [
      ['iris.csv', 150, 5],
      ['penguins.csv', 344, 7],
      ['wine.csv', 178, 14],
      ['breast-cancer.csv', 569, 31],
    ] as const) {
      const bytes = readFileSync(new URL(`../../../public/samples/${file}`, import.meta.url));
      const parsed = await parseCsvBlob(new Blob([bytes]), { fileName: file });
      expect(parsed.table.rowCount).toBe(rows);
      expect(parsed.table.columns.length).toBe(cols);
    }
  });
});
