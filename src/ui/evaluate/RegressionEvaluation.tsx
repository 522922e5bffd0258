import { BACKEND_LABELS } from '../../train/settings';
import { regressionMetricsOf, type TrainingResult } from '../../train/result';
import { Section } from '../common/Section';
import { Message } from '../common/Message';
import { formatCount } from '../common/format';
import { RegressionCharts } from './RegressionCharts';

/** A number in the target's units: 4 significant digits, no exponent for ordinary sizes. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-4)) return v.toExponential(3);
  return v.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

export function RegressionEvaluation({ step, results }: { step: number; results: TrainingResult }) {
  const m = regressionMetricsOf(results);
  if (!m) return null;
  const target = results.regression?.target ?? results.preprocessing?.target.name ?? 'target';
  const better = m.mae < m.baselineMae;
  return (
    <Section
      id="evaluate"
      step={step}
      title="Evaluate"
      summary={
        <span data-testid="accuracy-summary">
          Test MAE {formatValue(m.mae)} · R² {formatValue(m.r2)}
        </span>
      }
    >
      <p className="result-facts">
        Regression of “{target}”. {results.modelDescription} on {BACKEND_LABELS[results.backend]}
        {results.adapter ? ` (${results.adapter})` : ''}. Split: {formatCount(results.split.train)} train / {formatCount(results.split.validation)} validation /{' '}
        <span data-testid="test-size">{formatCount(results.split.test)}</span> test rows (seed {results.prepare.seed}).
      </p>
      {results.warnings.map((w) => (
        <Message key={w} kind="warning">
          {w}
        </Message>
      ))}
      <dl className="metric-cards">
        <div>
          <dt>MAE</dt>
          <dd data-testid="metric-mae">{formatValue(m.mae)}</dd>
        </div>
        <div>
          <dt>RMSE</dt>
          <dd data-testid="metric-rmse">{formatValue(m.rmse)}</dd>
        </div>
        <div>
          <dt>R²</dt>
          <dd data-testid="metric-r2">{formatValue(m.r2)}</dd>
        </div>
        <div>
          <dt>MAPE</dt>
          <dd data-testid="metric-mape">{m.mape === null ? '—' : `${formatValue(m.mape * 100)}%`}</dd>
        </div>
        <div>
          <dt>Median absolute error</dt>
          <dd>{formatValue(m.medianAbsoluteError)}</dd>
        </div>
      </dl>
      {m.mapeNote ? <p className="field-hint">{m.mapeNote}</p> : null}
      <table className="metrics-table" data-testid="regression-table">
        <caption>Errors on the test split, in the units of “{target}”</caption>
        <thead>
          <tr>
            <th scope="col">Predictor</th>
            <th scope="col">MAE</th>
            <th scope="col">RMSE</th>
            <th scope="col">R²</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{results.modelDescription}</th>
            <td>{formatValue(m.mae)}</td>
            <td>{formatValue(m.rmse)}</td>
            <td>{formatValue(m.r2)}</td>
          </tr>
          <tr data-testid="baseline-row">
            <th scope="row">Baseline: always {formatValue(m.baseline.value)} (training mean)</th>
            <td>{formatValue(m.baseline.mae)}</td>
            <td>{formatValue(m.baseline.rmse)}</td>
            <td>{formatValue(m.baseline.r2)}</td>
          </tr>
        </tbody>
      </table>
      <p className="field-hint">
        {better
          ? `The model's MAE is ${formatValue((1 - m.mae / m.baselineMae) * 100)}% below the baseline's.`
          : 'The model does not beat always predicting the training mean: it has learned nothing useful from these features.'}
        {results.regression?.interval
          ? ` Predictions come with a ${Math.round(results.regression.interval.level * 100)}% interval (${formatValue(results.regression.interval.lower)} to +${formatValue(results.regression.interval.upper)} around the value) from the validation split's residuals.`
          : ''}
      </p>
      {results.regression ? <RegressionCharts details={results.regression} /> : null}
      <p className="field-hint">Metrics follow scikit-learn’s definitions (mean_absolute_error, r2_score, mean_absolute_percentage_error as a fraction ×100, median_absolute_error).</p>
    </Section>
  );
}
