import { useStudio } from '../../store/studio-store';
import { classificationMetricsOf } from '../../train/result';
import { Section } from '../common/Section';
import { RevenuePanel } from './RevenuePanel';

export function RevenueSection({ step }: { step: number }) {
  const revenue = useStudio((s) => s.notebook.revenue);
  const setRevenue = useStudio((s) => s.setRevenue);
  const results = useStudio((s) => s.notebook.results);
  return (
    <Section id="revenue" step={step} title="Revenue projection">
      <RevenuePanel value={revenue} onChange={setRevenue} model={results ? (classificationMetricsOf(results)?.confusionMatrix ?? null) : null} />
    </Section>
  );
}
