import { useDeferredValue, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio } from '../../store/studio-store';
import { metricDeltas, settingsDiff, type RunRecord } from '../../notebook/runs';
import { formatMetric, formatPercentValue } from '../common/format';
import { maxOf } from '../../lib/arrays';
import { formatDateTime, t, useT } from '../../i18n/locale';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];

function runLabel(run: RunRecord, index: number): string {
  return `${index + 1}. ${t(`runs.kind.${run.kind}`)} · ${run.modelDescription}`;
}

/** Overlaid curves of the compared runs (one line per run; validation when the run had it, else training). */
function CompareChart({ runs, metric }: { runs: RunRecord[]; metric: 'loss' | 'accuracy' }) {
  useT();
  const data = useMemo(() => {
    const length = maxOf(
      runs.map((r) => r.curves?.loss.length ?? 0),
      0,
    );
    return Array.from({ length }, (_, i) => {
      const point: Record<string, number | null> = { epoch: i + 1 };
      runs.forEach((r, k) => {
        point[`train${k}`] = r.curves?.[metric][i] ?? null;
        point[`val${k}`] = r.curves?.[metric === 'loss' ? 'valLoss' : 'valAccuracy'][i] ?? null;
      });
      return point;
    });
  }, [runs, metric]);
  return (
    <figure className="chart" data-testid={`compare-chart-${metric}`}>
      <figcaption>{t('runs.chartCaption', { metric: metric === 'loss' ? t('chart.loss') : t('chart.accuracy') })}</figcaption>
      <div style={{ height: 220 }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis dataKey="epoch" />
            <YAxis domain={metric === 'accuracy' ? [0, 1] : ['auto', 'auto']} width={48} tickFormatter={(v: number) => formatMetric(v, 2)} />
            <Tooltip formatter={(v) => formatMetric(Number(v), 4)} />
            <Legend />
            {runs.map((r, k) => (
              <Line key={`t${r.id}`} dataKey={`train${k}`} name={t('runs.lineTrain', { run: String(k + 1) })} stroke={COLORS[k % COLORS.length]} dot={false} isAnimationActive={false} connectNulls />
            ))}
            {runs.map((r, k) =>
              r.curves?.valLoss.some((v) => v !== null) ? (
                <Line
                  key={`v${r.id}`}
                  dataKey={`val${k}`}
                  name={t('runs.lineValidation', { run: String(k + 1) })}
                  stroke={COLORS[k % COLORS.length]}
                  strokeDasharray="4 3"
                  dot={false}
                  isAnimationActive={false}
                  connectNulls
                />
              ) : null,
            )}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** Every run kept in the notebook: pick two or more to compare, delete the ones not worth keeping. */
export function RunsPanel() {
  useT();
  // Deferred (issue 19, 4b): a new run's row renders after the result's headline, not in the same task.
  const runs = useDeferredValue(useStudio((s) => s.notebook.runs));
  const compareIds = useStudio((s) => s.compareRunIds);
  const toggleCompare = useStudio((s) => s.toggleCompare);
  const deleteRun = useStudio((s) => s.deleteRun);
  const runsNote = useStudio((s) => s.runsNote);
  const compared = useMemo(() => compareIds.map((id) => runs?.find((r) => r.id === id)).filter((r): r is RunRecord => r !== undefined), [compareIds, runs]);
  if (!runs || runs.length === 0) return null;
  const diff = compared.length >= 2 ? settingsDiff(compared) : [];
  const deltas = compared.length >= 2 ? metricDeltas(compared) : [];

  return (
    <div className="runs-panel" data-testid="runs-panel">
      <h4>{t('runs.title', { count: String(runs.length) })}</h4>
      <p className="field-hint">{t('runs.hint')}</p>
      {runsNote ? (
        <p className="field-hint" data-testid="runs-note">
          {runsNote}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="metrics-table" data-testid="runs-table">
          <thead>
            <tr>
              <th>{t('runs.col.compare')}</th>
              <th>{t('runs.col.finished')}</th>
              <th>{t('runs.col.kind')}</th>
              <th>{t('runs.col.model')}</th>
              <th>{t('runs.col.testAccuracy')}</th>
              <th>{t('runs.col.macroF1')}</th>
              <th>{t('runs.col.backend')}</th>
              <th>{t('runs.col.data')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {[...runs].reverse().map((r) => (
              <tr key={r.id} data-testid="run-row">
                <td>
                  <input type="checkbox" aria-label={t('runs.compareRun', { id: r.id })} checked={compareIds.includes(r.id)} onChange={() => toggleCompare(r.id)} data-testid="run-compare" />
                </td>
                <td>{formatDateTime(r.finishedAt, { timeStyle: 'medium' })}</td>
                <td>{t(`runs.kind.${r.kind}`)}</td>
                <td>
                  {r.modelDescription}
                  {r.dropped?.length ? <span className="field-hint">{t('runs.dropped', { columns: r.dropped.join(', ') })}</span> : null}
                </td>
                <td>{formatPercentValue(r.metrics.accuracy)}</td>
                <td>{formatMetric(r.metrics.macroF1)}</td>
                <td>{r.backend}</td>
                <td title={r.fingerprint}>{r.datasetName}</td>
                <td>
                  <button type="button" className="button" onClick={() => deleteRun(r.id)} data-testid="run-delete">
                    {t('runs.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {compared.length >= 2 ? (
        <div className="run-compare" data-testid="run-compare-view">
          <h4>{t('runs.comparing', { count: String(compared.length) })}</h4>
          <ol className="field-hint">
            {compared.map((r, i) => (
              <li key={r.id}>{runLabel(r, i).slice(3)}</li>
            ))}
          </ol>
          {new Set(compared.map((r) => r.fingerprint)).size > 1 ? <p className="field-hint">{t('runs.differentData')}</p> : null}
          <div className="chart-row">
            <CompareChart runs={compared} metric="loss" />
            <CompareChart runs={compared} metric="accuracy" />
          </div>
          <table className="metrics-table" data-testid="run-deltas">
            <thead>
              <tr>
                <th>{t('runs.testMetric')}</th>
                {compared.map((r, i) => (
                  <th key={r.id}>{t('runs.run', { run: String(i + 1) })}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {deltas.map((d) => (
                <tr key={d.metric}>
                  <td>{d.metric}</td>
                  {d.values.map((v, i) => (
                    <td key={i}>
                      {v === null ? '—' : formatMetric(v, 4)}
                      {i > 0 && d.deltas[i] !== null ? ` (${(d.deltas[i] ?? 0) >= 0 ? '+' : ''}${formatMetric(d.deltas[i], 4)})` : ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <table className="metrics-table" data-testid="run-settings-diff">
            <thead>
              <tr>
                <th>{t('runs.settingDiffers')}</th>
                {compared.map((r, i) => (
                  <th key={r.id}>{t('runs.run', { run: String(i + 1) })}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {diff.length === 0 ? (
                <tr>
                  <td colSpan={compared.length + 1}>{t('runs.sameSettings')}</td>
                </tr>
              ) : (
                diff.map((d) => (
                  <tr key={d.setting}>
                    <td>{d.setting}</td>
                    {d.values.map((v, i) => (
                      <td key={i}>{v}</td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
