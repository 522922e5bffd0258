import { memo, useMemo, useState } from 'react';
import type { RocCurve } from '../../evaluate';
import { linePath, type PlotBox } from '../../evaluate/chart-shape';
import { formatMetric } from '../common/format';
import { useT } from '../../i18n/locale';

const BOX: PlotBox = { width: 300, height: 240, left: 40, right: 12, top: 8, bottom: 36 };
const UNIT: [number, number] = [0, 1];
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * The ROC curve as plain SVG (issue 19, 4b): recharts' mount here was a long task on every result.
 * The thresholds are in the table, built only when opened.
 */
export const RocChart = memo(function RocChart({ roc, auc, positive }: { roc: RocCurve; auc: number; positive: string }) {
  const t = useT();
  const [tableOpen, setTableOpen] = useState(false);
  const curve = useMemo(() => linePath(roc.fpr, roc.tpr, BOX, UNIT, UNIT), [roc]);
  const chance = linePath(UNIT, UNIT, BOX, UNIT, UNIT);
  const x = (v: number) => BOX.left + v * (BOX.width - BOX.left - BOX.right);
  const y = (v: number) => BOX.height - BOX.bottom - v * (BOX.height - BOX.top - BOX.bottom);
  return (
    <figure className="chart" data-testid="roc-chart">
      <figcaption>{t('roc.caption', { positive, auc: formatMetric(auc) })}</figcaption>
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} width="100%" style={{ maxWidth: 320 }} height={BOX.height} aria-hidden="true">
        {TICKS.map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={y(0)} y2={y(1)} stroke="var(--grid)" strokeDasharray="3 3" />
            <line x1={x(0)} x2={x(1)} y1={y(v)} y2={y(v)} stroke="var(--grid)" strokeDasharray="3 3" />
            <text x={x(v)} y={y(0) + 12} textAnchor="middle" fontSize="10" fill="var(--muted)">
              {v}
            </text>
            <text x={x(0) - 4} y={y(v) + 3} textAnchor="end" fontSize="10" fill="var(--muted)">
              {v}
            </text>
          </g>
        ))}
        <text x={(x(0) + x(1)) / 2} y={BOX.height - 4} textAnchor="middle" fontSize="11" fill="var(--muted)">
          {t('roc.fprAxis')}
        </text>
        <text x={10} y={(y(0) + y(1)) / 2} textAnchor="middle" fontSize="11" fill="var(--muted)" transform={`rotate(-90 10 ${(y(0) + y(1)) / 2})`}>
          {t('roc.tprAxis')}
        </text>
        <path d={chance} fill="none" stroke="var(--grid)" />
        <path d={curve} fill="none" stroke="var(--accent)" strokeWidth="1.5" data-testid="roc-curve" />
      </svg>
      <details onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>{t('roc.table')}</summary>
        {tableOpen ? (
          <div className="table-scroll">
            <table className="compact-table">
              <thead>
                <tr>
                  <th scope="col">{t('roc.threshold')}</th>
                  <th scope="col">{t('roc.fpr')}</th>
                  <th scope="col">{t('roc.tpr')}</th>
                </tr>
              </thead>
              <tbody>
                {roc.fpr.map((fpr, i) => (
                  <tr key={i}>
                    <td>{formatMetric(roc.thresholds[i], 4)}</td>
                    <td>{formatMetric(fpr)}</td>
                    <td>{formatMetric(roc.tpr[i])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </details>
    </figure>
  );
});
