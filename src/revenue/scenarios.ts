import { Dec } from './money';
import { projectRevenue, type ProjectionParams } from './projection';
import type { ParsedRevenueInputs, ParsedScenarioOverrides, Projection } from './types';

export type ScenarioKey = 'low' | 'base' | 'high';

/**
 * Default scenario rules, used for each value the user left blank:
 *  - customers N: low 80% of base, high 120%;
 *  - growth: low = base − |base|/2, high = base + |base|/2 (half as much / 1.5×
 *    as much growth; stays "worse"/"better" even when growth is negative),
 *    percent growth never below −100%;
 *  - churn: low 1.5× base (max 100%), high 0.5× base;
 *  - price P: unchanged, because price is the seller's decision, not market uncertainty.
 * Other inputs (T, price change, cost) are always the base values.
 */
export const SCENARIO_DEFAULTS = {
  low: { customersFactor: '0.8', growthShift: '-0.5', churnFactor: '1.5' },
  high: { customersFactor: '1.2', growthShift: '0.5', churnFactor: '0.5' },
} as const;

export interface ScenarioResult {
  key: ScenarioKey;
  label: string;
  params: ProjectionParams;
  /** Which of N, P, growth, churn came from a user override rather than a default rule. */
  overridden: Record<keyof ParsedScenarioOverrides, boolean>;
  projection: Projection;
}

function canonical(d: Dec): string {
  return d.isZero() ? '0' : d.toFixed();
}

export function resolveScenario(parsed: ParsedRevenueInputs, key: ScenarioKey): ProjectionParams {
  const base: ProjectionParams = {
    customers: parsed.customers,
    price: parsed.price,
    periods: parsed.periods,
    currency: parsed.currency,
    minorDigits: parsed.minorDigits,
    periodUnit: parsed.periodUnit,
    growth: { ...parsed.growth },
    churn: parsed.churn,
    priceChange: parsed.priceChange,
    cost: parsed.cost,
  };
  if (key === 'base') return base;
  const rule = SCENARIO_DEFAULTS[key];
  const o = parsed.scenarios[key];
  const growth = new Dec(parsed.growth.value);
  let defaultGrowth = growth.plus(growth.abs().times(rule.growthShift));
  if (parsed.growth.mode === 'percent') defaultGrowth = Dec.max(defaultGrowth, -100);
  const defaultChurn = Dec.min(new Dec(parsed.churn).times(rule.churnFactor), 100);
  return {
    ...base,
    customers: o.customers ?? canonical(new Dec(parsed.customers).times(rule.customersFactor)),
    price: o.price ?? parsed.price,
    growth: { mode: parsed.growth.mode, value: o.growth ?? canonical(defaultGrowth) },
    churn: o.churn ?? canonical(defaultChurn),
  };
}

const LABELS: Record<ScenarioKey, string> = { low: 'Low', base: 'Base', high: 'High' };

/** Low, base and high projections, in that order (for side-by-side display). */
export function projectScenarios(parsed: ParsedRevenueInputs): ScenarioResult[] {
  return (['low', 'base', 'high'] as const).map((key) => {
    const params = resolveScenario(parsed, key);
    const o = key === 'base' ? null : parsed.scenarios[key];
    return {
      key,
      label: LABELS[key],
      params,
      overridden: {
        customers: o?.customers != null,
        price: o?.price != null,
        growth: o?.growth != null,
        churn: o?.churn != null,
      },
      projection: projectRevenue(params),
    };
  });
}
