import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RocCurve } from '../../evaluate';
import { formatMetric } from '../common/format';
import { useT } from '../../i18n/locale';

export function RocChart({ roc, auc, positive }: { roc: RocCurve; auc: number; positive: string }) {
  const t = useT();
  const points = roc.fpr.map((fpr, i) => ({ fpr, tpr: roc.tpr[i], threshold: roc.thresholds[i] }));
  return (
    <figure className="chart" data-testid="roc-chart">
      <figcaption>{t('roc.caption', { positive, auc: formatMetric(auc) })}</figcaption>
      <div style={{ height: 240, maxWidth: 320 }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis type="number" dataKey="fpr" domain={[0, 1]} label={{ value: t('roc.fprAxis'), position: 'insideBottom', offset: -8 }} />
            <YAxis type="number" domain={[0, 1]} width={40} label={{ value: t('roc.tprAxis'), angle: -90, position: 'insideLeft' }} />
            <Tooltip formatter={(v) => formatMetric(Number(v))} />
            <Line type="linear" dataKey="tpr" stroke="var(--accent)" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>{t('roc.table')}</summary>
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
              {points.map((p, i) => (
                <tr key={i}>
                  <td>{formatMetric(p.threshold, 4)}</td>
                  <td>{formatMetric(p.fpr)}</td>
                  <td>{formatMetric(p.tpr)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
