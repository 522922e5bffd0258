import { useId } from 'react';
import { useStudio } from '../../store/studio-store';
import { canBeFeature, selectFeatures, type MissingStrategy, type ScalingKind } from '../../preprocess/settings';
import { checkTargetForTask, chooseTask, type TaskChoice } from '../../train/task';
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
const TASK_OPTIONS: { value: TaskChoice; label: string }[] = [
  { value: 'auto', label: 'Auto (from the target column)' },
  { value: 'classification', label: 'Classification (predict a class)' },
  { value: 'regression', label: 'Regression (predict a number)' },
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
  const task = targetProfile ? chooseTask(targetProfile, prepare.task ?? 'auto') : null;
  const targetCheck = targetProfile && task ? checkTargetForTask(targetProfile, task.task) : null;
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
            {targetCheck && targetProfile ? (targetCheck.ok ? (task?.task === 'regression' ? `Numbers from ${targetProfile.min} to ${targetProfile.max}` : `${targetProfile.distinct} classes`) : targetCheck.message) : 'Choose the column to predict: categories or numbers.'}
          </span>
        </div>
        <div>
          <SelectField label="Task" value={prepare.task ?? 'auto'} options={TASK_OPTIONS} onChange={(value) => setPrepare({ task: value })} testId="task-select" />
          {task ? (
            <span className="field-hint" data-testid="task-reason">
              {task.reason}
            </span>
          ) : null}
        </div>
        <SelectField label="Missing values" value={prepare.missing} options={MISSING_OPTIONS} onChange={(missing) => setPrepare({ missing })} testId="missing-select" />
        <SelectField label="Scaling of numeric features" value={prepare.scaling} options={SCALING_OPTIONS} onChange={(scaling) => setPrepare({ scaling })} testId="scaling-select" />
        <NumberField label="Test fraction" value={prepare.testFraction} min={0.05} max={0.5} step={0.05} onChange={(testFraction) => setPrepare({ testFraction })} testId="test-fraction" />
        <NumberField label="Validation fraction" value={prepare.validationFraction} min={0} max={0.4} step={0.05} onChange={(validationFraction) => setPrepare({ validationFraction })} testId="validation-fraction" />
        <NumberField label="Split seed" value={prepare.seed} min={0} max={4294967295} integer onChange={(seed) => setPrepare({ seed })} testId="split-seed" />
      </div>
      {trainFraction < 0.3 ? <Message kind="warning">Only {(trainFraction * 100).toFixed(0)}% of rows are left for training.</Message> : null}
      <p className="field-hint">
        The split is stratified (by class, or by target decile for regression) and seeded. Imputation, scaling and one-hot encoding are fitted on the training split only and then applied to
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
