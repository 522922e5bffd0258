import { describe, expect, it } from 'vitest';
import { defaultRevenueInputs, parseRevenueInputs } from './inputs';
import { projectScenarios, resolveScenario } from './scenarios';
import type { ParsedRevenueInputs, RevenueInputs } from './types';

function parsed(over: Partial<RevenueInputs>): ParsedRevenueInputs {
  const r = parseRevenueInputs({ ...defaultRevenueInputs(), ...over });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

describe('scenario defaults', () => {
  it('low: 80% of N, half the growth, 1.5× churn; high: 120% of N, 1.5× growth, half the churn; same price', () => {
    const p = parsed({ growth: { mode: 'percent', value: '4' }, churn: '2' });
    const low = resolveScenario(p, 'low');
    const high = resolveScenario(p, 'high');
    expect([low.customers, low.growth.value, low.churn, low.price]).toEqual(['800', '2', '3', '100']);
    expect([high.customers, high.growth.value, high.churn, high.price]).toEqual(['1200', '6', '1', '100']);
    expect(resolveScenario(p, 'base')).toMatchObject({ customers: '1000', growth: { value: '4' }, churn: '2' });
  });

  it('keeps "low" worse than base when growth is negative', () => {
    const p = parsed({ growth: { mode: 'percent', value: '-4' } });
    expect(resolveScenario(p, 'low').growth.value).toBe('-6');
    expect(resolveScenario(p, 'high').growth.value).toBe('-2');
  });

  it('clamps percent growth at −100% and churn at 100%', () => {
    const p = parsed({ growth: { mode: 'percent', value: '-80' }, churn: '80' });
    expect(resolveScenario(p, 'low').growth.value).toBe('-100');
    expect(resolveScenario(p, 'low').churn).toBe('100');
  });

  it('scales absolute growth too', () => {
    const p = parsed({ growth: { mode: 'absolute', value: '50' } });
    expect(resolveScenario(p, 'low').growth).toEqual({ mode: 'absolute', value: '25' });
    expect(resolveScenario(p, 'high').growth).toEqual({ mode: 'absolute', value: '75' });
  });
});

describe('projectScenarios', () => {
  it('returns low, base, high side by side with ordered totals', () => {
    const s = projectScenarios(parsed({ growth: { mode: 'percent', value: '3' }, churn: '1' }));
    expect(s.map((x) => x.key)).toEqual(['low', 'base', 'high']);
    const [low, base, high] = s.map((x) => x.projection.totals.revenue.value);
    expect(low).toBeLessThan(base);
    expect(base).toBeLessThan(high);
  });

  it('uses overrides where typed and marks them', () => {
    const d = defaultRevenueInputs();
    const s = projectScenarios(parsed({ scenarios: { low: { ...d.scenarios.low, customers: '500', price: '90' }, high: d.scenarios.high } }));
    expect(s[0].params.customers).toBe('500');
    expect(s[0].params.price).toBe('90');
    expect(s[0].overridden).toEqual({ customers: true, price: true, growth: false, churn: false });
    expect(s[0].projection.totals.revenue.exact).toBe('540000.00'); // 500 × 90 × 12
    expect(s[2].projection.totals.revenue.exact).toBe('1440000.00'); // 1200 × 100 × 12
  });
});
