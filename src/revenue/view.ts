import { projectionToCsv } from './csv';
import { formatMoney, formatMoneyCompact, formatNumber, formatPercent, formatPrice } from './format';
import { revenueFormula } from './formula';
import { modelTieIn, type ClassConfusionCounts, type FromModelError } from './from-model';
import { errorsByField, parseRevenueInputs } from './inputs';
import { projectScenarios, SCENARIO_DEFAULTS, type ScenarioKey } from './scenarios';
import { rankSensitivityBars, sensitivity, type SensitivityInput, type SensitivityMetric } from './sensitivity';
import { Dec } from './money';
import type { ConfusionMatrix, FieldError, ParsedRevenueInputs, PeriodUnit, Projection, RevenueField, RevenueInputs } from './types';

/**
 * Everything the RevenuePanel displays, computed and formatted here so the
 * React components only lay it out (no arithmetic in components).
 */

const UNIT_NAMES: Record<PeriodUnit, { one: string; many: string }> = {
  day: { one: 'day', many: 'days' },
  week: { one: 'week', many: 'weeks' },
  month: { one: 'month', many: 'months' },
  quarter: { one: 'quarter', many: 'quarters' },
  year: { one: 'year', many: 'years' },
};

export function periodUnitName(unit: PeriodUnit, count = 1): string {
  return count === 1 ? UNIT_NAMES[unit].one : UNIT_NAMES[unit].many;
}

export interface ChartPoint {
  period: number;
  name: string;
  cumulativeRevenue: number;
  cumulativeCost: number;
  cumulativeProfit: number;
}

export interface ScenarioCard {
  key: ScenarioKey;
  label: string;
  /** [term, value, note] rows: note explains where a non-typed value came from. */
  facts: { term: string; value: string; note: string }[];
  revenue: string;
  profit: string;
}

export interface TornadoRow {
  input: SensitivityInput;
  label: string;
  low: string;
  high: string;
  step: string;
  revenueLow: string;
  revenueHigh: string;
  profitLow: string;
  profitHigh: string;
  swing: string;
  /** Change in the ranked metric (revenue or profit) vs base when the input is lowered / raised (chart bars). */
  lowDelta: number;
  highDelta: number;
}

export interface TornadoView {
  metric: SensitivityMetric;
  caption: string;
  base: string;
  percent: string;
  rows: TornadoRow[];
}

export interface RevenueResultView {
  parsed: ParsedRevenueInputs;
  projection: Projection;
  locale: string;
  /** Capitalised period unit for axis labels, e.g. "Month". */
  unitTitle: string;
  formula: string;
  total: string;
  totalCost: string;
  totalProfit: string;
  summary: string;
  chart: ChartPoint[];
  chartDescription: string;
  table: { caption: string; headers: string[]; rows: string[][] };
  scenarios: ScenarioCard[];
  /** Sensitivity ranked by total revenue and by total profit. */
  tornado: Record<SensitivityMetric, TornadoView>;
  formatAxisMoney: (value: number) => string;
  formatMoneyValue: (value: number) => string;
  csv: () => string;
  fileBaseName: string;
}

export interface ModelView {
  labels: string[];
  classLabel: string;
  conversionRate: string;
  populationScale: string;
  errors: Partial<Record<FromModelError['field'], string>>;
  metrics: ClassConfusionCounts | null;
  metricsText: string | null;
  explanation: string | null;
  /** N ready for the customers input, or null while the tie-in is invalid. */
  customersText: string | null;
}

export interface RevenueView {
  errors: FieldError[];
  fieldErrors: Partial<Record<RevenueField, string>>;
  result: RevenueResultView | null;
  model: ModelView | null;
}

/** Default conversion rate shown before the user types one. */
export const DEFAULT_CONVERSION_PERCENT = '10';

function browserLocale(): string {
  return new Intl.NumberFormat().resolvedOptions().locale;
}

/** `defaultLocale`: number format when the inputs name none (the UI passes its language; else the browser's). */
export function buildRevenueView(inputs: RevenueInputs, model?: ConfusionMatrix | null, defaultLocale?: string): RevenueView {
  const parsedResult = parseRevenueInputs(inputs);
  const errors = parsedResult.ok ? [] : parsedResult.errors;
  const locale = parsedResult.ok && parsedResult.value.locale ? parsedResult.value.locale : (defaultLocale ?? browserLocale());
  return {
    errors,
    fieldErrors: errorsByField(errors),
    result: parsedResult.ok ? buildResult(parsedResult.value, locale) : null,
    model: model ? buildModelView(model, inputs, locale) : null,
  };
}

