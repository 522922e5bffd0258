import type { SectionId } from '../../notebook/document';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/locale';

const TITLES: Record<SectionId, MessageKey> = {
  dataset: 'data.title',
  prepare: 'prepare.title',
  model: 'model.title',
  train: 'train.title',
  evaluate: 'evaluate.title',
  predict: 'predict.title',
  revenue: 'revenue.title',
};

/**
 * What a section below the first one shows until it renders after start-up (issue 19, 4b): its frame and
 * heading, so the first paint lists every step of the notebook. No test id and no landmark: the section
 * itself (`section-<id>`) appears when it is ready.
 */
export function PendingSection({ type, step }: { type: SectionId; step: number }) {
  const t = useT();
  return (
    <div className="section section-pending">
      <div className="section-header">
        <div className="section-pending-title">
          <span className="section-step" aria-hidden="true">
            {step}
          </span>
          {t(TITLES[type])}
        </div>
      </div>
    </div>
  );
}
