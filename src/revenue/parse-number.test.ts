import { describe, expect, it } from 'vitest';
import { parseNumberText } from './parse-number';

const ok = (text: unknown, opts?: { allowPercentSign?: boolean }) => {
  const r = parseNumberText(text, opts);
  if (!r.ok) throw new Error(`expected ${String(text)} to parse, got ${r.problem}`);
  return r.value;
};
const problem = (text: unknown, opts?: { allowPercentSign?: boolean }) => {
  const r = parseNumberText(text, opts);
  if (r.ok) throw new Error(`expected ${String(text)} to fail, got ${r.value}`);
  return r.problem;
};

describe('parseNumberText', () => {
  it('reads plain integers and decimals with "." exactly', () => {
    expect(ok('1000')).toBe('1000');
    expect(ok('99.50')).toBe('99.5');
    expect(ok('  42  ')).toBe('42');
    expect(ok('.5')).toBe('0.5');
    expect(ok('5.')).toBe('5');
    expect(ok('0.1')).toBe('0.1');
    expect(ok('12345678901234567890.123456789')).toBe('12345678901234567890.123456789');
  });

  it('accepts signs, including the typographic minus, and normalises -0', () => {
    expect(ok('+5')).toBe('5');
    expect(ok('-5')).toBe('-5');
    expect(ok('\u22125')).toBe('-5');
    expect(ok('-0')).toBe('0');
    expect(ok('-0.000')).toBe('0');
  });

  it('accepts thousands separators only in groups of three', () => {
    expect(ok('1,000')).toBe('1000');
    expect(ok('1 000 000')).toBe('1000000');
    expect(ok('1_000.5')).toBe('1000.5');
    expect(ok('1\u00A0000')).toBe('1000');
    expect(ok('1\u202F000\u202F000')).toBe('1000000');
    expect(ok('12,345,678.25')).toBe('12345678.25');
    expect(problem('1,00,000')).toBe('bad_grouping');
    expect(problem('1,000 000')).toBe('bad_grouping');
    expect(problem('1  000')).toBe('bad_grouping');
    expect(problem('1000,000,00')).toBe('bad_grouping');
  });

  it('flags a decimal comma instead of reading "1,5" as 15', () => {
    expect(problem('1,5')).toBe('decimal_comma');
    expect(problem('1.000,50')).toBe('decimal_comma');
    expect(problem('99,95')).toBe('decimal_comma');
  });

  it('allows a trailing % only where asked', () => {
    expect(ok('5%', { allowPercentSign: true })).toBe('5');
    expect(ok('-2.5 %', { allowPercentSign: true })).toBe('-2.5');
    expect(problem('5%')).toBe('not_a_number');
  });

  it('rejects empty and non-string values', () => {
    expect(problem('')).toBe('empty');
    expect(problem('   ')).toBe('empty');
    expect(problem(undefined)).toBe('empty');
    expect(problem(null)).toBe('empty');
    expect(problem(5)).toBe('empty');
  });

  it('rejects NaN, Infinity, exponents and other hostile text', () => {
    for (const s of [
      'NaN',
      'nan',
      'Infinity',
      '-Infinity',
      'abc',
      '0x10',
      '1.2.3',
      '--5',
      '+-5',
      '-',
      '.',
      "1'000",
      '<script>alert(1)</script>',
      '١٢٣',
      '1/2',
      '5 apples',
      '__proto__',
      'constructor',
    ]) {
      expect(['not_a_number', 'bad_grouping', 'decimal_comma']).toContain(problem(s));
    }
    expect(problem('1e6')).toBe('exponent');
    expect(problem('1E+400')).toBe('exponent');
    expect(problem('2.5e-3')).toBe('exponent');
    expect(problem('1'.repeat(65))).toBe('too_long');
    expect(ok('1'.repeat(64))).toBe('1'.repeat(64));
  });
});
