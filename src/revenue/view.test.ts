import { describe, expect, it } from 'vitest';
import { projectionToCsv } from './csv';
import { defaultRevenueInputs } from './inputs';
import type { RevenueInputs } from './types';
import { buildRevenueView, buildRevenueModelView } from './view';

const en = (over: Partial<RevenueInputs> = {}): RevenueInputs => ({ ...defaultRevenueInputs(), locale: 'en-US', ...over });

describe('buildRevenueView', () => {
  it('formats the worked example for the panel', () => {
    const v = buildRevenueView(en());
    const r = v.result;
    if (!r) throw new Error('expected a result');
    expect(v.errors).toEqual([]);
    expect(r.total).toBe('€1,200,000.00');
    expect(r.formula).toBe('R = N × P × T = 1,000 × 100 × 12 = 1,200,000');
    expect(r.chart).toHaveLength(12);
    expect(r.chart[11]).toEqual({ period: 12, name: 'Month 12', cumulativeRevenue: 1_200_000, cumulativeCost: 0, cumulativeProfit: 1_200_000 });
    expect(r.table.caption).toBe('Revenue, cost and profit per month in EUR over 12 months');
    expect(r.table.rows[0]).toEqual(['1', '1,000', '€100.00', '€100,000.00', '€0.00', '€100,000.00', '€100,000.00', '€0.00', '€100,000.00']);
    expect(r.scenarios.map((s) => [s.label, s.revenue])).toEqual([
      ['Low', '€960,000.00'],
      ['Base', '€1,200,000.00'],
      ['High', '€1,440,000.00'],
    ]);
    expect(r.scenarios[0].facts[0]).toEqual({ term: 'Customers (N)', value: '800', note: '80% of base' });
    expect(r.tornado.revenue.rows).toHaveLength(7);
    expect(r.tornado.revenue.rows[0]).toMatchObject({ label: 'Customers (N)', low: '800', high: '1,200', lowDelta: -240_000, highDelta: 240_000 });
    expect(r.tornado.revenue.base).toBe('€1,200,000.00');
    // Ranked by profit, cost (0 → ±20% of the price) moves up to fourth with a 240,000 swing.
    expect(r.tornado.profit.rows.map((t) => t.input).slice(0, 4)).toEqual(['customers', 'price', 'periods', 'cost']);
    expect(r.tornado.profit.rows[3]).toMatchObject({ low: '€0.00', high: '€20.00', lowDelta: 0, highDelta: -240_000 });
    expect(r.tornado.revenue.rows.at(-1)?.input).toBe('cost');
    expect(r.csv()).toBe(projectionToCsv(r.projection));
    expect(r.formatAxisMoney(1_200_000)).toBe('€1.2M');
    expect(r.fileBaseName).toBe('revenue-eur-12-months');
    expect(v.model).toBeNull();
  });

  it('keeps errors per field and no result when invalid', () => {
    const v = buildRevenueView(en({ customers: '-1', price: 'abc' }));
    expect(v.result).toBeNull();
    expect(v.fieldErrors.customers).toMatch(/can't be negative/);
    expect(v.fieldErrors.price).toMatch(/not a number/);
  });

  it('builds the model tie-in alone equal to the full view (the panel keeps the projection across results)', () => {
    const model = {
      labels: ['stay', 'churn'],
      matrix: [
        [80, 20],
        [10, 90],
      ],
    };
    expect(buildRevenueModelView(model, en())).toEqual(buildRevenueView(en(), model).model);
    const other = {
      labels: ['stay', 'churn'],
      matrix: [
        [50, 50],
        [5, 95],
      ],
    };
    expect(buildRevenueModelView(other, en()).customersText).not.toBe(buildRevenueModelView(model, en()).customersText);
  });

  it('builds the model tie-in, defaulting class and conversion', () => {
    const v = buildRevenueView(en(), {
      labels: ['stay', 'churn'],
      matrix: [
        [80, 20],
        [10, 90],
      ],
    });
    expect(v.model?.classLabel).toBe('churn');
    expect(v.model?.conversionRate).toBe('10');
    // predicted churn 110 × precision 90/110 = 90 TP × 10% = 9
    expect(v.model?.customersText).toBe('9');
    expect(v.model?.metricsText).toBe('Class “churn”: predicted 110 times, precision 81.8%, recall 90% on 200 evaluation cases.');
    const bad = buildRevenueView(en({ model: { classLabel: 'churn', conversionRate: 'lots', populationScale: '1' } }), {
      labels: ['stay', 'churn'],
      matrix: [
        [80, 20],
        [10, 90],
      ],
    });
    expect(bad.model?.customersText).toBeNull();
    expect(bad.model?.errors.conversionRate).toMatch(/between 0 and 100/);
  });
});
