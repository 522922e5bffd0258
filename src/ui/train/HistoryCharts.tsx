import { memo, useEffect, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochRecord } from '../../train/train-loop';
import { formatMetric } from '../common/format';
import { LiveCurves } from './LiveCurves';
import { useT } from '../../i18n/locale';

interface HistoryChartsProps {
  history: EpochRecord[];
  title: string;
  /** While training: cheap SVG curves instead of recharts (see LiveCurves). */
  live?: boolean;
}

/** At most this many points per line: more adds render time, not information. */
const MAX_POINTS = 120;

export function downsample(history: EpochRecord[]): EpochRecord[] {
  if (history.length <= MAX_POINTS) return history;
  const step = history.length / MAX_POINTS;
  const points: EpochRecord[] = [];
  for (let i = 0; i < MAX_POINTS - 1; i++) points.push(history[Math.floor(i * step)]);
  points.push(history[history.length - 1]);
  return points;
}

/** The value, `delayMs` later: lets two charts update in different frames instead of one long task. */
function useDelayedValue<T>(value: T, delayMs: number): T {
  const [delayed, setDelayed] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDelayed(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return delayed;
}

interface MetricChartProps {
  points: EpochRecord[];
  metric: 'loss' | 'accuracy';
  label: string;
  title: string;
  hasValidation: boolean;
}

const MetricChart = memo(function MetricChart({ points, metric, label, title, hasValidation }: MetricChartProps) {
  const t = useT();
  return (
    <figure className="chart" data-testid={`chart-${metric}`}>
      <figcaption>
        {label} — {title}
      </figcaption>
      <div style={{ height: 200 }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis dataKey="epoch" label={{ value: t('chart.epoch'), position: 'insideBottomRight', offset: -4 }} />
            <YAxis domain={metric === 'accuracy' ? [0, 1] : ['auto', 'auto']} width={48} tickFormatter={(v: number) => formatMetric(v, 2)} />
            <Tooltip formatter={(v) => formatMetric(Number(v), 4)} />
            <Line type="monotone" dataKey={metric} name={t(`chart.train.${metric}`)} stroke="var(--accent)" dot={false} isAnimationActive={false} />
            {hasValidation ? (
              <Line type="monotone" dataKey={metric === 'loss' ? 'valLoss' : 'valAccuracy'} name={t(`chart.validation.${metric}`)} stroke="var(--accent-2)" dot={false} isAnimationActive={false} />
            ) : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
      {/* A static legend: recharts' Legend re-measures itself on every update, which is most of a live update's cost. */}
      <p className="chart-legend">
        <span className="legend-swatch" style={{ background: 'var(--accent)' }} aria-hidden="true" /> {t(`chart.train.${metric}`)}
        {hasValidation ? (
          <>
            {' '}
            <span className="legend-swatch" style={{ background: 'var(--accent-2)' }} aria-hidden="true" /> {t(`chart.validation.${metric}`)}
          </>
        ) : null}
      </p>
    </figure>
  );
});

/** Loss and accuracy per epoch, training and validation side by side, with a table as text alternative. */
export const HistoryCharts = memo(function HistoryCharts({ history, title, live = false }: HistoryChartsProps) {
  const t = useT();
  // Plain SVG curves while training and when the result arrives; recharts (tooltips) mounts only once the
  // user points at or focuses the finished charts — its mount was the longest task of a result (0.4–1 s).
  const [wantsInteractive, setWantsInteractive] = useState(false);
  // A new run starts plain again: the next result must not mount recharts as it arrives.
  if (live && wantsInteractive) setWantsInteractive(false);
  const interactive = wantsInteractive && !live;
  const askInteractive = () => {
    if (!live) setWantsInteractive(true);
  };
  // The table is built only when opened: re-rendering hundreds of rows on every epoch would block the page.
  const [tableOpen, setTableOpen] = useState(false);
  const hasValidation = history.some((h) => h.valLoss !== null);
  // Regression runs have no accuracy (NaN): their charts show the loss only.
  const hasAccuracy = history.length === 0 || history.some((h) => Number.isFinite(h.accuracy));
  const points = useMemo(() => downsample(history), [history]);
  const accuracyPoints = useDelayedValue(points, 120);
  return (
    <div className="history">
      <div className="chart-pair" onPointerEnter={askInteractive} onFocus={askInteractive} tabIndex={interactive ? undefined : 0} data-testid="history-charts" data-interactive={interactive}>
        {!interactive ? (
          <>
            <LiveCurves history={points} metric="loss" label={t('chart.loss')} title={title} />
            {hasAccuracy ? <LiveCurves history={points} metric="accuracy" label={t('chart.accuracy')} title={title} /> : null}
          </>
        ) : (
          <>
            <MetricChart points={points} metric="loss" label={t('chart.loss')} title={title} hasValidation={hasValidation} />
            {hasAccuracy ? <MetricChart points={accuracyPoints} metric="accuracy" label={t('chart.accuracy')} title={title} hasValidation={hasValidation} /> : null}
          </>
        )}
      </div>
      <details onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>{t('chart.historyTable', { epochs: history.length })}</summary>
        {tableOpen ? (
          <div className="table-scroll">
            <table className="compact-table" data-testid="history-table">
              <thead>
                <tr>
                  <th scope="col">{t('chart.epoch')}</th>
                  <th scope="col">{t('chart.loss')}</th>
                  <th scope="col">{t('chart.accuracy')}</th>
                  <th scope="col">{t('chart.validationLoss')}</th>
                  <th scope="col">{t('chart.validationAccuracy')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.epoch}>
                    <td>{h.epoch}</td>
                    <td>{formatMetric(h.loss, 4)}</td>
                    <td>{formatMetric(h.accuracy)}</td>
                    <td>{formatMetric(h.valLoss, 4)}</td>
                    <td>{formatMetric(h.valAccuracy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </details>
    </div>
  );
});
