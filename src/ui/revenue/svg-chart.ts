/**
 * Geometry of the revenue panel's two charts, drawn as plain SVG (issue 13): the projection's cumulative
 * lines and the tornado's bars. Pure arithmetic, no DOM and no chart library: recharts' first mount after a
 * fresh page's start-up (first execution of its ~400 KB chunk: compilation, text measurement through the
 * DOM, store updates inside layout effects) was one 0.6–1.1 s main-thread task on a quiet machine, and
 * these two charts were the only recharts mounted at start-up.
 */
import { linePath, scale, type PlotBox } from '../../evaluate/chart-shape';

/** Where the plot sits in its SVG (pixels): the result panels' plot box. */
export type Box = PlotBox;

/**
 * "Nice" ticks (1, 2, 2.5 or 5 × 10^k apart) covering [min, max], about `count` of them; the first and last
 * tick enclose the data, so they are the axis' domain. Non-finite bounds give [0, 1].
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const first = Math.floor(min / step);
  const last = Math.ceil(max / step);
  const ticks: number[] = [];
  // Integer multiples of the step (no accumulated rounding error); -0 becomes 0.
  for (let i = first; i <= last; i++) ticks.push(i * step + 0);
  return ticks;
}

/** At most `max` evenly spaced indices of `n` items, always the first and the last. */
export function spacedIndices(n: number, max: number): number[] {
  if (n <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const every = Math.ceil((n - 1) / Math.max(1, max - 1));
  const out: number[] = [];
  for (let i = 0; i < n - 1; i += every) out.push(i);
  if (n - 1 - out[out.length - 1] < every / 2 && out.length > 1) out.pop();
  out.push(n - 1);
  return out;
}

/** Nice ticks over every finite value of `groups` and 0 (both charts draw from a zero base). */
function ticksWithZero(groups: readonly (readonly number[])[], count?: number): number[] {
  let lo = 0;
  let hi = 0;
  for (const g of groups)
    for (const v of g)
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
  return niceTicks(lo, hi, count);
}

export interface LineChartShape {
  /** The x position (px) of each point. */
  xs: number[];
  /** One SVG path per series (empty when the series has no finite point). */
  paths: string[];
  yTicks: { value: number; y: number }[];
  /** The labelled x positions: index into the data and its x (px). */
  xTicks: { index: number; x: number }[];
}

/** Lines through `series` (each one value per point), x evenly spaced by index, y from a nice domain containing 0. */
export function lineChartShape(series: readonly (readonly number[])[], box: Box, maxXTicks = 12): LineChartShape {
  const n = series.reduce((m, s) => Math.max(m, s.length), 0);
  const ticks = ticksWithZero(series);
  const domain: [number, number] = [ticks[0], ticks[ticks.length - 1]];
  // x by index; a lone point sits in the middle of the plot.
  const xDomain: [number, number] = n === 1 ? [-1, 1] : [0, n - 1];
  const xs = Array.from({ length: n }, (_, i) => scale(i, xDomain, box.left, box.width - box.right));
  // The result panels' path builder: non-finite points skipped, the line joining its neighbours.
  const paths = series.map((s) =>
    linePath(
      Array.from({ length: s.length }, (_, i) => i),
      s,
      box,
      xDomain,
      domain,
    ),
  );
  return {
    xs,
    paths,
    yTicks: ticks.map((value) => ({ value, y: scale(value, domain, box.height - box.bottom, box.top) })),
    xTicks: spacedIndices(n, maxXTicks).map((index) => ({ index, x: xs[index] })),
  };
}

export interface BarShape {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TornadoShape {
  /** Per row: the band's centre (px) and its two bars (lowered, raised), each drawn from 0. */
  rows: { center: number; low: BarShape; high: BarShape }[];
  xTicks: { value: number; x: number }[];
  /** The x of 0 (the base line). */
  zero: number;
}

/** Horizontal bars from 0 for each row's two deltas, one band per row, x from a nice domain containing 0. */
export function tornadoShape(rows: readonly { lowDelta: number; highDelta: number }[], box: Box, barGap = 2): TornadoShape {
  // About one tick label per 80 px, so money labels such as "-€300K" never overlap on a narrow screen.
  const tickCount = Math.max(1, Math.floor((box.width - box.left - box.right) / 80));
  const ticks = ticksWithZero(
    rows.map((r) => [r.lowDelta, r.highDelta]),
    tickCount,
  );
  const domain: [number, number] = [ticks[0], ticks[ticks.length - 1]];
  const x0 = box.left;
  const x1 = box.width - box.right;
  const zero = scale(0, domain, x0, x1);
  const band = (box.height - box.top - box.bottom) / Math.max(1, rows.length);
  const barHeight = Math.max(1, (band * 0.8 - barGap) / 2);
  const bar = (value: number, y: number): BarShape => {
    const x = Number.isFinite(value) ? scale(value, domain, x0, x1) : zero;
    return { x: Math.min(x, zero), y, width: Math.abs(x - zero), height: barHeight };
  };
  return {
    rows: rows.map((r, i) => {
      const top = box.top + i * band + band * 0.1;
      return { center: box.top + (i + 0.5) * band, low: bar(r.lowDelta, top), high: bar(r.highDelta, top + barHeight + barGap) };
    }),
    xTicks: ticks.map((value) => ({ value, x: scale(value, domain, x0, x1) })),
    zero,
  };
}
