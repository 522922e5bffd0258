import { forwardRef, memo, useImperativeHandle, useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartPoint } from '../../revenue';
import { useUntabbableChartLayers } from './chart-focus';
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

/**
 * Cumulative revenue, cost and profit per period. Series differ by dash
 * pattern as well as colour so they stay distinguishable without colour.
 * The wrapper ref is used to export the rendered <svg>.
 */
/* Memoized: a new training result re-renders the revenue panel (model tie-in), not this chart (issue 19). */
export const RevenueChart = memo(
  forwardRef<HTMLDivElement, RevenueChartProps>(function RevenueChart(props, ref) {
    useT();
    const { data, unitLabel, descriptionId, formatAxis, formatValue } = props;
    const own = useRef<HTMLDivElement>(null);
    // The parent needs the wrapper to export the <svg>; this component needs it for focus fixing.
    useImperativeHandle<HTMLDivElement | null, HTMLDivElement | null>(ref, () => own.current, []);
    useUntabbableChartLayers(own);
    return (
      <div ref={own} className="revenue-chart" data-testid="revenue-chart" role="group" aria-label={t('revenue.chartLabel')} aria-describedby={descriptionId}>
        <ResponsiveContainer width="100%" height={320} initialDimension={{ width: 640, height: 320 }}>
          <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="period" label={{ value: unitLabel, position: 'insideBottomRight', offset: -4 }} />
            <YAxis width={88} tickFormatter={(v: number) => formatAxis(v)} />
            <Tooltip formatter={(value) => (typeof value === 'number' ? formatValue(value) : String(value))} labelFormatter={(label) => `${unitLabel} ${String(label)}`} />
            <Legend />
            {SERIES.map((s) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={t(s.name)} stroke={s.color} strokeDasharray={s.dash} strokeWidth={2} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    );
  }),
);
