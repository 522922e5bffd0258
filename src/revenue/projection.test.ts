import { describe, expect, it } from 'vitest';
import { Dec } from './money';
import { findRangeProblem, projectRevenue, type ProjectionParams } from './projection';

function params(over: Partial<Omit<ProjectionParams, 'growth'>> & { growth?: string; mode?: 'percent' | 'absolute' } = {}): ProjectionParams {
  const { growth = '0', mode = 'percent', ...rest } = over;
  return {
    customers: '1000',
    price: '100',
    periods: 12,
    currency: 'EUR',
    minorDigits: 2,
    periodUnit: 'month',
    churn: '0',
    priceChange: '0',
    cost: '0',
    ...rest,
    growth: { mode, value: growth },
  };
}

describe('worked examples', () => {
  it('1,000 users × 100/month × 12 months = 1,200,000 (not 120,000)', () => {
    const p = projectRevenue(params());
    expect(p.totals.revenue.exact).toBe('1200000.00');
    expect(p.totals.revenue.value).toBe(1_200_000);
    expect(p.totals.revenue.value).not.toBe(120_000);
    expect(p.rows).toHaveLength(12);
    expect(p.rows.every((r) => r.revenue.exact === '100000.00')).toBe(true);
    expect(p.rows[5].cumulativeRevenue.exact).toBe('600000.00');
    expect(p.simple).toBe(true);
    expect(p.withinSafeRange).toBe(true);
  });

  it('50 bank customers × 10,000/month = 500,000 per month', () => {
    const p = projectRevenue(params({ customers: '50', price: '10000', periods: 1 }));
    expect(p.totals.revenue.exact).toBe('500000.00');
    expect(p.rows[0].revenue.value).toBe(500_000);
  });
});

describe('growth and churn', () => {
  it('matches a hand-computed table for +10% growth', () => {
    const p = projectRevenue(params({ customers: '100', price: '10', periods: 3, growth: '10' }));
    expect(p.rows.map((r) => r.customers.exact)).toEqual(['100', '110', '121']);
    expect(p.rows.map((r) => r.revenue.exact)).toEqual(['1000.00', '1100.00', '1210.00']);
    expect(p.totals.revenue.exact).toBe('3310.00');
    expect(p.simple).toBe(false);
  });

  it('percent growth with churn follows N_t = N(1+g−c)^(t−1), each period rounded', () => {
    const p = projectRevenue(params({ customers: '1000', price: '9.99', periods: 36, growth: '5', churn: '2' }));
    let sumMinor = 0n;
    for (const row of p.rows) {
      const n = new Dec(1000).times(new Dec('1.03').pow(row.period - 1));
      expect(row.customers.exact).toBe(n.toDecimalPlaces(6).toFixed());
      const minor = BigInt(n.times('9.99').times(100).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0));
      expect(row.revenue.exact).toBe(new Dec(minor.toString()).div(100).toFixed(2));
      sumMinor += minor;
    }
    expect(p.totals.revenue.exact).toBe(new Dec(sumMinor.toString()).div(100).toFixed(2));
    // sanity vs float closed form of the sum: N·P·((1.03^36 − 1)/0.03)
    expect(p.totals.revenue.value).toBeCloseTo((1000 * 9.99 * (1.03 ** 36 - 1)) / 0.03, -1);
  });

  it('absolute growth with churn follows N(1−c)^(t−1) + a(1−(1−c)^(t−1))/c', () => {
    const p = projectRevenue(params({ customers: '100', price: '1', periods: 4, growth: '50', mode: 'absolute', churn: '10' }));
    expect(p.rows.map((r) => r.customers.exact)).toEqual(['100', '140', '176', '208.4']);
    expect(p.totals.revenue.exact).toBe('624.40');
    const q = projectRevenue(params({ customers: '250', price: '1', periods: 60, growth: '37', mode: 'absolute', churn: '3' }));
    for (const row of q.rows) {
      const k = 0.97 ** (row.period - 1);
      expect(row.customers.value).toBeCloseTo(250 * k + (37 * (1 - k)) / 0.03, 6);
    }
  });

  it('absolute growth without churn is linear: N + a(t−1)', () => {
    const p = projectRevenue(params({ customers: '10', periods: 5, growth: '3', mode: 'absolute' }));
    expect(p.rows.map((r) => r.customers.value)).toEqual([10, 13, 16, 19, 22]);
  });

  it('never lets customers go below zero', () => {
    const p = projectRevenue(params({ customers: '100', price: '1', periods: 4, growth: '-60', mode: 'absolute' }));
    expect(p.rows.map((r) => r.customers.exact)).toEqual(['100', '40', '0', '0']);
    const q = projectRevenue(params({ customers: '100', price: '1', periods: 3, growth: '-50', churn: '100' }));
    expect(q.rows.map((r) => r.customers.exact)).toEqual(['100', '0', '0']);
    expect(q.rows.map((r) => r.revenue.exact)).toEqual(['100.00', '0.00', '0.00']);
  });

  it('compounds the price change: P_t = P(1+p)^(t−1)', () => {
    const up = projectRevenue(params({ customers: '1', price: '100', periods: 3, priceChange: '10' }));
    expect(up.rows.map((r) => r.price.exact)).toEqual(['100', '110', '121']);
    expect(up.totals.revenue.exact).toBe('331.00');
    const down = projectRevenue(params({ customers: '1', price: '100', periods: 3, priceChange: '-50' }));
    expect(down.rows.map((r) => r.price.exact)).toEqual(['100', '50', '25']);
  });
});

