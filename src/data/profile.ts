import type { Column, Table } from './table';
import { formatNumberCell } from './table';
import { inferColumnType, type ColumnType } from './infer-types';
import { textStats, type TextStats } from '../preprocess/text/tfidf';
import { DEFAULT_TOKENIZER } from '../preprocess/text/tokenizer';
import { sortFloat64 } from './sort-float64';

export interface HistogramBin {
  label: string;
  count: number;
  /** Numeric bins: [from, to); categorical bins leave these out. */
  from?: number;
  to?: number;
}

export interface ColumnProfile {
  name: string;
  type: ColumnType;
  storage: Column['storage'];
  missing: number;
  distinct: number;
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  median?: number;
  /** Numeric columns: whether every value is a whole number. */
  integers?: boolean;
  /** Most frequent values, most common first (categorical, boolean, text, id). */
  top?: { value: string; count: number }[];
  histogram: HistogramBin[];
  /**
   * Free-text columns: words per cell (median, 95th percentile), distinct words and the most frequent
   * words, tokenized as training will (from the first TEXT_PROFILE_CELLS non-empty cells).
   */
  text?: TextStats & { sampled: boolean };
}

/** Text statistics read at most this many cells, so profiling a large file stays quick. */
export const TEXT_PROFILE_CELLS = 5000;

const NUMERIC_BINS = 20;
const TOP_VALUES = 10;

export function profileTable(table: Table): ColumnProfile[] {
  return table.columns.map(profileColumn);
}

export function profileColumn(column: Column): ColumnProfile {
  return column.storage === 'numeric' ? profileNumeric(column.name, column.values, column.missing) : profileStrings(column);
}

function profileNumeric(name: string, values: Float64Array, missing: number): ColumnProfile {
  // One pass: count, sum, range, whether every value is an integer, whether the column is already ascending.
  let count = 0;
  let sum = 0;
  let ascending = true;
  let integers = true;
  let negativeZero = false;
  let runs = 0;
  let previous = Number.NaN;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) {
      if (v !== previous) {
        if (v < previous) ascending = false;
        runs++;
      }
      if (integers && !Number.isInteger(v)) integers = false;
      if (v === 0 && 1 / v < 0) negativeZero = true;
      if (v < low) low = v;
      if (v > high) high = v;
      previous = v;
      count++;
      sum += v;
    }
  }
  const column: Column = { storage: 'numeric', name, values, missing };
  if (count === 0) return { name, type: inferColumnType(column, 0), storage: 'numeric', missing, distinct: 0, histogram: [] };
  const { distinct, median } = ascending
    ? { distinct: runs, median: sortedMedian(values, count, missing) }
    : integers && !negativeZero && high - low <= COUNTING_RANGE
      ? countedStats(values, count, low, high)
      : (scaledStats(values, count, low, high, integers) ?? sortedStats(values, count));
  const type = inferColumnType(column, distinct);
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) squares += (v - mean) ** 2;
  }
  const discrete = distinct <= NUMERIC_BINS ? valueCounts(values) : null;
  const profile: ColumnProfile = {
    name,
    type,
    storage: 'numeric',
    missing,
    distinct,
    integers,
    min: low,
    max: high,
    mean,
    std: count > 1 ? Math.sqrt(squares / (count - 1)) : 0,
    median,
    histogram: discrete ? discrete.map(({ value, count: c }) => ({ label: formatNumberCell(value), count: c, from: value, to: value })) : binnedHistogram(values, low, high),
  };
  if (type === 'boolean' && discrete) profile.top = topOfCounts(discrete);
  else if (type === 'id') profile.top = smallest(values, TOP_VALUES).map((value) => ({ value: formatNumberCell(value), count: 1 }));
  return profile;
}

/** Integer columns spanning at most this many values are counted (ages, counts, ratings, flags). */
const COUNTING_RANGE = 1 << 16;
/** Decimal columns whose values, scaled to integers, span at most this many are told apart with a bitmap (2 MiB). */
const BITMAP_RANGE = 1 << 24;
/** Median search: the value range is cut into this many buckets before the median's bucket is sorted. */
const MEDIAN_BUCKETS = 1 << 16;

interface DistinctAndMedian {
  distinct: number;
  median: number;
}

const medianOf = (count: number, at: (rank: number) => number): number => {
  const mid = count >> 1;
  return count % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
};

