import { Dec, MAX_SAFE_MINOR, minorDigitsFor, minorToExact } from './money';
import { parseNumberText, type NumberTextProblem } from './parse-number';
import { findRangeProblem } from './projection';
import { resolveScenario } from './scenarios';
import { formatMoney } from './format';
import {
  PERIOD_UNITS,
  isGrowthMode,
  isPeriodUnit,
  type FieldError,
  type GrowthMode,
  type ParsedRevenueInputs,
  type ParsedScenarioOverrides,
  type Result,
  type RevenueField,
  type RevenueInputs,
  type ScenarioOverrides,
} from './types';
import { DEFAULT_SENSITIVITY_PERCENT } from './defaults';

export { DEFAULT_CURRENCY, DEFAULT_SENSITIVITY_PERCENT, coerceRevenueInputs, defaultRevenueInputs } from './defaults';
export const MAX_PERIODS = 1200;

/** Human names used at the start of every message. */
export const FIELD_LABELS: Record<RevenueField, string> = {
  customers: 'Customers (N)',
  price: 'Price per period (P)',
  periods: 'Number of periods (T)',
  currency: 'Currency',
  periodUnit: 'Period unit',
  growth: 'Growth',
  'growth.mode': 'Growth mode',
  churn: 'Churn',
  priceChange: 'Price change',
  cost: 'Cost per customer',
  locale: 'Number format (locale)',
  sensitivityPercent: 'Sensitivity step',
  'scenarios.low.customers': 'Low scenario customers',
  'scenarios.low.price': 'Low scenario price',
  'scenarios.low.growth': 'Low scenario growth',
  'scenarios.low.churn': 'Low scenario churn',
  'scenarios.high.customers': 'High scenario customers',
  'scenarios.high.price': 'High scenario price',
  'scenarios.high.growth': 'High scenario growth',
  'scenarios.high.churn': 'High scenario churn',
  total: 'Total',
};

function shown(text: unknown): string {
  const s = typeof text === 'string' ? text.trim() : '';
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}

function textProblemMessage(field: RevenueField, raw: unknown, problem: NumberTextProblem, example: string): string {
  const label = FIELD_LABELS[field];
  switch (problem) {
    case 'empty':
      return `${label} is empty. Enter a number, for example ${example}.`;
    case 'too_long':
      return `${label} is too long. Enter a number of at most 64 characters.`;
    case 'not_a_number':
      return `${label}: “${shown(raw)}” is not a number. Type digits with '.' for decimals, for example ${example}.`;
    case 'bad_grouping':
      return `${label}: “${shown(raw)}” has misplaced thousands separators. Write it without separators (1000) or in groups of three (1,000).`;
    case 'decimal_comma':
      return `${label}: use '.' for decimals, for example 1.5. A ',' is only read as a thousands separator, as in 1,000.`;
    case 'exponent':
      return `${label}: write the number out in full (for example 1000000) instead of using an exponent like 1e6.`;
  }
}

interface Bounds {
  /** Inclusive lower bound and the message when below it. */
  min?: { value: string; message: string };
  max?: { value: string; message: string };
  integer?: string;
  percent?: boolean;
}

function parseField(errors: FieldError[], field: RevenueField, raw: unknown, example: string, bounds: Bounds): string | null {
  const r = parseNumberText(raw, { allowPercentSign: bounds.percent });
  if (!r.ok) {
    errors.push({ field, message: textProblemMessage(field, raw, r.problem, example) });
    return null;
  }
  const d = new Dec(r.value);
  if (bounds.min && d.lessThan(bounds.min.value)) {
    errors.push({ field, message: `${FIELD_LABELS[field]} ${bounds.min.message}` });
    return null;
  }
  if (bounds.max && d.greaterThan(bounds.max.value)) {
    errors.push({ field, message: `${FIELD_LABELS[field]} ${bounds.max.message}` });
    return null;
  }
  if (bounds.integer && !d.isInteger()) {
    errors.push({ field, message: `${FIELD_LABELS[field]} ${bounds.integer}` });
    return null;
  }
  return r.value;
}

