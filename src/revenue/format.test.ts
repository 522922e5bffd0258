import { describe, expect, it } from 'vitest';
import { PLACEHOLDER, formatMoney, formatMoneyCompact, formatNumber, formatPercent, formatPrice, formatTotalPlain } from './format';

describe('format', () => {
  it('formats currency per locale from exact strings', () => {
    expect(formatMoney('1200000.00', 'EUR', 'en-US')).toBe('€1,200,000.00');
    expect(formatMoney('1200000.00', 'EUR', 'de-DE')).toBe('1.200.000,00\u00A0€');
    expect(formatMoney('101', 'JPY', 'en-US')).toBe('¥101');
    expect(formatMoney('90071992547409.91', 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
  });

  it('never produces NaN, Infinity or -0', () => {
    expect(formatMoney(Number.NaN, 'EUR', 'en-US')).toBe(PLACEHOLDER);
    expect(formatMoney(Number.POSITIVE_INFINITY, 'EUR', 'en-US')).toBe(PLACEHOLDER);
    expect(formatNumber(Number.NEGATIVE_INFINITY, 'en-US')).toBe(PLACEHOLDER);
    expect(formatNumber('NaN', 'en-US')).toBe(PLACEHOLDER);
    expect(formatNumber('abc', 'en-US')).toBe(PLACEHOLDER);
    expect(formatMoney('-0.00', 'EUR', 'en-US')).toBe('€0.00');
    expect(formatMoney(-0, 'EUR', 'de-DE')).toBe('0,00\u00A0€');
    expect(formatNumber('-0', 'en-US')).toBe('0');
    expect(formatPercent(-0, 'en-US')).toBe('0%');
    expect(formatMoneyCompact(Number.NaN, 'EUR', 'en-US')).toBe(PLACEHOLDER);
    expect(formatMoney('-12.50', 'EUR', 'en-US')).toBe('-€12.50');
  });

  it('prints whole totals without decimals and others with the currency digits', () => {
    expect(formatTotalPlain('1200000.00', 2, 'en-US')).toBe('1,200,000');
    expect(formatTotalPlain('1200000.50', 2, 'en-US')).toBe('1,200,000.50');
    expect(formatTotalPlain('500000', 0, 'en-US')).toBe('500,000');
  });

  it('keeps sub-cent prices and big exact numbers', () => {
    expect(formatPrice('0.002', 'EUR', 'en-US')).toBe('€0.002');
    expect(formatPrice('100', 'EUR', 'en-US')).toBe('€100.00');
    expect(formatNumber('12345678901234567.125', 'en-US')).toBe('12,345,678,901,234,567.125');
    expect(formatNumber(1e21, 'en-US')).toBe('1,000,000,000,000,000,000,000');
  });

  it('keeps two digits on compact axis labels', () => {
    expect(formatMoneyCompact(2_250_000, 'EUR', 'en-US')).toBe('€2.25M');
    expect(formatMoneyCompact(750_000, 'EUR', 'en-US')).toBe('€750K');
  });

  it('formats percent in percent units', () => {
    expect(formatPercent('5', 'en-US')).toBe('5%');
    expect(formatPercent('2.5', 'en-US')).toBe('2.5%');
    expect(formatPercent(66.6666666, 'en-US', 1)).toBe('66.7%');
  });
});