/** The median of a column whose present values are already ascending. */
function sortedMedian(values: Float64Array, count: number, missing: number): number {
  if (missing === 0) return medianOf(count, (rank) => values[rank]);
  const mid = count >> 1;
  const want = count % 2 ? [mid] : [mid - 1, mid];
  const found: number[] = [];
  for (let i = 0, rank = 0; i < values.length && found.length < want.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (rank === want[found.length]) found.push(v);
    rank++;
  }
  return found.length === 1 ? found[0] : (found[0] + found[1]) / 2;
}

/** Small-range integers (no -0): distinct values and the median from one count per value. */
function countedStats(values: Float64Array, count: number, low: number, high: number): DistinctAndMedian {
  const counts = new Int32Array(high - low + 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) counts[v - low]++;
  }
  let distinct = 0;
  for (let b = 0; b < counts.length; b++) if (counts[b] > 0) distinct++;
  const at = (rank: number): number => {
    for (let b = 0, seen = 0; b < counts.length; b++) {
      seen += counts[b];
      if (seen > rank) return low + b;
    }
    return high;
  };
  return { distinct, median: medianOf(count, at) };
}

/**
 * Decimal columns (prices, coordinates, ratios: values with at most a few decimals): each value scaled by
 * 10^d is an integer q with q / 10^d === value, so distinct values are distinct q and a bitmap over the
 * range of q counts them exactly. The median by selection (median-bucket sort). Null when the values do
 * not fit (more decimals, too wide a range): the caller sorts instead.
 */
function scaledStats(values: Float64Array, count: number, low: number, high: number, integers: boolean): DistinctAndMedian | null {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return null;
  let decimals = integers ? 0 : sampleDecimals(values);
  if (decimals < 0) return null;
  for (;;) {
    const scale = 10 ** decimals;
    const qLow = Math.round(low * scale);
    const span = Math.round(high * scale) - qLow + 1;
    if (span > BITMAP_RANGE || Math.abs(low * scale) >= 2 ** 53 || Math.abs(high * scale) >= 2 ** 53) return null;
    const bits = new Int32Array((span + 31) >>> 5);
    let distinct = 0;
    let failed = -1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) continue;
      const q = Math.round(v * scale);
      if (q / scale !== v) {
        failed = i;
        break;
      }
      const at = q - qLow;
      const word = at >>> 5;
      const bit = 1 << (at & 31);
      if ((bits[word] & bit) === 0) {
        bits[word] |= bit;
        distinct++;
      }
    }
    if (failed < 0) return { distinct, median: selectMedian(values, count, low, high) };
    // More decimals each retry (strictly: a value exact at fewer decimals need not be at more), so this ends.
    const needed = decimalsOf(values[failed]);
    if (needed < 0) return null;
    decimals = Math.max(decimals + 1, needed);
    if (decimals > MAX_DECIMALS) return null;
  }
}

const MAX_DECIMALS = 9;

/** The fewest decimals that write `value` exactly (q / 10^d === value), or -1 beyond MAX_DECIMALS. */
function decimalsOf(value: number): number {
  for (let d = 0; d <= MAX_DECIMALS; d++) {
    const scale = 10 ** d;
    if (Math.round(value * scale) / scale === value) return d;
  }
  return -1;
}

/** The most decimals among the first present values (a guess the full pass checks). */
function sampleDecimals(values: Float64Array): number {
  let most = 0;
  for (let i = 0, seen = 0; i < values.length && seen < 1000; i++) {
    const v = values[i];
    if (v !== v) continue;
    seen++;
    const d = decimalsOf(v);
    if (d < 0) return -1;
    if (d > most) most = d;
  }
  return most;
}

/**
 * The median without sorting the column: count values into buckets over [low, high] (bucket order is
 * value order), then sort only the bucket(s) holding the middle rank(s).
 */
function selectMedian(values: Float64Array, count: number, low: number, high: number): number {
  if (low === high) return low;
  const scale = MEDIAN_BUCKETS / (high - low);
  const bucket = (v: number): number => Math.min(MEDIAN_BUCKETS - 1, Math.floor((v - low) * scale));
  const counts = new Int32Array(MEDIAN_BUCKETS);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) counts[bucket(v)]++;
  }
  const mid = count >> 1;
  const firstRank = count % 2 ? mid : mid - 1;
  let from = -1;
  let before = 0;
  let to = -1;
  for (let b = 0, seen = 0; b < MEDIAN_BUCKETS; b++) {
    if (from < 0 && seen + counts[b] > firstRank) {
      from = b;
      before = seen;
    }
    seen += counts[b];
    if (seen > mid) {
      to = b;
      break;
    }
  }
  let size = 0;
  for (let b = from; b <= to; b++) size += counts[b];
  const middle = new Float64Array(size);
  for (let i = 0, k = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) {
      const b = bucket(v);
      if (b >= from && b <= to) middle[k++] = v;
    }
  }
  middle.sort();
  return medianOf(count, (rank) => middle[rank - before]);
}

