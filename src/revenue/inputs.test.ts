import { describe, expect, it } from 'vitest';
import { coerceRevenueInputs, defaultRevenueInputs, errorsByField, parseRevenueInputs } from './inputs';
import type { FieldError, ParsedRevenueInputs, PeriodUnit, RevenueInputs } from './types';

function withInputs(over: Partial<RevenueInputs>): RevenueInputs {
  return { ...defaultRevenueInputs(), ...over };
}
function valid(over: Partial<RevenueInputs>): ParsedRevenueInputs {
  const r = parseRevenueInputs(withInputs(over));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}
function invalid(over: Partial<RevenueInputs>): FieldError[] {
  const r = parseRevenueInputs(withInputs(over));
  if (r.ok) throw new Error('expected validation errors');
  return r.errors;
}
function messageFor(over: Partial<RevenueInputs>, field: FieldError['field']): string {
  const e = invalid(over).find((x) => x.field === field);
  if (!e) throw new Error(`no error for ${field}`);
  return e.message;
}

describe('defaults', () => {
  it('are N=1000, P=100, T=12 months in EUR and parse cleanly', () => {
    const d = defaultRevenueInputs();
    expect(d).toMatchObject({ customers: '1000', price: '100', periods: '12', periodUnit: 'month', currency: 'EUR' });
    const p = valid({});
    expect(p).toMatchObject({ customers: '1000', price: '100', periods: 12, currency: 'EUR', minorDigits: 2, locale: undefined });
    expect(p.growth).toEqual({ mode: 'percent', value: '0' });
    expect(p.sensitivityPercent).toBe('20');
  });
});

describe('parseRevenueInputs accepts', () => {
  it('grouped thousands, percent signs, lower-case currency and locales', () => {
    const p = valid({ customers: '1,000', price: '1 234.50', growth: { mode: 'percent', value: '5%' }, currency: ' usd ', locale: 'de-de' });
    expect(p.customers).toBe('1000');
    expect(p.price).toBe('1234.5');
    expect(p.growth.value).toBe('5');
    expect(p.currency).toBe('USD');
    expect(p.locale).toBe('de-DE');
    expect(valid({ currency: 'JPY' }).minorDigits).toBe(0);
  });
  it('negative absolute growth (customers lost per period) but not below −100% in percent mode', () => {
    expect(valid({ growth: { mode: 'absolute', value: '-150' } }).growth.value).toBe('-150');
    expect(messageFor({ growth: { mode: 'percent', value: '-101' } }, 'growth')).toMatch(/below −100%/);
    expect(valid({ growth: { mode: 'percent', value: '-100' } }).growth.value).toBe('-100');
  });
  it('does not modify its input', () => {
    const raw = withInputs({ customers: ' 1,000 ' });
    const copy = structuredClone(raw);
    parseRevenueInputs(raw);
    expect(raw).toEqual(copy);
  });
});

