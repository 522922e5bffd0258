import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { memo, useRef } from 'react';
import type { TornadoRow } from '../../revenue';
import { useUntabbableChartLayers } from './chart-focus';
import { t, useT } from '../../i18n/locale';

export interface TornadoChartProps {
  rows: TornadoRow[];
  percent: string;
  descriptionId: string;
  formatAxis: (value: number) => string;
  formatValue: (value: number) => string;
}

/** Bars show the change in total revenue against base when each input is lowered / raised (memoized: results do not change it). */
export const TornadoChart = memo(function TornadoChart({ rows, percent, descriptionId, formatAxis, formatValue }: TornadoChartProps) {
  useT();
  const ref = useRef<HTMLDivElement>(null);
  useUntabbableChartLayers(ref);
  return (
    <div ref={ref} className="revenue-chart revenue-tornado" data-testid="revenue-tornado" role="group" aria-label={t('revenue.tornadoLabel')} aria-describedby={descriptionId}>
      <ResponsiveContainer width="100%" height={Math.max(200, rows.length * 44 + 60)} initialDimension={{ width: 640, height: 360 }}>
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} barGap={2}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => formatAxis(v)} />
          <YAxis type="category" dataKey="label" width={140} />
          <ReferenceLine x={0} stroke="var(--text, #374151)" />
          <Tooltip formatter={(value) => (typeof value === 'number' ? formatValue(value) : String(value))} />
          <Legend />
          <Bar dataKey="lowDelta" name={`Input −${percent}%`} fill="var(--chart-4, #b45309)" isAnimationActive={false} />
          <Bar dataKey="highDelta" name={`Input +${percent}%`} fill="var(--chart-1, #1d4ed8)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
});
