import { Dec, moneyFromMinor } from './money';
import { projectTotalsMinor, type ProjectionParams } from './projection';
import { resolveScenario } from './scenarios';
import { MAX_PERIODS } from './inputs';
import type { Money, ParsedRevenueInputs } from './types';

export type SensitivityInput = 'customers' | 'price' | 'periods' | 'growth' | 'churn' | 'priceChange' | 'cost';

/** Order used to break ties, so equal swings always list the same way. */
export const SENSITIVITY_INPUTS: readonly SensitivityInput[] = ['customers', 'price', 'periods', 'growth', 'churn', 'priceChange', 'cost'];

/** Rates (growth %, churn, price change) that are 0 move by ±1 percentage point instead of ±X% of 0. */
export const ZERO_RATE_STEP_POINTS = '1';
/** Absolute growth of 0 moves by ±1% of the starting customers per period (the absolute twin of 1 point). */
export const ZERO_ABSOLUTE_GROWTH_SHARE = '0.01';

export interface SensitivityBar {
  input: SensitivityInput;
  label: string;
  /** Base, lowered and raised input values (canonical decimal strings, in the input's own units). */
  base: string;
  low: string;
  high: string;
  /** How the step was chosen, for the tooltip / table. */
  step: string;
  revenueLow: Money;
  revenueHigh: Money;
  profitLow: Money;
  profitHigh: Money;
  /** |revenueHigh − revenueLow|, the bar length when ranking by revenue. */
  revenueSwing: Money;
  profitSwing: Money;
}

export interface SensitivityResult {
  percent: string;
  sortBy: SensitivityMetric;
  baseRevenue: Money;
  baseProfit: Money;
  /** Ranked by `sortBy`: largest swing first; the other metric's swing, then input order, break ties. */
  bars: SensitivityBar[];
}

const LABELS: Record<SensitivityInput, string> = {
  customers: 'Customers (N)',
  price: 'Price (P)',
  periods: 'Periods (T)',
  growth: 'Growth',
  churn: 'Churn',
  priceChange: 'Price change',
  cost: 'Cost per customer',
};

function str(d: Dec): string {
  return d.isZero() ? '0' : d.toFixed();
}

interface Variation {
  low: string;
  high: string;
  step: string;
}

/** Relative ±fraction of a value; clamps keep the varied value valid. */
function relative(value: string, fraction: Dec, min?: Dec, max?: Dec): Variation {
  const v = new Dec(value);
  const delta = v.abs().times(fraction);
  let low = v.minus(delta);
  let high = v.plus(delta);
  if (min) low = Dec.max(low, min);
  if (max) high = Dec.min(high, max);
  return { low: str(low), high: str(high), step: `±${str(fraction.times(100))}%` };
}

function absolute(value: string, delta: Dec, step: string, min?: Dec, max?: Dec): Variation {
  const v = new Dec(value);
  let low = v.minus(delta);
  let high = v.plus(delta);
  if (min) low = Dec.max(low, min);
  if (max) high = Dec.min(high, max);
  return { low: str(low), high: str(high), step };
}

function rate(value: string, fraction: Dec, min?: Dec, max?: Dec): Variation {
  return new Dec(value).isZero() ? absolute(value, new Dec(ZERO_RATE_STEP_POINTS), `±${ZERO_RATE_STEP_POINTS} percentage point (base is 0)`, min, max) : relative(value, fraction, min, max);
}

/**
 * Each input varied by ±X% with the others held at base:
 *  - N, P: relative, never below 0;
 *  - cost: relative; a cost of 0 moves by ±X% of the price (clamped at 0) so its
 *    bar still shows what costs would do to profit;
 *  - T: ±max(1, round(X% of T)) whole periods, within 1…1200;
 *  - growth, churn, price change: relative, or ±1 percentage point when 0;
 *    absolute growth of 0 moves by ±1% of N per period; churn stays in 0–100,
 *    growth % and price change stay ≥ −100.
 */
export type SensitivityMetric = 'revenue' | 'profit';

