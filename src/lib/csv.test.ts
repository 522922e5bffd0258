import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, safeCell, toCsv } from './csv';

describe('csv', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('-12.50')).toBe('-12.50');
  });

  it('round-trips hostile cells through an independent parser', () => {
    const rows = [
      ['h1', 'h2', 'h3'],
      ['a,"b"', '\r\n', ''],
      ['=1+1', '"', ' x '],
    ];
    const text = toCsv(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual(rows);
  });

  it('ends lines with LF when asked (predictions CSV)', () => {
    expect(
      toCsv(
        [
          ['a', 'b'],
          ['1', '2'],
        ],
        '\n',
      ),
    ).toBe('a,b\n1,2\n');
  });

  it('defuses spreadsheet formulas in user cells but keeps numbers', () => {
    expect(safeCell('-3')).toBe('-3');
    expect(safeCell('+1e5')).toBe('+1e5');
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(safeCell('plain')).toBe('plain');
  });
});
