import { useId } from 'react';
import { PREPARE_RANGES } from '../../settings/limits';
import { useStudio } from '../../store/studio-store';
import { canBeFeature, checkTarget, selectFeatures, type MissingStrategy, type ScalingKind } from '../../preprocess/settings';
import { Section } from '../common/Section';
import { Message } from '../common/Message';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
import { ImagePrepareSection } from '../images/ImagePrepareSection';

const MISSING_OPTIONS: { value: MissingStrategy; label: string }[] = [
  { value: 'median', label: 'Fill with the median (numbers) / most frequent (categories)' },
  { value: 'mean', label: 'Fill with the mean (numbers) / most frequent (categories)' },
  { value: 'most_frequent', label: 'Fill with the most frequent value' },
  { value: 'drop', label: 'Drop rows with a missing value' },
];
const SCALING_OPTIONS: { value: ScalingKind; label: string }[] = [
  { value: 'standardize', label: 'Standardize (mean 0, sd 1)' },
  { value: 'minmax', label: 'Min–max to [0, 1]' },
  { value: 'none', label: 'None' },
];

export function PrepareSection({ step }: { step: number }) {
  const dataset = useStudio((s) => s.dataset);
  const prepare = useStudio((s) => s.notebook.prepare);
  const setPrepare = useStudio((s) => s.setPrepare);
  const setFeatureIncluded = useStudio((s) => s.setFeatureIncluded);
  const targetId = useId();
  const targetNoteId = useId();

  if (!dataset) {
    return (
      <Section id="prepare" step={step} title="Prepare">
        <p className="empty-note">Load data to choose the target and features.</p>
      </Section>
    );
  }
  if (dataset.kind === 'images') return <ImagePrepareSection step={step} images={dataset} />;
  const profiles = dataset.profiles;
  const targetProfile = profiles.find((p) => p.name === prepare.target);
  const targetCheck = targetProfile ? checkTarget(targetProfile) : null;
  const features = new Set(selectFeatures(profiles, prepare));
  const trainFraction = 1 - prepare.testFraction - prepare.validationFraction;

  return (
    <Section id="prepare" step={step} title="Prepare" summary={<span>{features.size} features → {prepare.target ?? 'no target'}</span>}>
      <div className="field-grid">
        <div className="field">
          <label htmlFor={targetId}>Target column (what the model predicts)</label>
          <select
            id={targetId}
            value={prepare.target ?? ''}
            data-testid="target-select"
            aria-invalid={targetCheck && !targetCheck.ok ? true : undefined}
            aria-describedby={targetNoteId}
            onChange={(e) => setPrepare({ target: e.target.value === '' ? null : e.target.value })}
          >
            <option value="">— choose —</option>
            {profiles.map((p, i) => (
              <option key={i} value={p.name}>
                {p.name} ({p.type}, {p.distinct} values)
              </option>
            ))}
          </select>
          <span id={targetNoteId} className={targetCheck && !targetCheck.ok ? 'field-error' : 'field-hint'} data-testid="target-note">
            {targetCheck ? (targetCheck.ok ? `${targetCheck.classCount} classes` : targetCheck.message) : 'Choose a column with categories.'}
          </span>
        </div>
        <SelectField label="Missing values" value={prepare.missing} options={MISSING_OPTIONS} onChange={(missing) => setPrepare({ missing })} testId="missing-select" />
        <SelectField label="Scaling of numeric features" value={prepare.scaling} options={SCALING_OPTIONS} onChange={(scaling) => setPrepare({ scaling })} testId="scaling-select" />
        <NumberField label="Test fraction" value={prepare.testFraction} min={PREPARE_RANGES.testFraction.min} max={PREPARE_RANGES.testFraction.max} step={0.05} onChange={(testFraction) => setPrepare({ testFraction })} testId="test-fraction" />
        <NumberField label="Validation fraction" value={prepare.validationFraction} min={PREPARE_RANGES.validationFraction.min} max={PREPARE_RANGES.validationFraction.max} step={0.05} onChange={(validationFraction) => setPrepare({ validationFraction })} testId="validation-fraction" />
        <NumberField label="Split seed" value={prepare.seed} min={PREPARE_RANGES.seed.min} max={PREPARE_RANGES.seed.max} integer onChange={(seed) => setPrepare({ seed })} testId="split-seed" />
      </div>
      {trainFraction < 0.3 ? <Message kind="warning">Only {(trainFraction * 100).toFixed(0)}% of rows are left for training.</Message> : null}
      <p className="field-hint">
        The split is stratified by class and seeded. Imputation, scaling and one-hot encoding are fitted on the training split only and then applied to
        validation, test and new data, so nothing leaks from the held-out rows.
      </p>
      <fieldset className="feature-list" data-testid="feature-list">
        <legend>Features ({features.size} of {profiles.length - 1})</legend>
        {profiles
          .filter((p) => p.name !== prepare.target)
          .map((p, i) => {
            const allowed = canBeFeature(p);
            const id = `feature-${i}`;
            return (
              <div key={i} className="feature-item">
                <input
                  id={id}
                  type="checkbox"
                  checked={features.has(p.name)}
                  disabled={!allowed.ok}
                  onChange={(e) => setFeatureIncluded(p.name, e.target.checked)}
                  aria-describedby={`${id}-why`}
                />
                <label htmlFor={id}>{p.name}</label>
                <span id={`${id}-why`} className="field-hint">
                  {p.type}
                  {!allowed.ok ? ` — ${allowed.reason}` : p.type === 'id' ? ' — excluded by default (identifiers do not generalize)' : p.storage === 'string' ? ' — one-hot encoded' : ''}
                </span>
              </div>
            );
          })}
      </fieldset>
    </Section>
  );
}
