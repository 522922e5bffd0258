// Default and stored revenue inputs (strings as typed), without the decimal arithmetic: the notebook
// document needs these at start-up, and they must not pull decimal.js into the initial JavaScript.
import { isGrowthMode, isPeriodUnit, type RevenueInputs, type ScenarioOverrides } from './types';

export const DEFAULT_CURRENCY = 'EUR';
export const DEFAULT_SENSITIVITY_PERCENT = '20';

const emptyOverrides = (): ScenarioOverrides => ({ customers: '', price: '', growth: '', churn: '' });

/** N = 1,000 customers × P = 100 EUR per month × T = 12 months, no growth or churn. */
export function defaultRevenueInputs(): RevenueInputs {
  return {
    customers: '1000',
    price: '100',
    periods: '12',
    currency: DEFAULT_CURRENCY,
    periodUnit: 'month',
    growth: { mode: 'percent', value: '0' },
    churn: '0',
    priceChange: '0',
    cost: '0',
    locale: '',
    sensitivityPercent: DEFAULT_SENSITIVITY_PERCENT,
    scenarios: { low: emptyOverrides(), high: emptyOverrides() },
    model: null,
  };
}

/**
 * Turn an untrusted stored document (notebook JSON) into RevenueInputs: every
 * known field that is a string is kept verbatim (even if invalid, so the user
 * sees and fixes it), anything missing or of the wrong type gets the default.
 */
export function coerceRevenueInputs(doc: unknown): RevenueInputs {
  const d = defaultRevenueInputs();
  if (!isRecord(doc)) return d;
  const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  const growth = isRecord(doc.growth) ? doc.growth : {};
  const scenarios = isRecord(doc.scenarios) ? doc.scenarios : {};
  const overrides = (v: unknown): ScenarioOverrides => {
    const o = isRecord(v) ? v : {};
    return { customers: str(o.customers, ''), price: str(o.price, ''), growth: str(o.growth, ''), churn: str(o.churn, '') };
  };
  const model = isRecord(doc.model)
    ? {
        classLabel: str(doc.model.classLabel, ''),
        conversionRate: str(doc.model.conversionRate, ''),
        populationScale: str(doc.model.populationScale, ''),
      }
    : null;
  return {
    customers: str(doc.customers, d.customers),
    price: str(doc.price, d.price),
    periods: str(doc.periods, d.periods),
    currency: str(doc.currency, d.currency),
    periodUnit: isPeriodUnit(doc.periodUnit) ? doc.periodUnit : d.periodUnit,
    growth: {
      mode: isGrowthMode(growth.mode) ? growth.mode : d.growth.mode,
      value: str(growth.value, d.growth.value),
    },
    churn: str(doc.churn, d.churn),
    priceChange: str(doc.priceChange, d.priceChange),
    cost: str(doc.cost, d.cost),
    locale: str(doc.locale, ''),
    sensitivityPercent: str(doc.sensitivityPercent, DEFAULT_SENSITIVITY_PERCENT),
    scenarios: { low: overrides(scenarios.low), high: overrides(scenarios.high) },
    model,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