/**
 * Only the model tie-in part of the view (what a new training result changes): the projection, its table and
 * charts depend on the inputs alone, so a page can keep them while results come and go (issue 19).
 */
export function buildRevenueModelView(model: ConfusionMatrix, inputs: RevenueInputs, defaultLocale?: string): ModelView {
  const parsedResult = parseRevenueInputs(inputs);
  const locale = parsedResult.ok && parsedResult.value.locale ? parsedResult.value.locale : (defaultLocale ?? browserLocale());
  return buildModelView(model, inputs, locale);
}

function buildResult(parsed: ParsedRevenueInputs, locale: string): RevenueResultView {
  const scenarios = projectScenarios(parsed);
  const base = scenarios[1];
  const projection = base.projection;
  const money = (v: string | number) => formatMoney(v, parsed.currency, locale);
  const num = (v: string | number, digits = 2) => formatNumber(v, locale, digits);
  const unit = parsed.periodUnit;
  const Unit = capitalize(periodUnitName(unit));
  const perUnit = `per ${periodUnitName(unit)}`;

  const chart: ChartPoint[] = projection.rows.map((r) => ({
    period: r.period,
    name: `${Unit} ${r.period}`,
    cumulativeRevenue: r.cumulativeRevenue.value,
    cumulativeCost: r.cumulativeCost.value,
    cumulativeProfit: r.cumulativeProfit.value,
  }));

  const table = {
    caption: `Revenue, cost and profit ${perUnit} in ${parsed.currency} over ${num(parsed.periods)} ${periodUnitName(unit, parsed.periods)}`,
    headers: [Unit, 'Customers', `Price ${perUnit}`, 'Revenue', 'Cost', 'Profit', 'Cumulative revenue', 'Cumulative cost', 'Cumulative profit'],
    rows: projection.rows.map((r) => [
      String(r.period),
      num(r.customers.exact),
      formatPrice(r.price.exact, parsed.currency, locale),
      money(r.revenue.exact),
      money(r.cost.exact),
      money(r.profit.exact),
      money(r.cumulativeRevenue.exact),
      money(r.cumulativeCost.exact),
      money(r.cumulativeProfit.exact),
    ]),
  };

  const growthText = (value: string) => (parsed.growth.mode === 'percent' ? `${formatPercent(value, locale)} ${perUnit}` : `${num(value)} new customers ${perUnit}`);
  const scenarioCards: ScenarioCard[] = scenarios.map((s) => {
    const rule = s.key === 'base' ? null : SCENARIO_DEFAULTS[s.key];
    const note = (overridden: boolean, text: string) => (s.key === 'base' ? 'as entered' : overridden ? 'your override' : text);
    return {
      key: s.key,
      label: s.label,
      facts: [
        {
          term: 'Customers (N)',
          value: num(s.params.customers),
          note: note(s.overridden.customers, rule ? `${formatPercent(new Dec(rule.customersFactor).times(100).toFixed(), locale)} of base` : ''),
        },
        { term: 'Price (P)', value: formatPrice(s.params.price, parsed.currency, locale), note: note(s.overridden.price, 'same as base') },
        {
          term: 'Growth',
          value: growthText(s.params.growth.value),
          note: note(s.overridden.growth, s.key === 'low' ? 'base − half its size' : 'base + half its size'),
        },
        {
          term: 'Churn',
          value: `${formatPercent(s.params.churn, locale)} ${perUnit}`,
          note: note(s.overridden.churn, rule ? `${num(rule.churnFactor)} × base` : ''),
        },
      ],
      revenue: money(s.projection.totals.revenue.exact),
      profit: money(s.projection.totals.profit.exact),
    };
  });

  const inputText = (input: SensitivityInput, value: string): string => {
    switch (input) {
      case 'customers':
        return num(value);
      case 'price':
      case 'cost':
        return formatPrice(value, parsed.currency, locale);
      case 'periods':
        return `${num(value)} ${periodUnitName(unit, Number(value))}`;
      case 'growth':
        return growthText(value);
      case 'churn':
      case 'priceChange':
        return formatPercent(value, locale);
    }
  };
  // One set of projections, ranked two ways.
  const sens = sensitivity(parsed);
  const tornadoFor = (metric: SensitivityMetric): TornadoView => {
    const base = metric === 'revenue' ? sens.baseRevenue : sens.baseProfit;
    return {
      metric,
      caption: `Total ${metric} when each input is lowered or raised (±${formatNumber(sens.percent, locale)}%), others held at base`,
      base: money(base.exact),
      percent: sens.percent,
      rows: rankSensitivityBars(sens.bars, metric).map((b) => {
        const [lo, hi] = metric === 'revenue' ? [b.revenueLow, b.revenueHigh] : [b.profitLow, b.profitHigh];
        return {
          input: b.input,
          label: b.label,
          low: inputText(b.input, b.low),
          high: inputText(b.input, b.high),
          step: b.step,
          revenueLow: money(b.revenueLow.exact),
          revenueHigh: money(b.revenueHigh.exact),
          profitLow: money(b.profitLow.exact),
          profitHigh: money(b.profitHigh.exact),
          swing: money((metric === 'revenue' ? b.revenueSwing : b.profitSwing).exact),
          lowDelta: new Dec(lo.exact).minus(base.exact).toNumber(),
          highDelta: new Dec(hi.exact).minus(base.exact).toNumber(),
        };
      }),
    };
  };

  const total = money(projection.totals.revenue.exact);
  const last = projection.rows[projection.rows.length - 1];
  return {
    parsed,
    projection,
    locale,
    unitTitle: Unit,
    formula: revenueFormula(base.params, projection, locale),
    total,
    totalCost: money(projection.totals.cost.exact),
    totalProfit: money(projection.totals.profit.exact),
    summary: `Total revenue over ${num(parsed.periods)} ${periodUnitName(unit, parsed.periods)}: ${total}.`,
    chart,
    chartDescription:
      `Cumulative revenue rises to ${total}, cumulative cost to ${money(last.cumulativeCost.exact)} and ` +
      `cumulative profit to ${money(last.cumulativeProfit.exact)} by ${periodUnitName(unit)} ${parsed.periods}. ` +
      'The table below lists every value.',
    table,
    scenarios: scenarioCards,
    tornado: { revenue: tornadoFor('revenue'), profit: tornadoFor('profit') },
    formatAxisMoney: (v) => formatMoneyCompact(v, parsed.currency, locale),
    formatMoneyValue: (v) => money(v),
    csv: () => projectionToCsv(projection),
    fileBaseName: `revenue-${parsed.currency.toLowerCase()}-${parsed.periods}-${unit}s`,
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function buildModelView(model: ConfusionMatrix, inputs: RevenueInputs, locale: string): ModelView {
  const link = inputs.model ?? null;
  const conversionRate = link?.conversionRate ?? DEFAULT_CONVERSION_PERCENT;
  const populationScale = link?.populationScale ?? '1';
  const tie = modelTieIn(model, { classLabel: link?.classLabel ?? '', conversionRate, populationScale }, locale);
  const labels = Array.isArray(model.labels) ? model.labels.map(String) : [];
  if (!tie.ok) {
    const errors: ModelView['errors'] = {};
    for (const e of tie.errors) if (!(e.field in errors)) errors[e.field] = e.message;
    return {
      labels,
      classLabel: link?.classLabel ?? '',
      conversionRate,
      populationScale,
      errors,
      metrics: null,
      metricsText: null,
      explanation: null,
      customersText: null,
    };
  }
  const m = tie.value.metrics;
  return {
    labels,
    classLabel: tie.value.classLabel,
    conversionRate,
    populationScale,
    errors: {},
    metrics: m,
    metricsText:
      `Class “${m.label}”: predicted ${formatNumber(m.predictedPositives, locale)} times, ` +
      `precision ${formatPercent(m.precision * 100, locale, 1)}, recall ${formatPercent(m.recall * 100, locale, 1)} ` +
      `on ${formatNumber(m.total, locale)} evaluation cases.`,
    explanation: tie.value.result.explanation,
    customersText: tie.value.customersText,
  };
}
