import { useStudio } from '../../store/studio-store';
import { describeBudget, parseBudget } from '../../search/budget';
import { SelectField } from '../common/SelectField';
import { formatPercentValue } from '../common/format';
import { Leaderboard } from './Leaderboard';
import { RunsPanel } from './RunsPanel';

const BUDGETS = ['4trials', '10trials', '20trials', '15s', '30s', '60s', '2m', '5m'] as const;
const FOLDS = [
  { value: '3', label: '3-fold cross-validation' },
  { value: '5', label: '5-fold cross-validation' },
  { value: '10', label: '10-fold cross-validation' },
  { value: 'holdout', label: 'Holdout (20% of the training rows)' },
];

/** Model search: budget, validation, Search button, live progress; then the leaderboard and the runs. */
export function SearchPanel() {
  const dataset = useStudio((s) => s.dataset);
  const target = useStudio((s) => s.notebook.prepare.target);
  const options = useStudio((s) => s.searchOptions);
  const setSearchOptions = useStudio((s) => s.setSearchOptions);
  const search = useStudio((s) => s.search);
  const training = useStudio((s) => s.training);
  const stopTraining = useStudio((s) => s.stopTraining);
  if (!dataset || dataset.kind !== 'table') return null;
  const running = training.status !== 'idle';
  const budgetText = options.budget.kind === 'time' ? `${options.budget.seconds}s` : `${options.budget.count}trials`;
  const progress = training.search;

  return (
    <div className="search-panel" data-testid="search-panel">
      <h3>Model search</h3>
      <p className="field-hint">
        Tries logistic regression and MLPs with different sizes, learning rates, L2, dropout and batch sizes (successive halving: many settings briefly, the best longer). Every trial is scored on the
        training rows only (cross-validation); the test split is evaluated once, for the final model.
      </p>
      <div className="field-grid">
        <SelectField
          label="Budget"
          value={budgetText}
          options={BUDGETS.map((b) => ({ value: b, label: describeBudget(parseBudget(b) ?? { kind: 'time', seconds: 30 }) }))}
          onChange={(b) => {
            const budget = parseBudget(b);
            if (budget) setSearchOptions({ budget });
          }}
          testId="search-budget"
        />
        <SelectField
          label="Validation"
          value={String(options.folds)}
          options={FOLDS}
          onChange={(v) => setSearchOptions({ folds: v === 'holdout' ? 'holdout' : Number(v) })}
          testId="search-folds"
          hint="Tables above 5,000 rows always use a holdout."
        />
      </div>
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={!target || running} onClick={() => void search()} data-testid="search-button">
          Search
        </button>
        <button type="button" className="button" disabled={training.status !== 'running'} onClick={stopTraining} data-testid="search-stop">
          Stop (keep best so far)
        </button>
      </div>
      {running && progress ? (
        <p className="progress-row" data-testid="search-progress" aria-live="polite">
          Trials done: {progress.trialsDone}
          {progress.best ? ` · best so far #${progress.best.id}: ${formatPercentValue(progress.best.mean)} ± ${formatPercentValue(progress.best.std)}` : ''}
          {progress.secondsLeft !== null ? ` · ${Math.ceil(progress.secondsLeft)} s left` : ''}
          {progress.trialsLeft !== null ? ` · ${progress.trialsLeft} trials not started` : ''}
          {progress.current ? ` · training #${progress.current.trialId}, fold ${progress.current.fold} of ${progress.current.folds}` : ''}
        </p>
      ) : null}
      <Leaderboard />
      <RunsPanel />
    </div>
  );
}
