import { useStudio } from '../../store/studio-store';
import { IMAGE_RANGES } from '../../settings/limits';
import type { ImageDatasetSummary } from '../../data/images/summary';
import { Section } from '../common/Section';
import { Message } from '../common/Message';
import { RangeFields } from '../common/RangeFields';
import { splitFields } from '../prepare/split-fields';
import './images.css';
import { formatNumber, t, useT } from '../../i18n/locale';

function augmentationText(a: { horizontalFlip: boolean; shift: number; rotation: number }): string {
  const parts = [a.horizontalFlip ? 'flips' : '', a.shift > 0 ? `shifts ±${Math.round(a.shift * 100)}%` : '', a.rotation > 0 ? `rotations ±${a.rotation}°` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no augmentation';
}

/** Prepare, for images: split, and seeded augmentation of training batches (size is chosen when loading). */
export function ImagePrepareSection({ step, images }: { step: number; images: ImageDatasetSummary }) {
  useT();
  const prepare = useStudio((s) => s.notebook.prepare);
  const augmentation = useStudio((s) => s.notebook.images.augmentation);
  const setPrepare = useStudio((s) => s.setPrepare);
  const setAugmentation = useStudio((s) => s.setAugmentation);
  const trainFraction = 1 - prepare.testFraction - prepare.validationFraction;

  return (
    <Section
      id="prepare"
      step={step}
      title={t('prepare.title')}
      summary={
        <span data-testid="image-prepare-summary">
          {t('images.prepareSummary', {
            width: String(images.width),
            height: String(images.height),
            channels: images.channels === 1 ? t('images.grayscale') : t('images.rgb'),
            classes: images.classes.length,
            augmentation: augmentationText(augmentation),
          })}
        </span>
      }
    >
      <p className="field-hint">{t('images.prepareHint', { width: String(images.width), height: String(images.height) })}</p>
      <div className="field-grid">
        <RangeFields fields={splitFields()} values={prepare} onChange={setPrepare} />
      </div>
      {trainFraction < 0.3 ? <Message kind="warning">{t('images.fewImages', { percent: formatNumber(trainFraction, { style: 'percent', maximumFractionDigits: 0 }) })}</Message> : null}
      <fieldset className="augmentation" data-testid="augmentation">
        <legend>{t('images.augmentation')}</legend>
        <div className="field-grid">
          <div className="field">
            <label>
              <input type="checkbox" checked={augmentation.horizontalFlip} onChange={(e) => setAugmentation({ horizontalFlip: e.target.checked })} data-testid="augment-flip" /> {t('images.flip')}
            </label>
            <span className="field-hint">{t('images.flipHint')}</span>
          </div>
          <RangeFields
            fields={[
              { key: 'shift', label: t('images.shift'), range: IMAGE_RANGES.shift, step: 0.05, testId: 'augment-shift' },
              { key: 'rotation', label: t('images.rotation'), range: IMAGE_RANGES.rotation, step: 5, testId: 'augment-rotation' },
            ]}
            values={augmentation}
            onChange={setAugmentation}
          />
        </div>
        <p className="field-hint">{t('images.augmentHint')}</p>
      </fieldset>
    </Section>
  );
}
