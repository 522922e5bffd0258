import { memo } from 'react';
import type { EpochRecord } from '../../train/train-loop';
import { formatMetric } from '../common/format';
import { useT } from '../../i18n/locale';
import { maxOf, minOf } from '../../lib/arrays';
import { linePath, type PlotBox } from '../../evaluate/chart-shape';

/**
 * The curves as plain SVG paths, redrawn in well under a millisecond: while training runs and when the
 * result arrives. Recharts took 40–450 ms of main-thread time per live update here and 0.4–1 s to mount
 * for a finished run, so it mounts only when the user points at or focuses a chart (for its tooltips).
 */
const WIDTH = 480;
const HEIGHT = 180;
const BOX: PlotBox = { width: WIDTH, height: HEIGHT, left: 44, right: 10, top: 8, bottom: 22 };

interface LiveCurvesProps {
  history: EpochRecord[];
  metric: 'loss' | 'accuracy';
  label: string;
  title: string;
}

export const LiveCurves = memo(function LiveCurves({ history, metric, label, title }: LiveCurvesProps) {
  const t = useT();
  const train = history.map((h) => h[metric]);
  const validation = history.map((h) => (metric === 'loss' ? h.valLoss : h.valAccuracy)).filter((v): v is number => v !== null);
  const values = [...train, ...validation].filter(Number.isFinite);
  const low = metric === 'accuracy' ? 0 : minOf(values, 0);
  const high = metric === 'accuracy' ? 1 : maxOf(values, 1e-6);
  const epochs = Math.max(2, history.length);
  const indices = history.map((_, i) => i);
  const line = (series: (number | null)[]) => linePath(indices, series, BOX, [0, epochs - 1], [low, high]);
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
        <line x1={BOX.left} x2={WIDTH - BOX.right} y1={HEIGHT - BOX.bottom} y2={HEIGHT - BOX.bottom} stroke="var(--grid)" />
        <line x1={BOX.left} x2={BOX.left} y1={BOX.top} y2={HEIGHT - BOX.bottom} stroke="var(--grid)" />
        <text x={BOX.left - 4} y={BOX.top + 4} textAnchor="end" fontSize="10" fill="var(--muted)">
          {formatMetric(high, 2)}
        </text>
        <text x={BOX.left - 4} y={HEIGHT - BOX.bottom} textAnchor="end" fontSize="10" fill="var(--muted)">
          {formatMetric(low, 2)}
        </text>
        <text x={WIDTH - BOX.right} y={HEIGHT - 6} textAnchor="end" fontSize="10" fill="var(--muted)">
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
