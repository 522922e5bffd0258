import { formatNumber, formatTotalPlain } from './format';
import { Dec } from './money';
import type { ProjectionParams } from './projection';
import type { Projection } from './types';

/**
 * The revenue formula spelled out with the user's numbers.
 *  - no growth, churn or price change: "R = N × P × T = 1,000 × 100 × 12 = 1,200,000";
 *    when rounding each period to the minor unit changes the result (sub-cent
 *    N × P), the exact product is shown and then the rounded total;
 *  - otherwise the per-period sum with the recurrence for N_t and P_t.
 * Default locale is en-US so runner output is stable across machines.
 */
export function revenueFormula(p: ProjectionParams, projection: Projection, locale = 'en-US'): string {
  const num = (v: string | number) => formatNumber(v, locale);
  const total = formatTotalPlain(projection.totals.revenue.exact, projection.minorDigits, locale);
  const roundingNote = `each ${p.periodUnit}'s revenue rounded to ${roundingUnit(projection.minorDigits)}`;
  if (projection.simple) {
    const exact = new Dec(p.customers).times(p.price).times(p.periods);
    const head = `R = N × P × T = ${num(p.customers)} × ${num(p.price)} × ${num(p.periods)}`;
    return exact.equals(projection.totals.revenue.exact) ? `${head} = ${total}` : `${head} = ${num(exact.toFixed())} ≈ ${total} (${roundingNote})`;
  }
  const g = new Dec(p.growth.value);
  const c = new Dec(p.churn);
  const pc = new Dec(p.priceChange);
  const signed = (d: Dec, suffix: string) => `${d.isNegative() ? '−' : '+'} ${num(d.abs().toFixed())}${suffix}`;
  let next: string;
  let canHitZero: boolean;
  if (p.growth.mode === 'percent') {
    const terms = [g.isZero() ? '' : ` ${signed(g, '%')}`, c.isZero() ? '' : ` − ${num(c.toFixed())}%`].join('');
    next = `N_(t+1) = N_t × (1${terms})`;
    canHitZero = new Dec(1).plus(g.div(100)).minus(c.div(100)).lessThanOrEqualTo(0);
  } else {
    const keep = c.isZero() ? 'N_t' : `N_t × (1 − ${num(c.toFixed())}%)`;
    next = g.isZero() ? `N_(t+1) = ${keep}` : `N_(t+1) = ${keep} ${signed(g, '')}`;
    canHitZero = g.isNegative() || c.equals(100);
  }
  const price = pc.isZero() ? `P_t = ${num(p.price)}` : `P_t = ${num(p.price)} × (1 ${signed(pc, '%')})^(t − 1)`;
  const floor = canHitZero ? ' (never below 0)' : '';
  return `R = sum of N_t × P_t for t = 1 … ${num(p.periods)}, where N_1 = ${num(p.customers)}, ` + `${next}${floor} and ${price}; R = ${total} (${roundingNote})`;
}

function roundingUnit(minorDigits: number): string {
  if (minorDigits === 0) return 'a whole unit';
  if (minorDigits === 2) return 'the cent';
  return `${minorDigits} decimals`;
}
