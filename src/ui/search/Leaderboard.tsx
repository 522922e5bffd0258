import { useMemo, useState } from 'react';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio } from '../../store/studio-store';
import type { TrialRecord } from '../../search/search';
import { describeBudget } from '../../search/budget';
import { formatPercentValue } from '../common/format';

type SortKey = 'id' | 'model' | 'learningRate' | 'l2' | 'dropout' | 'batchSize' | 'epochs' | 'score' | 'seconds';

const COLUMNS: { key: SortKey; label: string; value: (t: TrialRecord) => number | string }[] = [
  { key: 'id', label: 'Trial', value: (t) => t.id },
  { key: 'model', label: 'Model', value: (t) => (t.settings.family === 'logreg' ? 'logistic regression' : `MLP ${t.settings.hidden.join('→')}`) },
  { key: 'learningRate', label: 'Learning rate', value: (t) => t.settings.learningRate },
  { key: 'l2', label: 'L2', value: (t) => t.settings.l2 },
  { key: 'dropout', label: 'Dropout', value: (t) => t.settings.dropout },
  { key: 'batchSize', label: 'Batch', value: (t) => t.settings.batchSize },
  { key: 'epochs', label: 'Epochs (best / limit)', value: (t) => t.bestEpoch },
  { key: 'score', label: 'Validation accuracy (mean ± std)', value: (t) => t.validation.mean },
  { key: 'seconds', label: 'Time (s)', value: (t) => t.seconds },
];

/** The latest search's trials: sortable, with a score-vs-trial chart and a retrain button per trial. */
export function Leaderboard() {
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
  const points = trials.map((t) => ({ trial: t.id, score: t.validation.mean }));

  return (
    <div className="leaderboard" data-testid="leaderboard">
      <h4>Leaderboard</h4>
      <p className="field-hint" data-testid="leaderboard-note">
        {trials.length} trials, budget {describeBudget(report.budget)}, {report.seconds.toFixed(1)} s on {run.backend}; scored by{' '}
        {report.validation.method === 'k-fold' ? `${report.validation.folds}-fold cross-validation` : 'a holdout'} on the {report.validation.rows} training rows. No trial saw the test split: only the
        final model (trial #{report.best.id}, refit on all training rows) was evaluated on it once{report.stoppedBy === 'user' ? ' — the search was stopped early and kept the best so far' : ''}.
      </p>
      <figure className="chart" data-testid="leaderboard-chart">
        <figcaption>Validation accuracy by trial</figcaption>
        <div style={{ height: 180 }} aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
              <XAxis dataKey="trial" type="number" name="trial" allowDecimals={false} />
              <YAxis dataKey="score" type="number" name="accuracy" domain={['auto', 1]} width={48} tickFormatter={(v: number) => formatPercentValue(v, 0)} />
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
                    {c.label}
                    {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
              <th>Test</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((t) => (
              <tr key={t.id} data-testid="leaderboard-row" data-trial={t.id} className={t.id === report.best.id ? 'best-row' : undefined}>
                <td>
                  #{t.id}
                  {t.id === report.best.id ? ' (best)' : ''}
                </td>
                <td>{COLUMNS[1].value(t)}</td>
                <td>{t.settings.learningRate.toPrecision(2)}</td>
                <td>{t.settings.l2 === 0 ? '0' : t.settings.l2.toPrecision(2)}</td>
                <td>{t.settings.dropout}</td>
                <td>{t.settings.batchSize}</td>
                <td>
                  {t.bestEpoch} / {t.epochs}
                </td>
                <td data-testid="trial-score">
                  {formatPercentValue(t.validation.mean)} ± {formatPercentValue(t.validation.std)}
                </td>
                <td>{t.seconds.toFixed(1)}</td>
                <td>
                  <button type="button" className="button" disabled={running} onClick={() => void retrainTrial(run.id, t.id)} data-testid="retrain-trial">
                    Retrain on all training rows → test
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
