import { useEffect } from 'react';
import { TextInsights } from './TextInsights';
import { useStudio } from '../../store/studio-store';
import { Section } from '../common/Section';
import { ResultFacts } from './ResultFacts';
import { formatMetric, formatPercentValue } from '../common/format';
import { ConfusionMatrix } from './ConfusionMatrix';
import { PerClassTable } from './PerClassTable';
import { MisclassifiedGallery } from '../images/MisclassifiedGallery';
import { RocChart } from './RocChart';
import { useStagedReveal } from '../common/staged';
import { useT } from '../../i18n/locale';
import { RegressionEvaluation } from './RegressionEvaluation';
import { regressionMetricsOf } from '../../train/result';
import type { ClassificationReport } from '../../evaluate';
import type { TrainingResult } from '../../train/result';
import { RESULT_HEADLINE_MARK } from '../../train/run-timings';

/** Marks the headline of `results` as shown, once per result (the runner's `rendered` mark waits for it). */
export function useHeadlineMark(results: TrainingResult | null | undefined): void {
  useEffect(() => {
    if (results) performance.mark(RESULT_HEADLINE_MARK);
  }, [results]);
}

export function EvaluateSection({ step }: { step: number }) {
  const t = useT();
  const results = useStudio((s) => s.notebook.results);
  // Incremental (issue 19, 4b): the headline commits with the result; the per-class table and the
  // confusion matrix follow in the next task, the ROC curve, galleries and text insights in the one after.
  const stage = useStagedReveal(results, 3);
  useHeadlineMark(results);
  if (!results) {
    return (
      <Section id="evaluate" step={step} title={t('evaluate.title')}>
        <p className="empty-note">{t('evaluate.empty')}</p>
      </Section>
    );
  }
  if (regressionMetricsOf(results)) return <RegressionEvaluation step={step} results={results} stage={stage} />;
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
      {stage >= 2 ? (
        <>
          <PerClassTable report={m} />
          <ConfusionMatrix labels={labels} matrix={m.confusionMatrix.matrix} />
        </>
      ) : null}
      {stage >= 3 ? (
        <>
          {results.misclassified ? <MisclassifiedGallery results={results} /> : null}
          {results.textMistakes || results.topTokens ? <TextInsights results={results} /> : null}
          {m.roc && m.rocAuc !== undefined ? <RocChart roc={m.roc} auc={m.rocAuc} positive={labels[1]} /> : null}
        </>
      ) : null}
      <p className="field-hint">{t('evaluate.sklearnNote')}</p>
    </Section>
  );
}
