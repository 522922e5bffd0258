import Decimal from 'decimal.js';
import type { Money, Quantity } from './types';

/**
 * Private decimal.js configuration. 64 significant digits keeps products of
 * typical inputs (N × P × 10^digits, well under 64 digits together) exact
 * before they are rounded to minor units, and the relative error from
 * compounding growth over 1,200 periods stays near 1e-60, far below a minor
 * unit. Exponent notation is pushed out of range so toString() never prints
 * "1e+21".
 */
export const Dec = Decimal.clone({
  precision: 64,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -1000,
  toExpPos: 1000,
});
export type Dec = InstanceType<typeof Dec>;

/**
 * Rounding mode for money: ROUND_HALF_UP (halves away from zero, 0.125 → 0.13),
 * the same as spreadsheet ROUND(), which is what users cross-check totals with.
 * Only non-negative amounts are ever rounded (revenue and cost); profit is the
 * exact difference of two already-rounded amounts.
 */
export const MONEY_ROUNDING = Decimal.ROUND_HALF_UP;
export const MONEY_ROUNDING_NAME = 'half-up';

/** Largest count of minor units (cents) we add up and still show exactly as a JS number. */
export const MAX_SAFE_MINOR = BigInt(Number.MAX_SAFE_INTEGER);

/** Display precision for non-money quantities (fractional expected customers, unrounded prices). */
export const CUSTOMER_DECIMALS = 6;
export const PRICE_DECIMALS = 10;

/** Minor-unit digits from the platform's currency data (EUR 2, JPY 0, BHD 3). */
export function minorDigitsFor(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 10^digits, the number of minor units in one major unit. */
export function minorScale(minorDigits: number): Dec {
  return new Dec(10).pow(minorDigits);
}

/** Round an amount already expressed in minor units (e.g. 12.5 cents) to a whole number of them. */
export function roundMinor(amountInMinor: Dec): bigint {
  return BigInt(amountInMinor.toDecimalPlaces(0, MONEY_ROUNDING).toFixed(0));
}

/** Round a major-unit amount to whole minor units, with the documented mode. */
export function toMinor(amount: Dec, minorDigits: number): bigint {
  return roundMinor(amount.times(minorScale(minorDigits)));
}

/** Exact decimal string for minor units: 120000000n, 2 → "1200000.00"; never "-0.00". */
export function minorToExact(minor: bigint, minorDigits: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(minorDigits + 1, '0');
  const body = minorDigits === 0 ? digits : `${digits.slice(0, -minorDigits)}.${digits.slice(-minorDigits)}`;
  return negative ? `-${body}` : body;
}

export function moneyFromMinor(minor: bigint, minorDigits: number): Money {
  const exact = minorToExact(minor, minorDigits);
  return { exact, value: Number(exact) };
}

export function quantity(value: Dec, decimals: number): Quantity {
  const rounded = value.toDecimalPlaces(decimals, MONEY_ROUNDING);
  const exact = rounded.isZero() ? '0' : rounded.toFixed();
  return { exact, value: Number(exact) };
}

export function isSafeMinor(minor: bigint): boolean {
  return minor <= MAX_SAFE_MINOR && minor >= -MAX_SAFE_MINOR;
}