describe('parseRevenueInputs rejects with a message that says what to do', () => {
  it('negative values', () => {
    expect(messageFor({ customers: '-5' }, 'customers')).toBe("Customers (N) can't be negative. Enter 0 or more.");
    expect(messageFor({ price: '-0.01' }, 'price')).toMatch(/can't be negative/);
    expect(messageFor({ cost: '-1' }, 'cost')).toMatch(/Cost per customer can't be negative/);
    expect(messageFor({ periods: '-3' }, 'periods')).toMatch(/at least 1/);
  });
  it('NaN and non-numeric text', () => {
    expect(messageFor({ customers: 'NaN' }, 'customers')).toBe("Customers (N): “NaN” is not a number. Type digits with '.' for decimals, for example 1000.");
    expect(messageFor({ price: 'Infinity' }, 'price')).toMatch(/is not a number/);
    expect(messageFor({ price: '1e6' }, 'price')).toMatch(/write the number out in full/);
    expect(messageFor({ price: '9,99' }, 'price')).toMatch(/use '\.' for decimals/);
  });
  it('empty fields', () => {
    expect(messageFor({ customers: '' }, 'customers')).toBe('Customers (N) is empty. Enter a number, for example 1000.');
    expect(messageFor({ periods: '  ' }, 'periods')).toMatch(/is empty/);
    expect(messageFor({ currency: '' }, 'currency')).toMatch(/Currency is empty/);
  });
  it('periods that are not whole, zero or over 1200', () => {
    expect(messageFor({ periods: '12.5' }, 'periods')).toMatch(/whole number/);
    expect(messageFor({ periods: '0' }, 'periods')).toMatch(/at least 1/);
    expect(messageFor({ periods: '1201' }, 'periods')).toMatch(/at most 1,200/);
    expect(valid({ periods: '1,200' }).periods).toBe(1200);
  });
  it('churn outside 0–100 and price change below −100%', () => {
    expect(messageFor({ churn: '101' }, 'churn')).toMatch(/between 0 and 100/);
    expect(messageFor({ churn: '-1' }, 'churn')).toMatch(/can't be negative/);
    expect(messageFor({ priceChange: '-150' }, 'priceChange')).toMatch(/below −100%/);
  });
  it('totals too large to count exactly, saying so', () => {
    const m = messageFor({ customers: '1000000000000', price: '1000000' }, 'total');
    expect(m).toMatch(/too large/);
    expect(m).toContain('€90,071,992,547,409.91');
    expect(messageFor({ growth: { mode: 'percent', value: '100' }, periods: '1200' }, 'total')).toMatch(/too large/);
    expect(messageFor({ price: '0', growth: { mode: 'percent', value: '1000000' }, periods: '1200' }, 'total')).toMatch(/customers would grow/);
  });
  it('a high scenario that overflows even when the base does not', () => {
    const over = { customers: '80000000000000', price: '1', periods: '1' };
    expect(messageFor(over, 'total')).toMatch(/in the high scenario/);
    expect(valid({ ...over, scenarios: { low: defaultRevenueInputs().scenarios.low, high: { customers: '80000000000000', price: '', growth: '', churn: '' } } }).customers).toBe('80000000000000');
  });
  it('unknown currencies and malformed locales', () => {
    expect(messageFor({ currency: 'EURO' }, 'currency')).toMatch(/not a known ISO 4217 code/);
    expect(messageFor({ currency: 'ZZZ' }, 'currency')).toMatch(/not a known ISO 4217 code/);
    expect(messageFor({ locale: 'not a locale!!' }, 'locale')).toMatch(/not a language tag/);
  });
  it('hostile strings and values of the wrong type (e.g. from an edited notebook)', () => {
    const m = messageFor({ customers: '<img src=x onerror=alert(1)>' }, 'customers');
    expect(m).toContain('“<img src=x onerror=alert…”'); // shortened to 24 characters
    expect(messageFor({ customers: '9'.repeat(200) }, 'customers')).toMatch(/too long/);
    expect(messageFor({ periodUnit: 'fortnight' as PeriodUnit }, 'periodUnit')).toMatch(/one of: day, week/);
    expect(messageFor({ growth: { mode: 'exp' as 'percent', value: '1' } }, 'growth.mode')).toMatch(/percent/);
    expect(messageFor({ price: 5 as unknown as string }, 'price')).toMatch(/is empty/);
    expect(messageFor({ customers: '__proto__' }, 'customers')).toMatch(/is not a number/);
  });
  it('every problem at once, one per field', () => {
    const errors = invalid({ customers: '-1', price: 'x', periods: '0.5', churn: '200' });
    expect(errors.map((e) => e.field).sort()).toEqual(['churn', 'customers', 'periods', 'price']);
    const byField = errorsByField([...errors, { field: 'customers', message: 'second' }]);
    expect(byField.customers).toMatch(/can't be negative/);
  });
  it('scenario overrides, tied to their own field', () => {
    const base = defaultRevenueInputs().scenarios;
    expect(messageFor({ scenarios: { ...base, low: { customers: '-5', price: '', growth: '', churn: '' } } }, 'scenarios.low.customers')).toMatch(/Low scenario customers can't be negative/);
    const p = valid({ scenarios: { low: { customers: '500', price: '', growth: '', churn: '' }, high: base.high } });
    expect(p.scenarios.low).toEqual({ customers: '500', price: null, growth: null, churn: null });
  });
});

describe('coerceRevenueInputs', () => {
  it('keeps typed strings verbatim and defaults anything else', () => {
    expect(coerceRevenueInputs(null)).toEqual(defaultRevenueInputs());
    expect(coerceRevenueInputs('x')).toEqual(defaultRevenueInputs());
    const c = coerceRevenueInputs({ customers: 'abc', price: 5, periodUnit: 'fortnight', growth: { mode: 'absolute', value: '7' } });
    expect(c.customers).toBe('abc');
    expect(c.price).toBe('100');
    expect(c.periodUnit).toBe('month');
    expect(c.growth).toEqual({ mode: 'absolute', value: '7' });
    expect(c.model).toBeNull();
  });
});