/** Any other column: sort a copy of the present values. */
function sortedStats(values: Float64Array, count: number): DistinctAndMedian {
  const present = new Float64Array(count);
  for (let i = 0, k = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) present[k++] = v;
  }
  sortFloat64(present);
  let distinct = 0;
  for (let i = 0; i < present.length; i++) if (i === 0 || present[i] !== present[i - 1]) distinct++;
  return { distinct, median: medianOf(count, (rank) => present[rank]) };
}

/** Each distinct present value with its count, ascending; for columns with at most NUMERIC_BINS values. */
function valueCounts(values: Float64Array): { value: number; count: number }[] {
  const seen: { value: number; count: number }[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    let j = 0;
    while (j < seen.length && seen[j].value !== v) j++;
    if (j === seen.length) seen.push({ value: v, count: 1 });
    else seen[j].count++;
  }
  return seen.sort((a, b) => a.value - b.value);
}

function binnedHistogram(values: Float64Array, min: number, max: number): HistogramBin[] {
  const width = (max - min) / NUMERIC_BINS;
  const counts = new Array<number>(NUMERIC_BINS).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) counts[Math.min(NUMERIC_BINS - 1, Math.floor((v - min) / width))]++;
  }
  return counts.map((count, b) => {
    const from = min + b * width;
    const to = b === NUMERIC_BINS - 1 ? max : min + (b + 1) * width;
    return { label: `${shortNumber(from)}–${shortNumber(to)}`, count, from, to };
  });
}

/** The most frequent values, most common first, ties in ascending order. */
function topOfCounts(counts: { value: number; count: number }[]): { value: string; count: number }[] {
  return [...counts]
    .sort((a, b) => b.count - a.count || a.value - b.value)
    .slice(0, TOP_VALUES)
    .map((t) => ({ value: formatNumberCell(t.value), count: t.count }));
}

/** The `k` smallest present values, ascending (an id column's top values: every count ties at 1). */
function smallest(values: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v || (best.length === k && v >= best[k - 1])) continue;
    let at = best.length;
    while (at > 0 && best[at - 1] > v) at--;
    best.splice(at, 0, v);
    if (best.length > k) best.pop();
  }
  return best;
}

function profileStrings(column: Extract<Column, { storage: 'string' }>): ColumnProfile {
  const counts = new Int32Array(column.dictionary.length);
  for (let i = 0; i < column.codes.length; i++) {
    const code = column.codes[i];
    if (code >= 0) counts[code]++;
  }
  let distinct = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) distinct++;
  const order = Array.from(counts.keys()).filter((i) => counts[i] > 0);
  order.sort((a, b) => counts[b] - counts[a] || (column.dictionary[a] < column.dictionary[b] ? -1 : 1));
  const top = order.slice(0, TOP_VALUES).map((i) => ({ value: column.dictionary[i], count: counts[i] }));
  const histogram: HistogramBin[] = top.map((t) => ({ label: t.value, count: t.count }));
  const rest = order.slice(TOP_VALUES).reduce((s, i) => s + counts[i], 0);
  if (rest > 0) histogram.push({ label: `${order.length - TOP_VALUES} others`, count: rest });
  const profile: ColumnProfile = {
    name: column.name,
    type: inferColumnType(column, distinct),
    storage: 'string',
    missing: column.missing,
    distinct,
    top,
    histogram,
  };
  if (profile.type === 'text') profile.text = profileText(column);
  return profile;
}

/** Token statistics of a string column, as the text profile shows them (also when the user switches a column to text). */
export function profileText(column: Extract<Column, { storage: 'string' }>): TextStats & { sampled: boolean } {
  const cells: string[] = [];
  for (let i = 0; i < column.codes.length && cells.length < TEXT_PROFILE_CELLS; i++) {
    const code = column.codes[i];
    if (code >= 0) cells.push(column.dictionary[code]);
  }
  return { ...textStats(cells, DEFAULT_TOKENIZER, TOP_VALUES), sampled: column.codes.length - column.missing > cells.length };
}

export function shortNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}