describe('cost and profit', () => {
  it('computes cost, profit and cumulative sums', () => {
    const p = projectRevenue(params({ customers: '10', price: '100', periods: 2, cost: '30' }));
    expect(p.rows[0].cost.exact).toBe('300.00');
    expect(p.rows[0].profit.exact).toBe('700.00');
    expect(p.rows[1].cumulativeProfit.exact).toBe('1400.00');
    expect(p.rows[1].cumulativeCost.exact).toBe('600.00');
    expect(p.totals).toEqual({
      revenue: { exact: '2000.00', value: 2000 },
      cost: { exact: '600.00', value: 600 },
      profit: { exact: '1400.00', value: 1400 },
    });
  });

  it('shows losses as negative profit', () => {
    const p = projectRevenue(params({ customers: '1', price: '10', periods: 3, cost: '12.5' }));
    expect(p.rows[0].profit.exact).toBe('-2.50');
    expect(p.totals.profit.exact).toBe('-7.50');
    expect(p.totals.profit.value).toBe(-7.5);
  });
});

describe('exact money', () => {
  it('does not drift where float sums do', () => {
    let naive = 0;
    for (let i = 0; i < 1000; i++) naive += 0.1;
    expect(naive).not.toBe(100); // 99.9999999999986
    const p = projectRevenue(params({ customers: '1', price: '0.1', periods: 1000 }));
    expect(p.totals.revenue.exact).toBe('100.00');
    expect(p.totals.revenue.value).toBe(100);
    expect(projectRevenue(params({ customers: '3', price: '0.1', periods: 1 })).totals.revenue.value).toBe(0.3);
    expect(3 * 0.1).not.toBe(0.3);
    const q = projectRevenue(params({ customers: '3', price: '0.07', periods: 1200 }));
    expect(q.totals.revenue.exact).toBe('252.00');
    expect(q.rows[1199].cumulativeRevenue.exact).toBe('252.00');
  });

  it('rounds each period half up and sums the rounded periods', () => {
    expect(projectRevenue(params({ customers: '1', price: '0.125', periods: 1 })).totals.revenue.exact).toBe('0.13');
    expect(projectRevenue(params({ customers: '1', price: '0.145', periods: 1 })).totals.revenue.exact).toBe('0.15');
    expect(projectRevenue(params({ customers: '0.5', price: '0.25', periods: 1 })).totals.revenue.exact).toBe('0.13');
    // 4 × round(0.125) = 0.52, whereas rounding only the total would give 0.50
    expect(projectRevenue(params({ customers: '1', price: '0.125', periods: 4 })).totals.revenue.exact).toBe('0.52');
  });

  it('uses the currency minor units: JPY 0, BHD 3', () => {
    const jpy = projectRevenue(params({ customers: '1', price: '100.5', periods: 1, currency: 'JPY', minorDigits: 0 }));
    expect(jpy.totals.revenue.exact).toBe('101');
    const jpy2 = projectRevenue(params({ customers: '3', price: '0.5', periods: 2, currency: 'JPY', minorDigits: 0 }));
    expect(jpy2.rows[0].revenue.exact).toBe('2');
    expect(jpy2.totals.revenue.exact).toBe('4');
    const bhd = projectRevenue(params({ customers: '1', price: '1.0005', periods: 1, currency: 'BHD', minorDigits: 3 }));
    expect(bhd.totals.revenue.exact).toBe('1.001');
  });

  it('keeps fractional expected customers and sub-cent prices unrounded', () => {
    const p = projectRevenue(params({ customers: '2.5', price: '3', periods: 1 }));
    expect(p.rows[0].customers.exact).toBe('2.5');
    expect(p.totals.revenue.exact).toBe('7.50');
    const perCall = projectRevenue(params({ customers: '1000000', price: '0.002', periods: 1 }));
    expect(perCall.rows[0].price.exact).toBe('0.002');
    expect(perCall.totals.revenue.exact).toBe('2000.00');
  });
});

describe('findRangeProblem', () => {
  it('accepts ordinary inputs and the exact limit', () => {
    expect(findRangeProblem(params())).toBeNull();
    expect(findRangeProblem(params({ customers: '90071992547409.91', price: '1', periods: 1 }))).toBeNull();
  });
  it('flags totals beyond Number.MAX_SAFE_INTEGER minor units', () => {
    expect(findRangeProblem(params({ customers: '90071992547409.92', price: '1', periods: 1 }))).toBe('revenue');
    expect(findRangeProblem(params({ customers: '1000000000000', price: '1000000' }))).toBe('revenue');
    expect(findRangeProblem(params({ customers: '1000000000000', price: '1', cost: '1000000' }))).toBe('cost');
  });
  it('flags runaway growth', () => {
    expect(findRangeProblem(params({ growth: '100', periods: 1200 }))).toBe('revenue');
    expect(findRangeProblem(params({ price: '0', growth: '1000000', periods: 1200 }))).toBe('customers');
  });
});
