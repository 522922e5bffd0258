import { describe, expect, it } from 'vitest';
import { defaultRevenueInputs, parseRevenueInputs } from './inputs';
import { sensitivity } from './sensitivity';
import type { ParsedRevenueInputs, RevenueInputs } from './types';

function parsed(over: Partial<RevenueInputs>): ParsedRevenueInputs {
  const r = parseRevenueInputs({ ...defaultRevenueInputs(), ...over });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

describe('sensitivity (tornado)', () => {
  it('varies each input by ±20% holding the others, for the worked example', () => {
    const s = sensitivity(parsed({}));
    expect(s.baseRevenue.exact).toBe('1200000.00');
    const bar = (input: string) => {
      const b = s.bars.find((x) => x.input === input);
      if (!b) throw new Error(input);
      return b;
    };
    expect([bar('customers').low, bar('customers').high]).toEqual(['800', '1200']);
    expect([bar('customers').revenueLow.exact, bar('customers').revenueHigh.exact]).toEqual(['960000.00', '1440000.00']);
    expect(bar('customers').revenueSwing.exact).toBe('480000.00');
    expect([bar('price').low, bar('price').high]).toEqual(['80', '120']);
    // T: round(12 × 20%) = 2 periods
    expect([bar('periods').low, bar('periods').high]).toEqual(['10', '14']);
    expect(bar('periods').revenueSwing.exact).toBe('400000.00');
    // zero rates move by ±1 percentage point; churn cannot go below 0
    expect([bar('growth').low, bar('growth').high]).toEqual(['-1', '1']);
    expect([bar('churn').low, bar('churn').high]).toEqual(['0', '1']);
    expect(bar('churn').step).toMatch(/percentage point/);
    expect([bar('priceChange').low, bar('priceChange').high]).toEqual(['-1', '1']);
    // zero cost moves by ±20% of the price: revenue unchanged, profit swings
    expect([bar('cost').low, bar('cost').high]).toEqual(['0', '20']);
    expect(bar('cost').revenueSwing.exact).toBe('0.00');
    expect(bar('cost').profitSwing.exact).toBe('240000.00');
  });

  it('sorts by revenue swing, then profit swing, then input order', () => {
    const s = sensitivity(parsed({}));
    expect(s.bars.map((b) => b.input)).toEqual(['customers', 'price', 'periods', 'growth', 'priceChange', 'churn', 'cost']);
    for (let i = 1; i < s.bars.length; i++) {
      expect(s.bars[i - 1].revenueSwing.value).toBeGreaterThanOrEqual(s.bars[i].revenueSwing.value);
    }
  });

  it('ranks periods and growth above N and P when compounding dominates', () => {
    const s = sensitivity(parsed({ growth: { mode: 'percent', value: '10' }, periods: '60' }));
    expect(s.bars.slice(0, 2).map((b) => b.input)).toEqual(['periods', 'growth']);
    const [periods, growth] = s.bars;
    expect([periods.low, periods.high]).toEqual(['48', '72']);
    expect([growth.low, growth.high]).toEqual(['8', '12']);
    // geometric sums: N·P·(1.1^72 − 1.1^48)/0.1 and N·P·[(1.12^60 − 1)/0.12 − (1.08^60 − 1)/0.08]
    expect(periods.revenueSwing.value / (1e5 * ((1.1 ** 72 - 1.1 ** 48) / 0.1))).toBeCloseTo(1, 9);
    expect(growth.revenueSwing.value / (1e5 * ((1.12 ** 60 - 1) / 0.12 - (1.08 ** 60 - 1) / 0.08))).toBeCloseTo(1, 9);
  });

  it('ranks by profit swing when asked', () => {
    const s = sensitivity(parsed({ cost: '90' }), '20', 'profit');
    expect(s.sortBy).toBe('profit');
    // profit = N × (P − k) × T: cost ±18 moves profit by 2 × 18 × 12,000 = 432,000, more than N (±20% of 120,000)
    expect(s.bars.map((b) => b.input).slice(0, 2)).toEqual(['price', 'cost']);
    expect(s.bars[1].profitSwing.exact).toBe('432000.00');
    expect(s.baseProfit.exact).toBe('120000.00');
  });

  it('honours a custom step and the documented edge steps', () => {
    const s = sensitivity(parsed({}), '50');
    expect(s.bars.find((b) => b.input === 'customers')?.low).toBe('500');
    const one = sensitivity(parsed({ periods: '1' }));
    const t = one.bars.find((b) => b.input === 'periods');
    expect([t?.low, t?.high]).toEqual(['1', '2']);
    const abs = sensitivity(parsed({ growth: { mode: 'absolute', value: '0' } }));
    const g = abs.bars.find((b) => b.input === 'growth');
    expect([g?.low, g?.high]).toEqual(['-10', '10']); // ±1% of N = 1000
  });
});
