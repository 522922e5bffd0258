import { forwardRef, memo, useImperativeHandle, useMemo, useRef } from 'react';
import type { ChartPoint } from '../../revenue';
import { ChartLegend } from './ChartLegend';
import { lineChartShape, type Box } from './svg-chart';
import { useChartWidth } from './use-chart-width';
import { t, useT } from '../../i18n/locale';

export interface RevenueChartProps {
  data: ChartPoint[];
  unitLabel: string;
  descriptionId: string;
  formatAxis: (value: number) => string;
  formatValue: (value: number) => string;
}

export const SERIES = [
  { key: 'cumulativeRevenue', name: 'revenue.series.cumulativeRevenue' as const, color: 'var(--chart-1, #1d4ed8)', dash: undefined },
  { key: 'cumulativeCost', name: 'revenue.series.cumulativeCost' as const, color: 'var(--chart-2, #b91c1c)', dash: '6 4' },
  { key: 'cumulativeProfit', name: 'revenue.series.cumulativeProfit' as const, color: 'var(--chart-3, #15803d)', dash: '2 3' },
] as const;

/** With the legend (~26 px) under it, the height of the placeholder (320 px) it replaces after start-up. */
const HEIGHT = 294;
const MARGIN = { top: 12, right: 24, bottom: 40, left: 96 };

/**
 * Cumulative revenue, cost and profit per period, as plain SVG (issue 13: recharts' first mount was the
 * longest task of a fresh page's start-up). Series differ by dash pattern as well as colour so they stay
 * distinguishable without colour; each period has a tooltip with its three values, and the table below
 * the chart lists them all. The wrapper ref is used to export the rendered <svg>.
 */
/* Memoized: a new training result re-renders the revenue panel (model tie-in), not this chart (issue 19). */
export const RevenueChart = memo(
  forwardRef<HTMLDivElement, RevenueChartProps>(function RevenueChart(props, ref) {
    useT();
    const { data, unitLabel, descriptionId, formatAxis, formatValue } = props;
    const own = useRef<HTMLDivElement>(null);
    // The parent needs the wrapper to export the <svg>.
    useImperativeHandle<HTMLDivElement | null, HTMLDivElement | null>(ref, () => own.current, []);
    const width = Math.max(240, useChartWidth(own, 640));
    const box: Box = { width, height: HEIGHT, ...MARGIN };
    const shape = useMemo(
      () =>
        lineChartShape(
          SERIES.map((s) => data.map((p) => p[s.key])),
          { width, height: HEIGHT, ...MARGIN },
          Math.max(2, Math.floor((width - MARGIN.left - MARGIN.right) / 48)),
        ),
      [data, width],
    );
    const names = SERIES.map((s) => t(s.name));
    const plotBottom = HEIGHT - box.bottom;
    const half = shape.xs.length > 1 ? (shape.xs[1] - shape.xs[0]) / 2 : (width - box.left - box.right) / 2;
    return (
      <div ref={own} className="revenue-chart" data-testid="revenue-chart" role="group" aria-label={t('revenue.chartLabel')} aria-describedby={descriptionId}>
        <svg className="revenue-svg" width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} aria-hidden="true">
          <g className="revenue-grid-lines" stroke="var(--border, #d1d5db)" strokeDasharray="3 3">
            {shape.yTicks.map((tick) => (
              <line key={tick.value} x1={box.left} x2={width - box.right} y1={tick.y} y2={tick.y} />
            ))}
          </g>
          <g className="revenue-axis" fontSize="12">
            <line x1={box.left} x2={width - box.right} y1={plotBottom} y2={plotBottom} stroke="var(--muted, #5a6470)" />
            <line x1={box.left} x2={box.left} y1={box.top} y2={plotBottom} stroke="var(--muted, #5a6470)" />
            {shape.yTicks.map((tick) => (
              <text key={tick.value} x={box.left - 6} y={tick.y} dy="0.32em" textAnchor="end">
                {formatAxis(tick.value)}
              </text>
            ))}
            {shape.xTicks.map((tick) => (
              <text key={tick.index} x={tick.x} y={plotBottom + 16} textAnchor="middle">
                {data[tick.index]?.period}
              </text>
            ))}
            <text x={width - box.right} y={HEIGHT - 4} textAnchor="end">
              {unitLabel}
            </text>
          </g>
          {SERIES.map((s, i) => (
            <path key={s.key} className="revenue-line" d={shape.paths[i]} fill="none" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash} />
          ))}
          <g className="revenue-hover" fill="transparent">
            {shape.xs.map((x, i) => (
              <rect key={i} x={x - half} y={box.top} width={Math.max(1, 2 * half)} height={plotBottom - box.top}>
                <title>{`${unitLabel} ${data[i].period}\n${SERIES.map((s, j) => `${names[j]}: ${formatValue(data[i][s.key])}`).join('\n')}`}</title>
              </rect>
            ))}
          </g>
        </svg>
        <ChartLegend entries={SERIES.map((s, i) => ({ name: names[i], color: s.color, dash: s.dash }))} />
      </div>
    );
  }),
);
