import { Suspense, lazy, useDeferredValue } from 'react';
import { TextInsights } from './TextInsights';
import { useStudio } from '../../store/studio-store';
import { Section } from '../common/Section';
import { ResultFacts } from './ResultFacts';
import { formatMetric, formatPercentValue } from '../common/format';
import { ConfusionMatrix } from './ConfusionMatrix';
import { PerClassTable } from './PerClassTable';
import { MisclassifiedGallery } from '../images/MisclassifiedGallery';
// Lazy: recharts stays out of the initial JavaScript.
const RocChart = lazy(() => import('./RocChart').then((m) => ({ default: m.RocChart })));
import { useT } from '../../i18n/locale';
import { RegressionEvaluation } from './RegressionEvaluation';
import { regressionMetricsOf } from '../../train/result';
import type { ClassificationReport } from '../../evaluate';

export function EvaluateSection({ step }: { step: number }) {
  const t = useT();
  // Deferred: a new result renders in an interruptible transition instead of one long task.
  const results = useDeferredValue(useStudio((s) => s.notebook.results));
  if (!results) {
    return (
      <Section id="evaluate" step={step} title={t('evaluate.title')}>
        <p className="empty-note">{t('evaluate.empty')}</p>
      </Section>
    );
  }
  if (regressionMetricsOf(results)) return <RegressionEvaluation step={step} results={results} />;
  const m = results.metrics as ClassificationReport;
  const labels = m.confusionMatrix.labels;
  return (
    <Section
      id="evaluate"
      step={step}
      title={t('evaluate.title')}
      summary={<span data-testid="accuracy-summary">{t('evaluate.summary', { accuracy: formatPercentValue(m.accuracy), f1: formatMetric(m.macroF1) })}</span>}
    >
      <ResultFacts results={results} />
      <dl className="metric-cards">
        <div>
          <dt>{t('evaluate.accuracy')}</dt>
          <dd data-testid="metric-accuracy">{formatMetric(m.accuracy)}</dd>
        </div>
        <div>
          <dt>{t('evaluate.macroF1')}</dt>
          <dd data-testid="metric-macro-f1">{formatMetric(m.macroF1)}</dd>
        </div>
        <div>
          <dt>{t('evaluate.weightedF1')}</dt>
          <dd>{formatMetric(m.weightedF1)}</dd>
        </div>
        {m.rocAuc !== undefined ? (
          <div>
            <dt>{t('evaluate.rocAuc')}</dt>
            <dd data-testid="metric-auc">{formatMetric(m.rocAuc)}</dd>
          </div>
        ) : null}
        {m.rocAucMacroOvr !== undefined ? (
          <div>
            <dt>{t('evaluate.rocAucOvr')}</dt>
            <dd>{formatMetric(m.rocAucMacroOvr)}</dd>
          </div>
        ) : null}
        {m.logLoss !== undefined ? (
          <div>
            <dt>{t('evaluate.logLoss')}</dt>
            <dd>{formatMetric(m.logLoss)}</dd>
          </div>
        ) : null}
      </dl>
      <PerClassTable report={m} />
      <ConfusionMatrix labels={labels} matrix={m.confusionMatrix.matrix} />
      {results.misclassified ? <MisclassifiedGallery results={results} /> : null}
      {results.textMistakes || results.topTokens ? <TextInsights results={results} /> : null}
      {m.roc && m.rocAuc !== undefined ? (
        <Suspense fallback={null}>
          <RocChart roc={m.roc} auc={m.rocAuc} positive={labels[1]} />
        </Suspense>
      ) : null}
      <p className="field-hint">{t('evaluate.sklearnNote')}</p>
    </Section>
  );
}
