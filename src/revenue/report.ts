import { revenueFormula } from './formula';
import { defaultRevenueInputs, parseRevenueInputs } from './inputs';
import { projectRevenue } from './projection';
import { resolveScenario } from './scenarios';
import { isGrowthMode, isPeriodUnit, type RevenueInputs } from './types';

/**
 * Runner report for `npm run tau -- revenue --customers N --price P --periods T
 * [--growth g] [--growth-mode percent|absolute] [--churn c] [--price-change p]
 * [--cost k] [--currency EUR] [--unit month] [--locale en-US]`.
 */

export const REVENUE_FLAGS = ['customers', 'price', 'periods', 'growth', 'growth-mode', 'churn', 'price-change', 'cost', 'currency', 'unit', 'locale'] as const;
export type RevenueFlag = (typeof REVENUE_FLAGS)[number];
export type RevenueArgs = Partial<Record<RevenueFlag, string>>;
const REQUIRED: readonly RevenueFlag[] = ['customers', 'price', 'periods'];

export interface RevenueReportPeriod {
  period: number;
  customers: number;
  price: number;
  revenue: number;
  cost: number;
  profit: number;
  cumulativeRevenue: number;
  cumulativeProfit: number;
}

export interface RevenueReport {
  total: number;
  /** Exact decimal string with the currency's minor digits, e.g. "1200000.00". */
  totalExact: string;
  currency: string;
  perPeriod: RevenueReportPeriod[];
  formula: string;
}

export interface RevenueReportError {
  error: { code: 'invalid_input'; message: string };
}

export function isRevenueReportError(r: RevenueReport | RevenueReportError): r is RevenueReportError {
  return 'error' in r;
}

const invalid = (message: string): RevenueReportError => ({ error: { code: 'invalid_input', message } });

function isFlag(name: string): name is RevenueFlag {
  return (REVENUE_FLAGS as readonly string[]).includes(name);
}

const knownFlags = () => REVENUE_FLAGS.map((f) => `--${f}`).join(', ');

/** argv after the "revenue" sub-command: `--flag value` or `--flag=value`. */
export function parseRevenueArgs(argv: readonly string[]): { ok: true; value: RevenueArgs } | RevenueReportError {
  const out: RevenueArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--')) return invalid(`Unexpected argument “${token}”. Options look like --customers 1000.`);
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    if (!isFlag(name)) return invalid(`Unknown option --${name}. Known options: ${knownFlags()}.`);
    let value: string;
    if (eq >= 0) {
      value = token.slice(eq + 1);
    } else {
      // Every option takes a value, so the next token is it even if it starts with '-' (e.g. --growth -5).
      if (i + 1 >= argv.length) return invalid(`Option --${name} needs a value, for example --${name} ${example(name)}.`);
      value = argv[++i];
    }
    if (name in out) return invalid(`Option --${name} is given twice. Give it once.`);
    out[name] = value;
  }
  return { ok: true, value: out };
}

function example(flag: RevenueFlag): string {
  const examples: Record<RevenueFlag, string> = {
    customers: '1000',
    price: '100',
    periods: '12',
    growth: '2',
    'growth-mode': 'percent',
    churn: '1',
    'price-change': '0',
    cost: '20',
    currency: 'EUR',
    unit: 'month',
    locale: 'en-US',
  };
  return examples[flag];
}

function argsToInputs(args: RevenueArgs): RevenueInputs | RevenueReportError {
  for (const [key, value] of Object.entries(args)) {
    if (!isFlag(key)) return invalid(`Unknown option --${key}. Known options: ${knownFlags()}.`);
    if (typeof value !== 'string') return invalid(`Option --${key} must be text, for example --${key} ${example(key)}.`);
  }
  const missing = REQUIRED.filter((f) => args[f] === undefined);
  if (missing.length > 0) {
    return invalid(`Missing ${missing.map((f) => `--${f}`).join(', ')}. Example: --customers 1000 --price 100 --periods 12.`);
  }
  const d = defaultRevenueInputs();
  const unit = args.unit ?? d.periodUnit;
  if (!isPeriodUnit(unit)) return invalid('Option --unit must be one of: day, week, month, quarter, year.');
  const mode = args['growth-mode'] ?? d.growth.mode;
  if (!isGrowthMode(mode)) return invalid('Option --growth-mode must be percent or absolute.');
  return {
    ...d,
    customers: args.customers ?? d.customers,
    price: args.price ?? d.price,
    periods: args.periods ?? d.periods,
    currency: args.currency ?? d.currency,
    periodUnit: unit,
    growth: { mode, value: args.growth ?? d.growth.value },
    churn: args.churn ?? d.churn,
    priceChange: args['price-change'] ?? d.priceChange,
    cost: args.cost ?? d.cost,
    locale: args.locale ?? '',
  };
}

/** The JSON report, or `{ error: { code: 'invalid_input', message } }` for any bad input. */
export function revenueReport(rawArgs: readonly string[] | RevenueArgs): RevenueReport | RevenueReportError {
  let args: RevenueArgs;
  if (Array.isArray(rawArgs)) {
    const parsedArgs = parseRevenueArgs(rawArgs as readonly string[]);
    if ('error' in parsedArgs) return parsedArgs;
    args = parsedArgs.value;
  } else {
    args = rawArgs as RevenueArgs;
  }
  const inputs = argsToInputs(args);
  if ('error' in inputs) return inputs;
  const parsed = parseRevenueInputs(inputs);
  if (!parsed.ok) return invalid(parsed.errors.map((e) => e.message).join(' '));
  const params = resolveScenario(parsed.value, 'base');
  const projection = projectRevenue(params);
  return {
    total: projection.totals.revenue.value,
    totalExact: projection.totals.revenue.exact,
    currency: projection.currency,
    perPeriod: projection.rows.map((r) => ({
      period: r.period,
      customers: r.customers.value,
      price: r.price.value,
      revenue: r.revenue.value,
      cost: r.cost.value,
      profit: r.profit.value,
      cumulativeRevenue: r.cumulativeRevenue.value,
      cumulativeProfit: r.cumulativeProfit.value,
    })),
    formula: revenueFormula(params, projection, parsed.value.locale ?? 'en-US'),
  };
}
