import { describe, expect, it } from 'vitest';
import { projectionToCsv } from './csv';
import { projectRevenue } from './projection';

describe('projectionToCsv', () => {
  it('exports the period table with a header row and exact values', () => {
    const p = projectRevenue({
      customers: '1000',
      price: '100',
      periods: 12,
      currency: 'EUR',
      minorDigits: 2,
      periodUnit: 'month',
      growth: { mode: 'percent', value: '0' },
      churn: '0',
      priceChange: '0',
      cost: '25.5',
    });
    const lines = projectionToCsv(p).trimEnd().split('\r\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toBe('Period (month),Customers,Price (EUR),Revenue (EUR),Cost (EUR),Profit (EUR),Cumulative revenue (EUR),Cumulative cost (EUR),Cumulative profit (EUR)');
    expect(lines[1]).toBe('1,1000,100,100000.00,25500.00,74500.00,100000.00,25500.00,74500.00');
    expect(lines[12]).toBe('12,1000,100,100000.00,25500.00,74500.00,1200000.00,306000.00,894000.00');
  });
});
