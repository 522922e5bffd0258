import { Suspense, lazy } from 'react';
import { useStudio } from '../../store/studio-store';
import { Section } from '../common/Section';
// Lazy: the revenue model and its recharts charts load when the section first renders.
const RevenuePanel = lazy(() => import('./RevenuePanel').then((m) => ({ default: m.RevenuePanel })));

export function RevenueSection({ step }: { step: number }) {
  const revenue = useStudio((s) => s.notebook.revenue);
  const setRevenue = useStudio((s) => s.setRevenue);
  const results = useStudio((s) => s.notebook.results);
  return (
    <Section id="revenue" step={step} title="Revenue projection">
      <Suspense fallback={null}>
        <RevenuePanel value={revenue} onChange={setRevenue} model={results ? results.metrics.confusionMatrix : null} />
      </Suspense>
    </Section>
  );
}