export function sensitivity(parsed: ParsedRevenueInputs, percent: string = parsed.sensitivityPercent, sortBy: SensitivityMetric = 'revenue'): SensitivityResult {
  const base = resolveScenario(parsed, 'base');
  const fraction = new Dec(percent).div(100);
  const zero = new Dec(0);
  const minus100 = new Dec(-100);
  const money = (minor: bigint) => moneyFromMinor(minor, parsed.minorDigits);
  const baseTotals = projectTotalsMinor(base);

  const variations: Record<SensitivityInput, Variation> = {
    customers: relative(base.customers, fraction, zero),
    price: relative(base.price, fraction, zero),
    cost: new Dec(base.cost).isZero()
      ? absolute(base.cost, new Dec(base.price).times(fraction), `±${str(fraction.times(100))}% of the price (base cost is 0)`, zero)
      : relative(base.cost, fraction, zero),
    periods: (() => {
      const delta = Dec.max(1, new Dec(base.periods).times(fraction).toDecimalPlaces(0, Dec.ROUND_HALF_UP));
      return absolute(String(base.periods), delta, `±${str(delta)} periods`, new Dec(1), new Dec(MAX_PERIODS));
    })(),
    growth:
      base.growth.mode === 'percent'
        ? rate(base.growth.value, fraction, minus100)
        : new Dec(base.growth.value).isZero()
          ? absolute(base.growth.value, new Dec(base.customers).times(ZERO_ABSOLUTE_GROWTH_SHARE), '±1% of starting customers per period (base is 0)')
          : relative(base.growth.value, fraction),
    churn: rate(base.churn, fraction, zero, new Dec(100)),
    priceChange: rate(base.priceChange, fraction, minus100),
  };

  const withValue = (input: SensitivityInput, value: string): ProjectionParams => {
    switch (input) {
      case 'periods':
        return { ...base, periods: Number(value) };
      case 'growth':
        return { ...base, growth: { mode: base.growth.mode, value } };
      default:
        return { ...base, [input]: value };
    }
  };

  const bars: SensitivityBar[] = SENSITIVITY_INPUTS.map((input) => {
    const v = variations[input];
    const lo = projectTotalsMinor(withValue(input, v.low));
    const hi = projectTotalsMinor(withValue(input, v.high));
    const abs = (x: bigint) => (x < 0n ? -x : x);
    return {
      input,
      label: LABELS[input],
      base: input === 'periods' ? String(base.periods) : input === 'growth' ? base.growth.value : base[input],
      low: v.low,
      high: v.high,
      step: v.step,
      revenueLow: money(lo.revenue),
      revenueHigh: money(hi.revenue),
      profitLow: money(lo.revenue - lo.cost),
      profitHigh: money(hi.revenue - hi.cost),
      revenueSwing: money(abs(hi.revenue - lo.revenue)),
      profitSwing: money(abs(hi.revenue - hi.cost - (lo.revenue - lo.cost))),
    };
  });
  return {
    percent,
    sortBy,
    baseRevenue: money(baseTotals.revenue),
    baseProfit: money(baseTotals.revenue - baseTotals.cost),
    bars: rankSensitivityBars(bars, sortBy),
  };
}

/**
 * Largest swing in `metric` first; the other metric's swing, then the fixed
 * input order, break ties so equal bars always list the same way.
 */
export function rankSensitivityBars(bars: readonly SensitivityBar[], metric: SensitivityMetric): SensitivityBar[] {
  const swings = (bar: SensitivityBar) => (metric === 'revenue' ? [bar.revenueSwing, bar.profitSwing] : [bar.profitSwing, bar.revenueSwing]);
  return [...bars].sort((a, b) => {
    const [a1, a2] = swings(a);
    const [b1, b2] = swings(b);
    const c1 = new Dec(b1.exact).comparedTo(a1.exact);
    if (c1 !== 0) return c1;
    const c2 = new Dec(b2.exact).comparedTo(a2.exact);
    if (c2 !== 0) return c2;
    return SENSITIVITY_INPUTS.indexOf(a.input) - SENSITIVITY_INPUTS.indexOf(b.input);
  });
}
