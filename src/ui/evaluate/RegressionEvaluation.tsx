import { regressionMetricsOf, type TrainingResult } from '../../train/result';
import { Section } from '../common/Section';
import { ResultFacts } from './ResultFacts';
import { RegressionCharts } from './RegressionCharts';
import { formatNumber, useT } from '../../i18n/locale';

/** A number in the target's units: 4 significant digits, no exponent for ordinary sizes. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-4)) return v.toExponential(3);
  return formatNumber(v, { maximumSignificantDigits: 4 });
}

/** `stage` (see EvaluateSection): the charts of residuals and predictions join from stage 2. */
export function RegressionEvaluation({ step, results, stage = 2 }: { step: number; results: TrainingResult; stage?: number }) {
  const t = useT();
  const m = regressionMetricsOf(results);
  if (!m) return null;
  const target = results.regression?.target ?? results.preprocessing?.target.name ?? 'target';
  const better = m.mae < m.baselineMae;
  return (
    <Section id="evaluate" step={step} title={t('evaluate.title')} summary={<span data-testid="accuracy-summary">{t('regression.summary', { mae: formatValue(m.mae), r2: formatValue(m.r2) })}</span>}>
      <ResultFacts results={results} lead={t('regression.of', { target })} />
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
          <dt>{t('regression.medianAe')}</dt>
          <dd>{formatValue(m.medianAbsoluteError)}</dd>
        </div>
      </dl>
      {m.mapeNote ? <p className="field-hint">{m.mapeNote}</p> : null}
      <table className="metrics-table" data-testid="regression-table">
        <caption>{t('regression.caption', { target })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('regression.predictor')}</th>
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
            <th scope="row">{t('regression.baseline', { value: formatValue(m.baseline.value) })}</th>
            <td>{formatValue(m.baseline.mae)}</td>
            <td>{formatValue(m.baseline.rmse)}</td>
            <td>{formatValue(m.baseline.r2)}</td>
          </tr>
        </tbody>
      </table>
      <p className="field-hint">
        {better ? t('regression.better', { percent: formatValue((1 - m.mae / m.baselineMae) * 100) }) : t('regression.notBetter')}
        {results.regression?.interval
          ? t('regression.interval', {
              level: String(Math.round(results.regression.interval.level * 100)),
              lower: formatValue(results.regression.interval.lower),
              upper: formatValue(results.regression.interval.upper),
            })
          : ''}
      </p>
      {results.regression && stage >= 2 ? <RegressionCharts details={results.regression} /> : null}
      <p className="field-hint">{t('regression.sklearnNote')}</p>
    </Section>
  );
}
