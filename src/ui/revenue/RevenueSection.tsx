import { useStudio } from '../../store/studio-store';
import { Section } from '../common/Section';
import { RevenuePanel } from './RevenuePanel';
import { t, useT } from '../../i18n/locale';

export function RevenueSection({ step }: { step: number }) {
  useT();
  const revenue = useStudio((s) => s.notebook.revenue);
  const setRevenue = useStudio((s) => s.setRevenue);
  const results = useStudio((s) => s.notebook.results);
  return (
    <Section id="revenue" step={step} title={t('revenue.title')}>
      <RevenuePanel value={revenue} onChange={setRevenue} model={results ? results.metrics.confusionMatrix : null} />
    </Section>
  );
}
