import { Suspense, lazy, useDeferredValue } from 'react';
import { useStudio } from '../../store/studio-store';
import { BACKEND_LABELS } from '../../train/settings';
import { Section } from '../common/Section';
import { Message } from '../common/Message';
import { formatCount, formatMetric, formatPercentValue } from '../common/format';
import { ConfusionMatrix } from './ConfusionMatrix';
import { MisclassifiedGallery } from '../images/MisclassifiedGallery';
// Lazy: recharts stays out of the initial JavaScript.
const RocChart = lazy(() => import('./RocChart').then((m) => ({ default: m.RocChart })));

export function EvaluateSection({ step }: { step: number }) {
  // Deferred: a new result renders in an interruptible transition instead of one long task.
  const results = useDeferredValue(useStudio((s) => s.notebook.results));
  if (!results) {
    return (
      <Section id="evaluate" step={step} title="Evaluate">
        <p className="empty-note">Train a model to see how it does on the held-out test rows.</p>
      </Section>
    );
  }
  const m = results.metrics;
  const labels = m.confusionMatrix.labels;
  return (
    <Section
      id="evaluate"
      step={step}
      title="Evaluate"
      summary={
        <span data-testid="accuracy-summary">
          Test accuracy {formatPercentValue(m.accuracy)} · macro F1 {formatMetric(m.macroF1)}
        </span>
      }
    >
      <p className="result-facts">
        {results.modelDescription} on {BACKEND_LABELS[results.backend]}
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
          <dt>Accuracy</dt>
          <dd data-testid="metric-accuracy">{formatMetric(m.accuracy)}</dd>
        </div>
        <div>
          <dt>Macro F1</dt>
          <dd data-testid="metric-macro-f1">{formatMetric(m.macroF1)}</dd>
        </div>
        <div>
          <dt>Weighted F1</dt>
          <dd>{formatMetric(m.weightedF1)}</dd>
        </div>
        {m.rocAuc !== undefined ? (
          <div>
            <dt>ROC AUC</dt>
            <dd data-testid="metric-auc">{formatMetric(m.rocAuc)}</dd>
          </div>
        ) : null}
        {m.rocAucMacroOvr !== undefined ? (
          <div>
            <dt>ROC AUC (one-vs-rest, macro)</dt>
            <dd>{formatMetric(m.rocAucMacroOvr)}</dd>
          </div>
        ) : null}
        {m.logLoss !== undefined ? (
          <div>
            <dt>Log loss</dt>
            <dd>{formatMetric(m.logLoss)}</dd>
          </div>
        ) : null}
      </dl>
      <table className="metrics-table" data-testid="per-class-table">
        <caption>Per-class metrics on the test split</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">F1</th>
            <th scope="col">Support</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => {
            const c = m.perClass[label];
            return (
              <tr key={i}>
                <th scope="row">{label}</th>
                <td>{formatMetric(c?.precision)}</td>
                <td>{formatMetric(c?.recall)}</td>
                <td>{formatMetric(c?.f1)}</td>
                <td>{c?.support ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          {(['macro', 'weighted'] as const).map((avg) => (
            <tr key={avg}>
              <th scope="row">{avg === 'macro' ? 'Macro average' : 'Weighted average'}</th>
              <td>{formatMetric(m[avg].precision)}</td>
              <td>{formatMetric(m[avg].recall)}</td>
              <td>{formatMetric(m[avg].f1)}</td>
              <td>{m[avg].support}</td>
            </tr>
          ))}
        </tfoot>
      </table>
      <ConfusionMatrix labels={labels} matrix={m.confusionMatrix.matrix} />
      {results.misclassified ? <MisclassifiedGallery results={results} /> : null}
      {m.roc && m.rocAuc !== undefined ? (
        <Suspense fallback={null}>
          <RocChart roc={m.roc} auc={m.rocAuc} positive={labels[1]} />
        </Suspense>
      ) : null}
      <p className="field-hint">Metrics follow scikit-learn’s definitions (precision/recall with zero_division=0; AUC with the second class as positive).</p>
    </Section>
  );
}
