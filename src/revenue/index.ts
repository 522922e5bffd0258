// Public API of the revenue projection domain (no React; runs in Node and the browser).
export * from './types';
export { DEFAULT_CURRENCY, DEFAULT_SENSITIVITY_PERCENT, FIELD_LABELS, MAX_PERIODS, coerceRevenueInputs, defaultRevenueInputs, errorsByField, parseRevenueInputs } from './inputs';
export { parseNumberText, type NumberTextProblem, type NumberTextResult } from './parse-number';
export { Dec, MAX_SAFE_MINOR, MONEY_ROUNDING_NAME, minorDigitsFor, minorToExact, moneyFromMinor, toMinor } from './money';
export { PLACEHOLDER, formatMoney, formatMoneyCompact, formatNumber, formatPercent, formatPrice, formatTotalPlain } from './format';
export { findRangeProblem, isSimpleModel, projectRevenue, type ProjectionParams, type RangeProblem } from './projection';
export { SCENARIO_DEFAULTS, projectScenarios, resolveScenario, type ScenarioKey, type ScenarioResult } from './scenarios';
export {
  SENSITIVITY_INPUTS,
  ZERO_ABSOLUTE_GROWTH_SHARE,
  ZERO_RATE_STEP_POINTS,
  rankSensitivityBars,
  sensitivity,
  type SensitivityMetric,
  type SensitivityBar,
  type SensitivityInput,
  type SensitivityResult,
} from './sensitivity';
export {
  classMetricsFromConfusion,
  customersFromModel,
  defaultPositiveClass,
  modelTieIn,
  validateConfusionMatrix,
  type ClassConfusionCounts,
  type CustomersFromModel,
  type CustomersFromModelArgs,
  type FromModelError,
  type FromModelResult,
  type ModelTieIn,
} from './from-model';
export { revenueFormula } from './formula';
export { projectionToCsv } from './csv';
export {
  REVENUE_FLAGS,
  isRevenueReportError,
  parseRevenueArgs,
  revenueReport,
  type RevenueArgs,
  type RevenueFlag,
  type RevenueReport,
  type RevenueReportError,
  type RevenueReportPeriod,
} from './report';
export {
  DEFAULT_CONVERSION_PERCENT,
  buildRevenueView,
  buildRevenueModelView,
  periodUnitName,
  type ChartPoint,
  type ModelView,
  type RevenueResultView,
  type RevenueView,
  type ScenarioCard,
  type TornadoRow,
  type TornadoView,
} from './view';
export { isMoneyLikeTarget, priceFromRegression, type PriceFromModel, type RegressionPriceSource } from './price-from-model';
