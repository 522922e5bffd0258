import { memo } from 'react';
import type { EpochRecord } from '../../train/train-loop';
import { formatMetric } from '../common/format';
import { useT } from '../../i18n/locale';
import { maxOf, minOf } from '../../lib/arrays';

/**
 * The curves while training runs: plain SVG paths, redrawn in well under a millisecond. Recharts
 * (used for the finished history) took 40–450 ms of main-thread time per live update here, enough to
 * make the page stutter; the finished run is drawn with recharts again, with tooltips.
 */
const WIDTH = 480;
const HEIGHT = 180;
const PAD = { left: 44, right: 10, top: 8, bottom: 22 };

interface LiveCurvesProps {
  history: EpochRecord[];
  metric: 'loss' | 'accuracy';
  label: string;
  title: string;
}

function path(points: [number, number][]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
}

export const LiveCurves = memo(function LiveCurves({ history, metric, label, title }: LiveCurvesProps) {
  const t = useT();
  const train = history.map((h) => h[metric]);
  const validation = history.map((h) => (metric === 'loss' ? h.valLoss : h.valAccuracy)).filter((v): v is number => v !== null);
  const values = [...train, ...validation].filter(Number.isFinite);
  const low = metric === 'accuracy' ? 0 : minOf(values, 0);
  const high = metric === 'accuracy' ? 1 : maxOf(values, 1e-6);
  const epochs = Math.max(2, history.length);
  const x = (i: number) => PAD.left + (i / (epochs - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - low) / (high - low || 1)) * (HEIGHT - PAD.top - PAD.bottom);
  const line = (series: (number | null)[]) => path(series.flatMap((v, i) => (v === null || !Number.isFinite(v) ? [] : [[x(i), y(v)] as [number, number]])));
  const last = history[history.length - 1];
  return (
    <figure className="chart" data-testid={`chart-${metric}`}>
      <figcaption>
        {label} — {title}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        role="img"
        aria-label={last ? t('chart.perEpochLast', { label, epoch: last.epoch, value: formatMetric(last[metric], 3) }) : t('chart.perEpoch', { label })}
      >
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} stroke="var(--grid)" />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={HEIGHT - PAD.bottom} stroke="var(--grid)" />
        <text x={PAD.left - 4} y={PAD.top + 4} textAnchor="end" fontSize="10" fill="var(--muted)">
          {formatMetric(high, 2)}
        </text>
        <text x={PAD.left - 4} y={HEIGHT - PAD.bottom} textAnchor="end" fontSize="10" fill="var(--muted)">
          {formatMetric(low, 2)}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" fontSize="10" fill="var(--muted)">
          {t('chart.epochN', { epoch: history.length })}
        </text>
        <path d={line(train)} fill="none" stroke="var(--accent)" strokeWidth="1.5" />
        <path d={line(history.map((h) => (metric === 'loss' ? h.valLoss : h.valAccuracy)))} fill="none" stroke="var(--accent-2)" strokeWidth="1.5" />
      </svg>
      <p className="chart-legend">
        <span className="legend-swatch" style={{ background: 'var(--accent)' }} aria-hidden="true" /> {t(`chart.train.${metric}`)}
        {validation.length > 0 ? (
          <>
            {' '}
            <span className="legend-swatch" style={{ background: 'var(--accent-2)' }} aria-hidden="true" /> {t(`chart.validation.${metric}`)}
          </>
        ) : null}
      </p>
    </figure>
  );
});
