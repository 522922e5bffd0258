import { useStudio } from '../../store/studio-store';
import { IMAGE_RANGES, PREPARE_RANGES } from '../../settings/limits';
import type { ImageDatasetSummary } from '../../data/images/summary';
import { Section } from '../common/Section';
import { Message } from '../common/Message';
import { NumberField } from '../common/NumberField';
import './images.css';

function augmentationText(a: { horizontalFlip: boolean; shift: number; rotation: number }): string {
  const parts = [a.horizontalFlip ? 'flips' : '', a.shift > 0 ? `shifts ±${Math.round(a.shift * 100)}%` : '', a.rotation > 0 ? `rotations ±${a.rotation}°` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no augmentation';
}

/** Prepare, for images: split, and seeded augmentation of training batches (size is chosen when loading). */
export function ImagePrepareSection({ step, images }: { step: number; images: ImageDatasetSummary }) {
  const prepare = useStudio((s) => s.notebook.prepare);
  const augmentation = useStudio((s) => s.notebook.images.augmentation);
  const setPrepare = useStudio((s) => s.setPrepare);
  const setAugmentation = useStudio((s) => s.setAugmentation);
  const trainFraction = 1 - prepare.testFraction - prepare.validationFraction;

  return (
    <Section
      id="prepare"
      step={step}
      title="Prepare"
      summary={
        <span data-testid="image-prepare-summary">
          {images.width}×{images.height} {images.channels === 1 ? 'grayscale' : 'RGB'} pixels → {images.classes.length} classes · {augmentationText(augmentation)}
        </span>
      }
    >
      <p className="field-hint">
        Every pixel is a feature, scaled to 0–1. The images were loaded at {images.width}×{images.height}; to change the size or channels, set them under Data and
        reload.
      </p>
      <div className="field-grid">
        <NumberField label="Test fraction" value={prepare.testFraction} min={PREPARE_RANGES.testFraction.min} max={PREPARE_RANGES.testFraction.max} step={0.05} onChange={(testFraction) => setPrepare({ testFraction })} testId="test-fraction" />
        <NumberField
          label="Validation fraction"
          value={prepare.validationFraction}
          min={PREPARE_RANGES.validationFraction.min}
          max={PREPARE_RANGES.validationFraction.max}
          step={0.05}
          onChange={(validationFraction) => setPrepare({ validationFraction })}
          testId="validation-fraction"
        />
        <NumberField label="Split seed" value={prepare.seed} min={PREPARE_RANGES.seed.min} max={PREPARE_RANGES.seed.max} integer onChange={(seed) => setPrepare({ seed })} testId="split-seed" />
      </div>
      {trainFraction < 0.3 ? <Message kind="warning">Only {(trainFraction * 100).toFixed(0)}% of the images are left for training.</Message> : null}
      <fieldset className="augmentation" data-testid="augmentation">
        <legend>Data augmentation (training batches only)</legend>
        <div className="field-grid">
          <div className="field">
            <label>
              <input type="checkbox" checked={augmentation.horizontalFlip} onChange={(e) => setAugmentation({ horizontalFlip: e.target.checked })} data-testid="augment-flip" /> Random
              left–right flips
            </label>
            <span className="field-hint">Off for digits and text, where a mirror image is another thing.</span>
          </div>
          <NumberField
            label="Largest shift (fraction of the size)"
            value={augmentation.shift}
            min={IMAGE_RANGES.shift.min}
            max={IMAGE_RANGES.shift.max}
            step={0.05}
            onChange={(shift) => setAugmentation({ shift })}
            testId="augment-shift"
          />
          <NumberField
            label="Largest rotation (degrees)"
            value={augmentation.rotation}
            min={IMAGE_RANGES.rotation.min}
            max={IMAGE_RANGES.rotation.max}
            step={5}
            onChange={(rotation) => setAugmentation({ rotation })}
            testId="augment-rotation"
          />
        </div>
        <p className="field-hint">
          Each training image is moved a little differently in every epoch, drawn from the training seed, so a run repeats exactly. Validation and test images are
          never changed.
        </p>
      </fieldset>
    </Section>
  );
}