const NON_NEGATIVE = { value: '0', message: "can't be negative. Enter 0 or more." };
const CHURN_BOUNDS: Bounds = {
  percent: true,
  min: { value: '0', message: "can't be negative. Enter a percentage between 0 and 100." },
  max: { value: '100', message: 'is the percentage of customers lost per period, so it must be between 0 and 100.' },
};
const PERCENT_GROWTH_MIN = {
  value: '-100',
  message: "can't be below −100% (a period can't lose more than all customers). Enter −100 or more.",
};
const PRICE_CHANGE_MIN = {
  value: '-100',
  message: "can't be below −100% (the price would turn negative). Enter −100 or more.",
};

function parseCurrency(errors: FieldError[], raw: unknown): { code: string; minorDigits: number } | null {
  const code = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  if (code === '') {
    errors.push({ field: 'currency', message: 'Currency is empty. Enter a three-letter ISO code such as EUR or USD.' });
    return null;
  }
  const known = /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
  if (!known) {
    errors.push({
      field: 'currency',
      message: `Currency: “${shown(raw)}” is not a known ISO 4217 code. Enter a three-letter code such as EUR, USD or JPY.`,
    });
    return null;
  }
  return { code, minorDigits: minorDigitsFor(code) };
}

function parseLocale(errors: FieldError[], raw: unknown): string | undefined {
  const tag = typeof raw === 'string' ? raw.trim() : '';
  if (tag === '') return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch (e) {
    // Intl signals a malformed tag with RangeError; anything else is a real bug.
    if (!(e instanceof RangeError)) throw e;
    errors.push({
      field: 'locale',
      message: `Number format: “${shown(raw)}” is not a language tag. Use one like en-US or de-DE, or leave it empty for your browser's default.`,
    });
    return undefined;
  }
}

function parseOverrides(errors: FieldError[], which: 'low' | 'high', raw: ScenarioOverrides | undefined, mode: GrowthMode): ParsedScenarioOverrides {
  const optional = (key: keyof ScenarioOverrides, example: string, bounds: Bounds): string | null => {
    const text = raw?.[key];
    if (typeof text !== 'string' || text.trim() === '') return null;
    return parseField(errors, `scenarios.${which}.${key}`, text, example, bounds);
  };
  return {
    customers: optional('customers', '800', { min: NON_NEGATIVE }),
    price: optional('price', '100', { min: NON_NEGATIVE }),
    growth: optional('growth', mode === 'percent' ? '2' : '50', mode === 'percent' ? { percent: true, min: PERCENT_GROWTH_MIN } : {}),
    churn: optional('churn', '5', CHURN_BOUNDS),
  };
}

function rangeMessage(problem: 'revenue' | 'cost' | 'customers', scenario: string, currency: string, minorDigits: number): string {
  const where = scenario === 'base' ? '' : ` in the ${scenario} scenario`;
  if (problem === 'customers') {
    return `These numbers are too large: customers${where} would grow past ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')}. Lower the growth, customers or number of periods.`;
  }
  const limit = formatMoney(minorToExact(MAX_SAFE_MINOR, minorDigits), currency, 'en-US');
  return `These numbers are too large: total ${problem}${where} would exceed ${limit}, the most that can be added up exactly to the smallest currency unit. Use smaller customers, price, cost, growth or periods.`;
}

/**
 * Validate raw inputs. Returns every problem at once (not just the first), each
 * tied to its field, so the UI can mark all of them. The `model` link is
 * validated separately (from-model.ts) because it never blocks the projection.
 */
