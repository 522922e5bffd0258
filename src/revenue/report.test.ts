import { describe, expect, it } from 'vitest';
import { isRevenueReportError, parseRevenueArgs, revenueReport, type RevenueReport, type RevenueReportError } from './report';

function ok(r: RevenueReport | RevenueReportError): RevenueReport {
  if (isRevenueReportError(r)) throw new Error(r.error.message);
  return r;
}
function err(r: RevenueReport | RevenueReportError): string {
  if (!isRevenueReportError(r)) throw new Error('expected an error');
  expect(r.error.code).toBe('invalid_input');
  return r.error.message;
}

describe('revenueReport', () => {
  it('worked example: 1,000 × 100 × 12 = 1,200,000, in exactly the documented shape', () => {
    const r = ok(revenueReport(['--customers', '1000', '--price', '100', '--periods', '12']));
    expect(Object.keys(r)).toEqual(['total', 'totalExact', 'currency', 'perPeriod', 'formula']);
    expect(r.total).toBe(1_200_000);
    expect(r.totalExact).toBe('1200000.00');
    expect(r.currency).toBe('EUR');
    expect(r.formula).toBe('R = N × P × T = 1,000 × 100 × 12 = 1,200,000');
    expect(r.perPeriod).toHaveLength(12);
    expect(r.perPeriod[0]).toEqual({
      period: 1,
      customers: 1000,
      price: 100,
      revenue: 100000,
      cost: 0,
      profit: 100000,
      cumulativeRevenue: 100000,
      cumulativeProfit: 100000,
    });
    expect(r.perPeriod[11].cumulativeRevenue).toBe(1_200_000);
  });

  it('worked example: 50 bank customers × 10,000/month = 500,000 per month', () => {
    const r = ok(revenueReport({ customers: '50', price: '10000', periods: '1' }));
    expect(r.total).toBe(500_000);
    expect(r.formula).toBe('R = N × P × T = 50 × 10,000 × 1 = 500,000');
  });

  it('explains the per-period sum when there is growth and churn', () => {
    const r = ok(revenueReport(['--customers=1000', '--price=100', '--periods=12', '--growth', '5', '--churn', '2', '--cost', '20']));
    expect(r.formula).toMatch(/^R = sum of N_t × P_t for t = 1 … 12, where N_1 = 1,000, N_\(t\+1\) = N_t × \(1 \+ 5% − 2%\) and P_t = 100; R = /);
    const sum = r.perPeriod.reduce((s, p) => s + Math.round(p.revenue * 100), 0) / 100;
    expect(r.total).toBeCloseTo(sum, 2);
    expect(r.formula).toContain(r.total.toLocaleString('en-US', { minimumFractionDigits: 2 }));
    expect(r.perPeriod[1].customers).toBe(1030);
    expect(r.perPeriod[0].profit).toBe(80000);
  });

  it('takes negative values after a flag and absolute growth', () => {
    const r = ok(revenueReport(['--customers', '100', '--price', '1', '--periods', '3', '--growth', '-10', '--growth-mode', 'absolute']));
    expect(r.perPeriod.map((p) => p.customers)).toEqual([100, 90, 80]);
    expect(r.formula).toContain('N_(t+1) = N_t − 10 (never below 0)');
  });

  it('uses the currency minor units and shows rounding when N × P is sub-cent', () => {
    expect(ok(revenueReport(['--customers', '1000', '--price', '100', '--periods', '12', '--currency', 'jpy'])).totalExact).toBe('1200000');
    const r = ok(revenueReport(['--customers', '3', '--price', '0.333', '--periods', '1']));
    expect(r.totalExact).toBe('1.00');
    expect(r.formula).toBe("R = N × P × T = 3 × 0.333 × 1 = 0.999 ≈ 1 (each month's revenue rounded to the cent)");
  });

  it('serialises to JSON without NaN, Infinity or null', () => {
    const text = JSON.stringify(ok(revenueReport(['--customers', '1', '--price', '0.1', '--periods', '1200', '--churn', '1'])));
    expect(text).not.toMatch(/NaN|Infinity|null|-0[,}]/);
  });

  it('maps every kind of bad input to invalid_input with a helpful message', () => {
    expect(err(revenueReport(['--customers', '1000', '--periods', '12']))).toMatch(/Missing --price/);
    expect(err(revenueReport(['--customers', '1000', '--price', '100', '--periods', '12', '--bogus', '1']))).toMatch(/Unknown option --bogus/);
    expect(err(revenueReport(['--customers']))).toMatch(/needs a value/);
    expect(err(revenueReport(['1000']))).toMatch(/Unexpected argument/);
    expect(err(revenueReport(['--price', '1', '--price', '2']))).toMatch(/given twice/);
    expect(err(revenueReport(['--customers', '-5', '--price', '100', '--periods', '12']))).toMatch(/can't be negative/);
    expect(err(revenueReport(['--customers', 'NaN', '--price', '100', '--periods', '12']))).toMatch(/not a number/);
    expect(err(revenueReport(['--customers', '1000', '--price', '100', '--periods', '12', '--unit', 'fortnight']))).toMatch(/--unit/);
    expect(err(revenueReport(['--customers', '1e12', '--price', '100', '--periods', '12']))).toMatch(/in full/);
    expect(err(revenueReport(['--customers', '1000000000000', '--price', '1000000', '--periods', '12']))).toMatch(/too large/);
    expect(err(revenueReport({ customers: 5 as unknown as string, price: '1', periods: '1' }))).toMatch(/must be text/);
  });

  it('parses --flag value and --flag=value', () => {
    expect(parseRevenueArgs(['--customers=1,000', '--growth', '-5'])).toEqual({ ok: true, value: { customers: '1,000', growth: '-5' } });
  });
});
