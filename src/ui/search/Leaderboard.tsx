import { useMemo, useState } from 'react';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio } from '../../store/studio-store';
import type { TrialRecord } from '../../search/search';
import { describeBudget } from '../../search/budget';
import { searchFamily } from '../../search/families';
import { formatPercentValue } from '../common/format';
import { formatFixed, t, useT } from '../../i18n/locale';
import type { MessageKey } from '../../i18n/en';

type SortKey = 'id' | 'model' | 'learningRate' | 'l2' | 'dropout' | 'batchSize' | 'epochs' | 'score' | 'seconds';

const COLUMNS: { key: SortKey; label: MessageKey; value: (trial: TrialRecord) => number | string }[] = [
  { key: 'id', label: 'leaderboard.col.trial', value: (trial) => trial.id },
  {
    key: 'model',
    label: 'leaderboard.col.model',
    value: (trial) =>
      trial.settings.family === 'logreg'
        ? t('leaderboard.logreg')
        : trial.settings.family === 'mlp'
          ? t('leaderboard.mlp', { layers: trial.settings.hidden.join('→') })
          : searchFamily(trial.settings.family).describe(trial.settings),
  },
  { key: 'learningRate', label: 'leaderboard.col.learningRate', value: (trial) => trial.settings.learningRate },
  { key: 'l2', label: 'leaderboard.col.l2', value: (trial) => trial.settings.l2 },
  { key: 'dropout', label: 'leaderboard.col.dropout', value: (trial) => trial.settings.dropout },
  { key: 'batchSize', label: 'leaderboard.col.batch', value: (trial) => trial.settings.batchSize },
  { key: 'epochs', label: 'leaderboard.col.epochs', value: (trial) => trial.bestEpoch },
  { key: 'score', label: 'leaderboard.col.score', value: (trial) => trial.validation.mean },
  { key: 'seconds', label: 'leaderboard.col.seconds', value: (trial) => trial.seconds },
];

/** The latest search's trials: sortable, with a score-vs-trial chart and a retrain button per trial. */
export function Leaderboard() {
  useT();
  const runs = useStudio((s) => s.notebook.runs);
  const retrainTrial = useStudio((s) => s.retrainTrial);
  const running = useStudio((s) => s.training.status !== 'idle');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'score', descending: true });
  const run = useMemo(() => [...(runs ?? [])].reverse().find((r) => r.kind === 'search' && r.search && r.search.trials.length > 0), [runs]);
  const trials = run?.search?.trials;
  const sorted = useMemo(() => {
    if (!trials) return [];
    const column = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0];
    return [...trials].sort((a, b) => {
      const va = column.value(a);
      const vb = column.value(b);
      const order = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
      return (sort.descending ? -order : order) || a.id - b.id;
    });
  }, [trials, sort]);
  if (!run?.search || !trials) return null;
  const report = run.search;
  const points = trials.map((trial) => ({ trial: trial.id, score: trial.validation.mean }));

  return (
    <div className="leaderboard" data-testid="leaderboard">
      <h4>{t('leaderboard.title')}</h4>
      <p className="field-hint" data-testid="leaderboard-note">
        {t('leaderboard.note', {
          trials: String(trials.length),
          budget: describeBudget(report.budget),
          seconds: formatFixed(report.seconds, 1),
          backend: run.backend,
          method: report.validation.method === 'k-fold' ? t('search.kFold', { folds: String(report.validation.folds) }) : t('leaderboard.holdout'),
          rows: String(report.validation.rows),
          best: String(report.best.id),
          stopped: report.stoppedBy === 'user' ? t('leaderboard.stoppedEarly') : '',
        })}
      </p>
      <figure className="chart" data-testid="leaderboard-chart">
        <figcaption>{t('leaderboard.chartCaption')}</figcaption>
        <div style={{ height: 180 }} aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
              <XAxis dataKey="trial" type="number" name={t('leaderboard.axisTrial')} allowDecimals={false} />
              <YAxis dataKey="score" type="number" name={t('leaderboard.axisAccuracy')} domain={['auto', 1]} width={48} tickFormatter={(v: number) => formatPercentValue(v, 0)} />
              <Tooltip formatter={(v) => formatPercentValue(Number(v))} />
              <Scatter data={points} fill="var(--accent)" isAnimationActive={false} />
            </ScatterChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <div className="table-scroll">
        <table className="metrics-table" data-testid="leaderboard-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : c.key === 'score' }))}
                    data-testid={`sort-${c.key}`}
                  >
                    {t(c.label)}
                    {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
              <th>{t('leaderboard.col.test')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((trial) => (
              <tr key={trial.id} data-testid="leaderboard-row" data-trial={trial.id} className={trial.id === report.best.id ? 'best-row' : undefined}>
                <td>
                  #{trial.id}
                  {trial.id === report.best.id ? t('leaderboard.best') : ''}
                </td>
                <td>{COLUMNS[1].value(trial)}</td>
                {/* An exact logistic regression (C in the model column) has no step size or batches. */}
                <td>{trial.settings.c !== undefined ? '—' : trial.settings.learningRate.toPrecision(2)}</td>
                <td>{trial.settings.l2 === 0 ? '0' : trial.settings.l2.toPrecision(2)}</td>
                <td>{trial.settings.dropout}</td>
                <td>{trial.settings.c !== undefined ? '—' : trial.settings.batchSize}</td>
                <td>
                  {trial.bestEpoch} / {trial.epochs}
                </td>
                <td data-testid="trial-score">
                  {formatPercentValue(trial.validation.mean)} ± {formatPercentValue(trial.validation.std)}
                </td>
                <td>{formatFixed(trial.seconds, 1)}</td>
                <td>
                  <button type="button" className="button" disabled={running} onClick={() => void retrainTrial(run.id, trial.id)} data-testid="retrain-trial">
                    {t('leaderboard.retrain')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
