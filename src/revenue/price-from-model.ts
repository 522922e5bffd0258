import { Dec } from './money';

/**
 * Price P from a trained regression model: the mean predicted target on the
 * test split, with the 90% prediction interval (validation residual quantiles)
 * as low/high prices. Plain numbers in, decimal text out (2 places), no React.
 */

/** What this needs of a regression result (TrainingResult.regression plus the test split size). */
export interface RegressionPriceSource {
  target: string;
  /** Charted test predictions (at most 2,000, evenly taken). */
  predicted: readonly number[];
  /** Mean over every test row, when the training job stored it. */
  testPredictionMean?: number;
  /** Rows in the test split. */
  testRows: number;
  /** Residual quantiles (actual − predicted) for one row, e.g. level 0.9. */
  interval?: { level: number; lower: number; upper: number };
}

export interface PriceFromModel {
  target: string;
  /** True when the column name looks like money; otherwise the user must confirm. */
  moneyLike: boolean;
  mean: number;
  /** Test rows the mean is over. */
  rows: number;
  /** Rows in the test split. */
  testRows: number;
  /** 'all': every test row; 'sample': only the charted (evenly taken) predictions were stored. */
  basis: 'all' | 'sample';
  /** Mean rounded to 2 decimals, ready for the price field. */
  priceText: string;
  /** Mean + interval quantiles (low clamped at 0), or null without an interval. */
  scenario: { level: number; lowText: string; highText: string } | null;
}

const MONEY_WORDS = /price|revenue|amount|value|cost|sales|spend|income|order|payment|salary|wage|charge|profit|margin|turnover|basket|ltv|arpu|dollar|euro|rmb|yuan|[€$£¥]|价|金额|收入|销售|费用/i;

/** Whether a target column name looks like an amount of money (case-insensitive keywords and currency signs). */
export function isMoneyLikeTarget(name: string): boolean {
  return MONEY_WORDS.test(name);
}

const text = (x: number) => new Dec(x).toDecimalPlaces(2).toFixed();

/** The offer, or null when there is nothing usable (no predictions, non-finite or negative mean). */
export function priceFromRegression(source: RegressionPriceSource): PriceFromModel | null {
  const stored = source.testPredictionMean;
  const finite = source.predicted.filter((v) => Number.isFinite(v));
  let mean: number;
  let rows: number;
  let basis: PriceFromModel['basis'];
  if (typeof stored === 'number' && Number.isFinite(stored) && source.testRows > 0) {
    [mean, rows, basis] = [stored, source.testRows, 'all'];
  } else if (finite.length > 0) {
    mean = finite.reduce((sum, v) => sum + v, 0) / finite.length;
    rows = finite.length;
    basis = finite.length >= source.testRows ? 'all' : 'sample';
  } else {
    return null;
  }
  if (!Number.isFinite(mean) || mean < 0) return null;
  const iv = source.interval;
  const scenario =
    iv && Number.isFinite(iv.lower) && Number.isFinite(iv.upper) && iv.lower <= iv.upper
      ? { level: iv.level, lowText: text(Math.max(0, mean + iv.lower)), highText: text(Math.max(0, mean + iv.upper)) }
      : null;
  return { target: source.target, moneyLike: isMoneyLikeTarget(source.target), mean, rows, testRows: source.testRows, basis, priceText: text(mean), scenario };
}
