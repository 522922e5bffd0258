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
  const present = new Float64Array(values.length - missing);
  let k = 0;
  let sum = 0;
  let ascending = true;
  let smallIntegers = true;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) {
      if (k > 0 && v < present[k - 1]) ascending = false;
      if (smallIntegers && (!Number.isInteger(v) || (v === 0 && 1 / v < 0))) smallIntegers = false;
      if (v < low) low = v;
      if (v > high) high = v;
      present[k++] = v;
      sum += v;
    }
  }
  sortPresent(present, ascending, smallIntegers && high - low <= COUNTING_RANGE, low, high);
  let distinct = 0;
  for (let i = 0; i < present.length; i++) if (i === 0 || present[i] !== present[i - 1]) distinct++;
  const column: Column = { storage: 'numeric', name, values, missing };
  const type = inferColumnType(column, distinct);
  if (present.length === 0) return { name, type, storage: 'numeric', missing, distinct: 0, histogram: [] };
  const mean = sum / present.length;
  let squares = 0;
  for (let i = 0; i < present.length; i++) squares += (present[i] - mean) ** 2;
  const min = present[0];
  const max = present[present.length - 1];
  const mid = present.length >> 1;
  const median = present.length % 2 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
  let integers = true;
  for (let i = 0; i < present.length && integers; i++) integers = Number.isInteger(present[i]);
  const profile: ColumnProfile = {
    name,
    type,
    storage: 'numeric',
    missing,
    distinct,
    integers,
    min,
    max,
    mean,
    std: present.length > 1 ? Math.sqrt(squares / (present.length - 1)) : 0,
    median,
    histogram: distinct <= NUMERIC_BINS ? discreteHistogram(present) : binnedHistogram(present, min, max),
  };
  if (type === 'boolean' || type === 'id') profile.top = topOfSorted(present);
  return profile;
}

/** Integer columns spanning at most this many values are sorted by counting (ages, counts, ratings, flags). */
const COUNTING_RANGE = 1 << 16;

/**
 * Sorts a column's present values ascending: nothing to do when they already are (ids, timestamps); a
 * counting sort for integers in a small range (-0 excluded, it would come back as 0); otherwise a radix
 * sort. The same order as Float64Array.prototype.sort, without its O(n log n) on a million rows.
 */
function sortPresent(present: Float64Array, ascending: boolean, countable: boolean, low: number, high: number): void {
  if (ascending) return;
  if (!countable) {
    sortFloat64(present);
    return;
  }
  const counts = new Int32Array(high - low + 1);
  for (let i = 0; i < present.length; i++) counts[present[i] - low]++;
  let k = 0;
  for (let b = 0; b < counts.length; b++) {
    const value = low + b;
    for (let c = counts[b]; c > 0; c--) present[k++] = value;
  }
}

/** One bar per distinct value, for columns with few values (counts, ratings, 0/1 flags). */
function discreteHistogram(sorted: Float64Array): HistogramBin[] {
  const bins: HistogramBin[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    bins.push({ label: formatNumberCell(sorted[i]), count: j - i, from: sorted[i], to: sorted[i] });
    i = j;
  }
  return bins;
}

function binnedHistogram(sorted: Float64Array, min: number, max: number): HistogramBin[] {
  const width = (max - min) / NUMERIC_BINS;
  const counts = new Array<number>(NUMERIC_BINS).fill(0);
  for (let i = 0; i < sorted.length; i++) {
    counts[Math.min(NUMERIC_BINS - 1, Math.floor((sorted[i] - min) / width))]++;
  }
  return counts.map((count, b) => {
    const from = min + b * width;
    const to = b === NUMERIC_BINS - 1 ? max : min + (b + 1) * width;
    return { label: `${shortNumber(from)}–${shortNumber(to)}`, count, from, to };
  });
}

/**
 * The TOP_VALUES most frequent values, most common first, ties in ascending order. One pass over the
 * runs of equal values; only the chosen ones are formatted (an id column has a run per row).
 */
function topOfSorted(sorted: Float64Array): { value: string; count: number }[] {
  const top: { value: number; count: number }[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    const count = j - i;
    // Runs arrive in ascending order, so an equal count never displaces an earlier value.
    if (top.length < TOP_VALUES || count > top[top.length - 1].count) {
      let at = top.length;
      while (at > 0 && top[at - 1].count < count) at--;
      top.splice(at, 0, { value: sorted[i], count });
      if (top.length > TOP_VALUES) top.pop();
    }
    i = j;
  }
  return top.map((t) => ({ value: formatNumberCell(t.value), count: t.count }));
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
