import { CUSTOMER_DECIMALS, Dec, MAX_SAFE_MINOR, PRICE_DECIMALS, isSafeMinor, minorScale, moneyFromMinor, quantity, roundMinor } from './money';
import type { ParsedRevenueInputs, PeriodRow, Projection } from './types';

/** The subset of parsed inputs the projection reads (scenarios and sensitivity vary these). */
export type ProjectionParams = Pick<ParsedRevenueInputs, 'customers' | 'price' | 'periods' | 'currency' | 'minorDigits' | 'periodUnit' | 'growth' | 'churn' | 'priceChange' | 'cost'>;

interface PeriodStep {
  period: number;
  customers: Dec;
  price: Dec;
  revenueMinor: bigint;
  costMinor: bigint;
}

/**
 * Period-by-period model:
 *   N_1 = N
 *   percent growth g, churn c:  N_{t+1} = N_t × (1 + g − c)
 *   absolute growth a, churn c: N_{t+1} = N_t × (1 − c) + a
 *   N_t never goes below 0 (a business cannot have negative customers).
 *   P_t = P × (1 + p)^{t−1}  (not rounded: per-unit prices may be sub-cent)
 *   Revenue_t = round(N_t × P_t), Cost_t = round(N_t × k), to minor units.
 * Customers stay fractional (expected values); only money is rounded.
 */
function* periodSteps(p: ProjectionParams): Generator<PeriodStep> {
  const hundred = new Dec(100);
  const growth = new Dec(p.growth.value);
  const churn = new Dec(p.churn).div(hundred);
  const priceFactorStep = new Dec(1).plus(new Dec(p.priceChange).div(hundred));
  const cost = new Dec(p.cost);
  const basePrice = new Dec(p.price);
  const percentFactor = new Dec(1).plus(growth.div(hundred)).minus(churn);
  const keep = new Dec(1).minus(churn);
  const scale = minorScale(p.minorDigits);
  const costInMinor = cost.times(scale);
  const basePriceInMinor = basePrice.times(scale);

  let customers = new Dec(p.customers);
  let priceFactor = new Dec(1);
  for (let period = 1; period <= p.periods; period++) {
    yield {
      period,
      customers,
      price: basePrice.times(priceFactor),
      revenueMinor: roundMinor(customers.times(basePriceInMinor.times(priceFactor))),
      costMinor: roundMinor(customers.times(costInMinor)),
    };
    customers = p.growth.mode === 'percent' ? customers.times(percentFactor) : customers.times(keep).plus(growth);
    if (customers.isNegative()) customers = new Dec(0);
    priceFactor = priceFactor.times(priceFactorStep);
  }
}

/** Totals only, in minor units: what scenarios and sensitivity need, without building rows. */
export function projectTotalsMinor(p: ProjectionParams): { revenue: bigint; cost: bigint } {
  let revenue = 0n;
  let cost = 0n;
  for (const step of periodSteps(p)) {
    revenue += step.revenueMinor;
    cost += step.costMinor;
  }
  return { revenue, cost };
}

export function isSimpleModel(p: ProjectionParams): boolean {
  return new Dec(p.growth.value).isZero() && new Dec(p.churn).isZero() && new Dec(p.priceChange).isZero();
}

export function projectRevenue(p: ProjectionParams): Projection {
  const rows: PeriodRow[] = [];
  let cumRevenue = 0n;
  let cumCost = 0n;
  let withinSafeRange = true;
  const money = (minor: bigint) => moneyFromMinor(minor, p.minorDigits);
  for (const step of periodSteps(p)) {
    cumRevenue += step.revenueMinor;
    cumCost += step.costMinor;
    if (!isSafeMinor(cumRevenue) || !isSafeMinor(cumCost)) withinSafeRange = false;
    rows.push({
      period: step.period,
      customers: quantity(step.customers, CUSTOMER_DECIMALS),
      price: quantity(step.price, PRICE_DECIMALS),
      revenue: money(step.revenueMinor),
      cost: money(step.costMinor),
      profit: money(step.revenueMinor - step.costMinor),
      cumulativeRevenue: money(cumRevenue),
      cumulativeCost: money(cumCost),
      cumulativeProfit: money(cumRevenue - cumCost),
    });
  }
  return {
    currency: p.currency,
    minorDigits: p.minorDigits,
    periodUnit: p.periodUnit,
    periods: p.periods,
    rows,
    totals: { revenue: money(cumRevenue), cost: money(cumCost), profit: money(cumRevenue - cumCost) },
    simple: isSimpleModel(p),
    withinSafeRange,
  };
}

export type RangeProblem = 'revenue' | 'cost' | 'customers';

/**
 * Which quantity (if any) grows past what we can count exactly: cumulative
 * revenue or cost above Number.MAX_SAFE_INTEGER minor units, or customers
 * above Number.MAX_SAFE_INTEGER. Stops at the first period that does, so
 * runaway growth (e.g. +100% for 1,200 periods) is rejected quickly.
 */
export function findRangeProblem(p: ProjectionParams): RangeProblem | null {
  const maxCustomers = new Dec(Number.MAX_SAFE_INTEGER);
  let cumRevenue = 0n;
  let cumCost = 0n;
  for (const step of periodSteps(p)) {
    if (step.customers.greaterThan(maxCustomers)) return 'customers';
    cumRevenue += step.revenueMinor;
    cumCost += step.costMinor;
    if (cumRevenue > MAX_SAFE_MINOR) return 'revenue';
    if (cumCost > MAX_SAFE_MINOR) return 'cost';
  }
  return null;
}
