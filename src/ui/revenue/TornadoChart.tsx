import { memo, useMemo, useRef } from 'react';
import type { TornadoRow } from '../../revenue';
import { ChartLegend } from './ChartLegend';
import { tornadoShape } from './svg-chart';
import { useChartWidth } from './use-chart-width';
import { t, useT } from '../../i18n/locale';

export interface TornadoChartProps {
  rows: TornadoRow[];
  percent: string;
  descriptionId: string;
  formatAxis: (value: number) => string;
  formatValue: (value: number) => string;
}

const MARGIN = { top: 8, right: 28, bottom: 28, left: 148 };
const LOW = 'var(--chart-4, #b45309)';
const HIGH = 'var(--chart-1, #1d4ed8)';

/**
 * Bars show the change in total revenue against base when each input is lowered / raised, as plain SVG
 * (issue 13: no recharts mount at start-up); each bar has a tooltip and the table below lists every value.
 * Memoized: results do not change it.
 */
export const TornadoChart = memo(function TornadoChart({ rows, percent, descriptionId, formatAxis, formatValue }: TornadoChartProps) {
  useT();
  const ref = useRef<HTMLDivElement>(null);
  const width = Math.max(280, useChartWidth(ref, 640));
  const height = Math.max(200, rows.length * 44 + 60) - 26; // with the legend under it, the placeholder's height
  const shape = useMemo(() => tornadoShape(rows, { width, height, ...MARGIN }), [rows, width, height]);
  const lowName = `Input −${percent}%`;
  const highName = `Input +${percent}%`;
  const plotBottom = height - MARGIN.bottom;
  return (
    <div ref={ref} className="revenue-chart revenue-tornado" data-testid="revenue-tornado" role="group" aria-label={t('revenue.tornadoLabel')} aria-describedby={descriptionId}>
      <svg className="revenue-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
        <g className="revenue-grid-lines" stroke="var(--border, #d1d5db)" strokeDasharray="3 3">
          {shape.xTicks.map((tick) => (
            <line key={tick.value} x1={tick.x} x2={tick.x} y1={MARGIN.top} y2={plotBottom} />
          ))}
        </g>
        <g className="revenue-axis" fontSize="12">
          <line x1={MARGIN.left} x2={width - MARGIN.right} y1={plotBottom} y2={plotBottom} stroke="var(--muted, #5a6470)" />
          {shape.xTicks.map((tick) => (
            <text key={tick.value} x={tick.x} y={plotBottom + 16} textAnchor="middle">
              {formatAxis(tick.value)}
            </text>
          ))}
          {shape.rows.map((r, i) => (
            <text key={rows[i].input} x={MARGIN.left - 8} y={r.center} dy="0.32em" textAnchor="end">
              {rows[i].label}
            </text>
          ))}
        </g>
        {shape.rows.map((r, i) => (
          <g key={rows[i].input} className="revenue-bars">
            <rect x={r.low.x} y={r.low.y} width={r.low.width} height={r.low.height} fill={LOW}>
              <title>{`${rows[i].label}, ${lowName}: ${formatValue(rows[i].lowDelta)}`}</title>
            </rect>
            <rect x={r.high.x} y={r.high.y} width={r.high.width} height={r.high.height} fill={HIGH}>
              <title>{`${rows[i].label}, ${highName}: ${formatValue(rows[i].highDelta)}`}</title>
            </rect>
          </g>
        ))}
        <line x1={shape.zero} x2={shape.zero} y1={MARGIN.top} y2={plotBottom} stroke="var(--text, #374151)" />
      </svg>
      <ChartLegend
        entries={[
          { name: lowName, color: LOW, bar: true },
          { name: highName, color: HIGH, bar: true },
        ]}
      />
    </div>
  );
});
