import { Suspense, lazy } from 'react';
import { useStudio } from '../../store/studio-store';
import { describeBudget, parseBudget } from '../../search/budget';
import { SelectField } from '../common/SelectField';
import { formatPercentValue } from '../common/format';
import { t, useT } from '../../i18n/locale';

// Lazy: both draw with recharts, which stays out of the initial JavaScript.
const Leaderboard = lazy(() => import('./Leaderboard').then((m) => ({ default: m.Leaderboard })));
const RunsPanel = lazy(() => import('./RunsPanel').then((m) => ({ default: m.RunsPanel })));

const BUDGETS = ['4trials', '10trials', '20trials', '15s', '30s', '60s', '2m', '5m'] as const;
const FOLDS = ['3', '5', '10'] as const;

/** Model search: budget, validation, Search button, live progress; then the leaderboard and the runs. */
export function SearchPanel() {
  useT();
  const dataset = useStudio((s) => s.dataset);
  const target = useStudio((s) => s.notebook.prepare.target);
  const options = useStudio((s) => s.searchOptions);
  const setSearchOptions = useStudio((s) => s.setSearchOptions);
  const search = useStudio((s) => s.search);
  // Status and search progress only: the whole training state changes with every progress batch of a run.
  const status = useStudio((s) => s.training.status);
  const progress = useStudio((s) => s.training.search);
  const stopTraining = useStudio((s) => s.stopTraining);
  // Tables search logistic regression / MLPs (and text encodings); image sets search CNN presets and widths.
  if (!dataset) return null;
  const running = status !== 'idle';
  const budgetText = options.budget.kind === 'time' ? `${options.budget.seconds}s` : `${options.budget.count}trials`;

  return (
    <div className="search-panel" data-testid="search-panel">
      <h3>{t('search.title')}</h3>
      <p className="field-hint">{t('search.hint')}</p>
      <div className="field-grid">
        <SelectField
          label={t('search.budget')}
          value={budgetText}
          options={BUDGETS.map((b) => ({ value: b, label: describeBudget(parseBudget(b) ?? { kind: 'time', seconds: 30 }) }))}
          onChange={(b) => {
            const budget = parseBudget(b);
            if (budget) setSearchOptions({ budget });
          }}
          testId="search-budget"
        />
        <SelectField
          label={t('search.validation')}
          value={String(options.folds)}
          options={[...FOLDS.map((folds) => ({ value: folds, label: t('search.kFold', { folds }) })), { value: 'holdout', label: t('search.holdout') }]}
          onChange={(v) => setSearchOptions({ folds: v === 'holdout' ? 'holdout' : Number(v) })}
          testId="search-folds"
          hint={t('search.holdoutHint')}
        />
      </div>
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={(dataset.kind === 'table' && !target) || running} onClick={() => void search()} data-testid="search-button">
          {t('search.search')}
        </button>
        <button type="button" className="button" disabled={status !== 'running'} onClick={stopTraining} data-testid="search-stop">
          {t('train.stop')}
        </button>
      </div>
      {running && progress ? (
        <p className="progress-row" data-testid="search-progress" aria-live="polite">
          {t('search.trialsDone', { trials: String(progress.trialsDone) })}
          {progress.best ? t('search.bestSoFar', { id: String(progress.best.id), mean: formatPercentValue(progress.best.mean), std: formatPercentValue(progress.best.std) }) : ''}
          {progress.secondsLeft !== null ? t('search.secondsLeft', { seconds: String(Math.ceil(progress.secondsLeft)) }) : ''}
          {progress.trialsLeft !== null ? t('search.trialsLeft', { trials: String(progress.trialsLeft) }) : ''}
          {progress.current ? t('search.current', { id: String(progress.current.trialId), fold: String(progress.current.fold), folds: String(progress.current.folds) }) : ''}
        </p>
      ) : null}
      <Suspense fallback={null}>
        <Leaderboard />
        <RunsPanel />
      </Suspense>
    </div>
  );
}
