import { Suspense, lazy, useDeferredValue, useMemo } from 'react';
import { useStudio } from '../../store/studio-store';
import { classificationMetricsOf } from '../../train/result';
import { Section } from '../common/Section';
// Lazy: the revenue model and its (plain SVG) charts load when the section first renders.
const RevenuePanel = lazy(() => import('./RevenuePanel').then((m) => ({ default: m.RevenuePanel })));
import { t, useT } from '../../i18n/locale';
import { AfterStartup } from '../startup/AfterStartup';

export function RevenueSection({ step }: { step: number }) {
  useT();
  const revenue = useStudio((s) => s.notebook.revenue);
  const setRevenue = useStudio((s) => s.setRevenue);
  // Deferred (issue 19, 4b): the revenue view recomputes for a new model after the result's headline commits.
  const results = useDeferredValue(useStudio((s) => s.notebook.results));
  const regression = results?.regression;
  const testRows = results?.split.test ?? 0;
  // Computed inside the lazy panel, so the revenue domain stays out of the main bundle.
  const price = useMemo(() => (regression ? { ...regression, testRows } : null), [regression, testRows]);
  return (
    <Section id="revenue" step={step} title={t('revenue.title')}>
      {/* After start-up (or when scrolled near): the panel's chunk brings decimal arithmetic. */}
      <AfterStartup testId="revenue-pending">
        <Suspense fallback={null}>
          <RevenuePanel value={revenue} onChange={setRevenue} model={results ? (classificationMetricsOf(results)?.confusionMatrix ?? null) : null} price={price} />
        </Suspense>
      </AfterStartup>
    </Section>
  );
}
