import { Suspense, lazy, useEffect } from 'react';
import { useStudio } from '../../store/studio-store';
import { Section } from '../common/Section';
import { ModelPanel } from '../export/ModelPanel';
// Lazy (issue 19, initial JS): these show only once a model exists.
const BatchPanel = lazy(() => import('./BatchPanel').then((m) => ({ default: m.BatchPanel })));
const ImagePanel = lazy(() => import('./ImagePanel').then((m) => ({ default: m.ImagePanel })));
const PredictForm = lazy(() => import('./PredictForm').then((m) => ({ default: m.PredictForm })));
import './predict.css';
import { useT } from '../../i18n/locale';

/** Deploy and monitor: export or import the model, predict one row, a CSV or images, and check drift. */
export function PredictSection({ step }: { step: number }) {
  const t = useT();
  const finishedAt = useStudio((s) => s.notebook.results?.finishedAt ?? null);
  const model = useStudio((s) => s.currentModel);
  const refreshModel = useStudio((s) => s.refreshModel);

  useEffect(() => {
    // A finished training run replaces the worker's model; ask the worker what it holds now.
    void refreshModel();
  }, [finishedAt, refreshModel]);

  return (
    <Section id="predict" step={step} title={t('predict.title')} summary={model ? <span data-testid="predict-summary">{model.name}</span> : null}>
      <ModelPanel />
      <Suspense fallback={null}>
        {model?.preprocessing ? (
          <>
            <PredictForm key={model.id} fitted={model.preprocessing} classes={model.classes} />
            <BatchPanel />
          </>
        ) : null}
        {model?.image ? <ImagePanel classes={model.classes} /> : null}
      </Suspense>
    </Section>
  );
}
