import { numberFormat } from '../lib/format';
import { Dec } from './money';

/**
 * Display formatting. Everything goes through Intl.NumberFormat (cached in lib/format) with exact
 * decimal strings (ES2023 formats "1200000.10" without a float round trip),
 * and every entry point guards against the strings "NaN", "Infinity" and "-0".
 */

export const PLACEHOLDER = '—';

type Numeric = string | number;

/** Canonical exact string, or null for anything that is not a finite number. */
function toExact(value: Numeric): `${number}` | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // Avoid "-0" and floats' exponent notation ("1e+21" is not a StringNumericLiteral Intl handles well).
    return (value === 0 ? '0' : new Dec(value).toFixed()) as `${number}`;
  }
  if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
  const d = new Dec(value);
  return (d.isZero() ? '0' : d.toFixed()) as `${number}`;
}

function safeFormat(nf: Intl.NumberFormat, value: Numeric): string {
  const exact = toExact(value);
  if (exact === null) return PLACEHOLDER;
  const out = nf.format(exact);
  // Belt and braces: a platform that ignores string input would give these.
  return /NaN|Infinity|∞/.test(out) ? PLACEHOLDER : out;
}

/** Currency amount, e.g. ("1200000.00", "EUR", "en-US") → "€1,200,000.00". */
export function formatMoney(value: Numeric, currency: string, locale?: string): string {
  return safeFormat(numberFormat(locale, { style: 'currency', currency }), value);
}

/**
 * A unit price: the currency's usual digits, but up to 6 decimals when the
 * price really has them (per-call pricing such as €0.002 must not show €0.00).
 */
export function formatPrice(value: Numeric, currency: string, locale?: string): string {
  return safeFormat(numberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 6 }), value);
}

/** Short money for chart axes, e.g. "€1.2M" or "€2.25M" (2 digits so nice tick values are not misrounded). */
export function formatMoneyCompact(value: Numeric, currency: string, locale?: string): string {
  return safeFormat(numberFormat(locale, { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 2 }), value);
}

/** Plain grouped number, up to `maxFractionDigits` decimals, e.g. "1,000" or "0.1". */
export function formatNumber(value: Numeric, locale?: string, maxFractionDigits = 20): string {
  return safeFormat(numberFormat(locale, { maximumFractionDigits: maxFractionDigits }), value);
}

/**
 * A money total for formulas: no decimals when whole ("1,200,000"), otherwise
 * the currency's full minor digits ("1,200,000.50", not "1,200,000.5").
 */
export function formatTotalPlain(exact: string, minorDigits: number, locale?: string): string {
  const exactValue = toExact(exact);
  if (exactValue === null) return PLACEHOLDER;
  const whole = new Dec(exactValue).isInteger();
  const digits = whole ? 0 : minorDigits;
  return safeFormat(numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }), exactValue);
}

/** Percent given in percent units: ("5", locale) → "5%". */
export function formatPercent(percent: Numeric, locale?: string, maxFractionDigits = 6): string {
  const exact = toExact(percent);
  if (exact === null) return PLACEHOLDER;
  // Intl's percent style places the sign per locale ("5 %" in French).
  const fraction = new Dec(exact).div(100).toFixed();
  return safeFormat(numberFormat(locale, { style: 'percent', maximumFractionDigits: maxFractionDigits }), fraction);
}
