import { describe, expect, it } from 'vitest';
import { Dec, minorDigitsFor, minorToExact, moneyFromMinor, quantity, toMinor } from './money';

describe('money', () => {
  it('takes minor-unit digits from Intl currency data', () => {
    expect(minorDigitsFor('EUR')).toBe(2);
    expect(minorDigitsFor('USD')).toBe(2);
    expect(minorDigitsFor('JPY')).toBe(0);
    expect(minorDigitsFor('BHD')).toBe(3);
  });

  it('rounds halves up (away from zero), unlike float Math.round and banker’s rounding', () => {
    expect(toMinor(new Dec('0.125'), 2)).toBe(13n); // half-even would give 12
    expect(toMinor(new Dec('0.145'), 2)).toBe(15n);
    expect(Math.round(0.145 * 100)).toBe(14); // the float path gets this wrong
    expect(toMinor(new Dec('0.135'), 2)).toBe(14n);
    expect(toMinor(new Dec('0.1249999'), 2)).toBe(12n);
    expect(toMinor(new Dec('2.5'), 0)).toBe(3n); // half-even would give 2
    expect(toMinor(new Dec('100.5'), 0)).toBe(101n);
    expect(toMinor(new Dec('1.0005'), 3)).toBe(1001n);
  });

  it('prints minor units as exact decimal strings, never -0', () => {
    expect(minorToExact(120000000n, 2)).toBe('1200000.00');
    expect(minorToExact(5n, 2)).toBe('0.05');
    expect(minorToExact(-5n, 2)).toBe('-0.05');
    expect(minorToExact(0n, 2)).toBe('0.00');
    expect(minorToExact(101n, 0)).toBe('101');
    expect(minorToExact(1n, 3)).toBe('0.001');
    expect(moneyFromMinor(9007199254740991n, 2)).toEqual({ exact: '90071992547409.91', value: 90071992547409.91 });
  });

  it('rounds quantities for display without -0', () => {
    expect(quantity(new Dec('-0.0000001'), 6)).toEqual({ exact: '0', value: 0 });
    expect(quantity(new Dec('1030.3010000001'), 6)).toEqual({ exact: '1030.301', value: 1030.301 });
  });
});