export function parseRevenueInputs(raw: RevenueInputs): Result<ParsedRevenueInputs, FieldError> {
  const errors: FieldError[] = [];
  const customers = parseField(errors, 'customers', raw.customers, '1000', { min: NON_NEGATIVE });
  const price = parseField(errors, 'price', raw.price, '99.50', { min: NON_NEGATIVE });
  const periodsText = parseField(errors, 'periods', raw.periods, '12', {
    min: { value: '1', message: 'must be at least 1. Enter a whole number of periods, for example 12.' },
    max: {
      value: String(MAX_PERIODS),
      message: `can be at most ${MAX_PERIODS.toLocaleString('en-US')} (100 years of months). Enter a smaller whole number.`,
    },
    integer: 'must be a whole number, for example 12.',
  });
  const currency = parseCurrency(errors, raw.currency);

  const periodUnit = raw.periodUnit;
  const unitOk = isPeriodUnit(periodUnit);
  if (!unitOk) {
    errors.push({ field: 'periodUnit', message: `Period unit must be one of: ${PERIOD_UNITS.join(', ')}.` });
  }
  const mode = raw.growth?.mode;
  const modeOk = isGrowthMode(mode);
  if (!modeOk) {
    errors.push({ field: 'growth.mode', message: 'Growth mode must be “percent” or “absolute”.' });
  }
  const growth = parseField(errors, 'growth', raw.growth?.value, mode === 'absolute' ? '50' : '2', mode === 'absolute' ? {} : { percent: true, min: PERCENT_GROWTH_MIN });
  const churn = parseField(errors, 'churn', raw.churn, '5', CHURN_BOUNDS);
  const priceChange = parseField(errors, 'priceChange', raw.priceChange, '0', { percent: true, min: PRICE_CHANGE_MIN });
  const cost = parseField(errors, 'cost', raw.cost, '20', { min: NON_NEGATIVE });
  const locale = parseLocale(errors, raw.locale);
  const sensitivityText = typeof raw.sensitivityPercent === 'string' && raw.sensitivityPercent.trim() !== '' ? raw.sensitivityPercent : DEFAULT_SENSITIVITY_PERCENT;
  const sensitivityPercent = parseField(errors, 'sensitivityPercent', sensitivityText, '20', {
    percent: true,
    min: { value: '0.01', message: 'must be more than 0%. Enter a percentage such as 20.' },
    max: { value: '100', message: 'can be at most 100%. Enter a percentage such as 20.' },
  });
  const growthMode: GrowthMode = modeOk ? mode : 'percent';
  const low = parseOverrides(errors, 'low', raw.scenarios?.low, growthMode);
  const high = parseOverrides(errors, 'high', raw.scenarios?.high, growthMode);

  if (
    errors.length > 0 ||
    !unitOk ||
    customers === null ||
    price === null ||
    periodsText === null ||
    currency === null ||
    growth === null ||
    churn === null ||
    priceChange === null ||
    cost === null ||
    sensitivityPercent === null
  ) {
    return { ok: false, errors };
  }

  const parsed: ParsedRevenueInputs = {
    customers,
    price,
    periods: Number(periodsText),
    currency: currency.code,
    minorDigits: currency.minorDigits,
    periodUnit,
    growth: { mode: growthMode, value: growth },
    churn,
    priceChange,
    cost,
    locale,
    sensitivityPercent,
    scenarios: { low, high },
  };
  // Checked only once every field is valid: the projection needs all of them.
  for (const scenario of ['base', 'low', 'high'] as const) {
    const problem = findRangeProblem(resolveScenario(parsed, scenario));
    if (problem) {
      errors.push({ field: 'total', message: rangeMessage(problem, scenario, parsed.currency, parsed.minorDigits) });
      return { ok: false, errors };
    }
  }
  return { ok: true, value: parsed };
}

/** First message per field, for inline display. */
export function errorsByField(errors: readonly FieldError[]): Partial<Record<RevenueField, string>> {
  const out: Partial<Record<RevenueField, string>> = {};
  for (const e of errors) if (!(e.field in out)) out[e.field] = e.message;
  return out;
}
