// Shared types for the revenue projection domain. Kept in one file so the
// modules that depend on each other's shapes (inputs ↔ projection ↔ scenarios)
// never import each other in a cycle.

export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const PERIOD_UNITS: readonly PeriodUnit[] = ['day', 'week', 'month', 'quarter', 'year'];

/** 'percent': growth is % of current customers per period; 'absolute': new customers per period. */
export type GrowthMode = 'percent' | 'absolute';
export const GROWTH_MODES: readonly GrowthMode[] = ['percent', 'absolute'];

export function isPeriodUnit(v: unknown): v is PeriodUnit {
  return (PERIOD_UNITS as readonly unknown[]).includes(v);
}
export function isGrowthMode(v: unknown): v is GrowthMode {
  return (GROWTH_MODES as readonly unknown[]).includes(v);
}

/**
 * Low/high scenario overrides, as typed. An empty string means "use the
 * default rule" (see scenarios.ts), so users only type what they disagree with.
 */
export interface ScenarioOverrides {
  customers: string;
  price: string;
  growth: string;
  churn: string;
}

/** Link from a trained classifier to N (see from-model.ts); all strings as typed. */
export interface ModelLinkInputs {
  /** Class whose positives are potential customers; '' = default class. */
  classLabel: string;
  /** Percent of correctly found positives that become paying customers. */
  conversionRate: string;
  /** Production population ÷ evaluation-set size; '' or '1' = no scaling. */
  populationScale: string;
}

/**
 * The user's raw inputs exactly as typed. Strings (not numbers) so that
 * "1,000", "" or "12.5" survive a round trip through the store and invalid
 * text is never silently replaced.
 */
export interface RevenueInputs {
  customers: string;
  price: string;
  periods: string;
  /** ISO 4217 code; default EUR. */
  currency: string;
  periodUnit: PeriodUnit;
  growth: { mode: GrowthMode; value: string };
  /** Percent of customers lost per period, 0–100. */
  churn: string;
  /** Percent price change per period (compounding), ≥ −100. */
  priceChange: string;
  /** Cost per customer per period, in the currency. */
  cost: string;
  /** BCP 47 tag for number formatting; '' or absent = browser default. */
  locale?: string;
  /** Tornado step, percent; '' or absent = 20. */
  sensitivityPercent?: string;
  scenarios: { low: ScenarioOverrides; high: ScenarioOverrides };
  model?: ModelLinkInputs | null;
}

/** Field paths used in validation errors (match RevenueInputs). */
export type RevenueField =
  | 'customers'
  | 'price'
  | 'periods'
  | 'currency'
  | 'periodUnit'
  | 'growth'
  | 'growth.mode'
  | 'churn'
  | 'priceChange'
  | 'cost'
  | 'locale'
  | 'sensitivityPercent'
  | `scenarios.${'low' | 'high'}.${keyof ScenarioOverrides}`
  /** Inputs are individually fine but the totals are too large to count exactly. */
  | 'total';

export interface FieldError {
  field: RevenueField;
  message: string;
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; errors: E[] };

/** Parsed scenario overrides: canonical decimal strings, null = use default rule. */
export interface ParsedScenarioOverrides {
  customers: string | null;
  price: string | null;
  growth: string | null;
  churn: string | null;
}

/**
 * Validated inputs. Numbers that feed money maths stay canonical decimal
 * strings ("0.1", never 0.1000000000000000055…) so no precision is lost
 * before decimal.js sees them.
 */
export interface ParsedRevenueInputs {
  customers: string;
  price: string;
  periods: number;
  currency: string;
  /** Digits after the decimal point for this currency (EUR 2, JPY 0). */
  minorDigits: number;
  periodUnit: PeriodUnit;
  growth: { mode: GrowthMode; value: string };
  churn: string;
  priceChange: string;
  cost: string;
  locale: string | undefined;
  sensitivityPercent: string;
  scenarios: { low: ParsedScenarioOverrides; high: ParsedScenarioOverrides };
}

/** An amount of money: exact decimal string in major units plus a float for charts. */
export interface Money {
  /** e.g. "1200000.00" (EUR) or "101" (JPY); never "-0.00". */
  exact: string;
  /** Nearest double to `exact`; exact while |minor units| ≤ Number.MAX_SAFE_INTEGER. */
  value: number;
}

/** A non-money quantity (customers, price per customer) rounded for display. */
export interface Quantity {
  exact: string;
  value: number;
}

export interface PeriodRow {
  /** 1-based period index. */
  period: number;
  customers: Quantity;
  price: Quantity;
  revenue: Money;
  cost: Money;
  profit: Money;
  cumulativeRevenue: Money;
  cumulativeCost: Money;
  cumulativeProfit: Money;
}

export interface Projection {
  currency: string;
  minorDigits: number;
  periodUnit: PeriodUnit;
  periods: number;
  rows: PeriodRow[];
  totals: { revenue: Money; cost: Money; profit: Money };
  /** True when growth, churn and price change are all 0, i.e. R = N × P × T applies. */
  simple: boolean;
  /** False if some cumulative amount exceeds Number.MAX_SAFE_INTEGER minor units (floats then approximate). */
  withinSafeRange: boolean;
}

export interface ConfusionMatrix {
  labels: string[];
  /** rows = true class, columns = predicted class (scikit-learn layout). */
  matrix: number[][];
}
