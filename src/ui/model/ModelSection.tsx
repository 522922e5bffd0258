import { Suspense, lazy, useEffect, useId, useState } from 'react';
import { MODEL_RANGES } from '../../settings/limits';
import { useStudio } from '../../store/studio-store';
import { DEFAULT_LINEAR, DEFAULT_TEXT_CNN, describeModel, validateModelSpec, type Activation, type ModelSpec } from '../../models/spec';
import { effectiveType, selectFeatures } from '../../preprocess/settings';
import { chooseTask, type RegressionLoss } from '../../train/task';
import { Section } from '../common/Section';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
import { ModelChoiceField, type ModelChoiceOption } from './ModelChoiceField';
import { t, useT } from '../../i18n/locale';

// Lazy (issue 19, initial JS): the CNN editor shows only once an image dataset is loaded.
const ImageModelSection = lazy(() => import('../images/ImageModelSection').then((m) => ({ default: m.ImageModelSection })));

const choices = (): ModelChoiceOption[] => [
  { value: 'auto', label: t('model.auto'), hint: t('model.autoHint') },
  { value: 'logreg', label: t('model.logreg'), hint: t('model.logregHint') },
  { value: 'mlp', label: t('model.mlp'), hint: t('model.mlpHint') },
];
const textChoice = (): ModelChoiceOption => ({ value: 'textcnn', label: t('model.textcnn'), hint: t('model.textcnnHint') });
const regressionChoices = (): ModelChoiceOption[] => [
  { value: 'auto', label: t('model.auto'), hint: t('model.regression.autoHint') },
  { value: 'linear', label: t('model.linear'), hint: t('model.linearHint') },
  { value: 'mlp', label: t('model.mlpRegressor'), hint: t('model.mlpRegressorHint') },
];
const losses = (): { value: RegressionLoss; label: string }[] => [
  { value: 'mse', label: t('model.loss.mse') },
  { value: 'mae', label: t('model.loss.mae') },
  { value: 'huber', label: t('model.loss.huber') },
];
const ACTIVATIONS: { value: Activation; label: string }[] = [
  { value: 'relu', label: 'ReLU' },
  { value: 'tanh', label: 'tanh' },
  { value: 'elu', label: 'ELU' },
  { value: 'sigmoid', label: 'sigmoid' },
];

/** "64, 32" → [64, 32], or an error message. */
export function parseHiddenLayers(text: string): number[] | string {
  const parts = text.split(/[\s,]+/).filter((p) => p.length > 0);
  const units = parts.map(Number);
  if (units.some((u) => !Number.isInteger(u) || u < 1 || u > 4096)) return t('model.hiddenInvalid');
  if (units.length > 8) return t('model.hiddenTooMany');
  return units;
}

export function ModelSection({ step }: { step: number }) {
  useT();
  const model = useStudio((s) => s.notebook.model);
  const setModelSpec = useStudio((s) => s.setModelSpec);
  const hiddenId = useId();
  const [hiddenText, setHiddenText] = useState(model.mlp.hidden.join(', '));
  const [hiddenError, setHiddenError] = useState<string | null>(null);
  useEffect(() => setHiddenText(model.mlp.hidden.join(', ')), [model.mlp.hidden]);
  const mlpProblem = validateModelSpec(model.mlp);
  const dataset = useStudio((s) => s.dataset);
  const prepare = useStudio((s) => s.notebook.prepare);
  const loss = useStudio((s) => s.notebook.training.loss ?? 'mse');
  const setTraining = useStudio((s) => s.setTraining);
  if (dataset?.kind === 'images')
    return (
      <Suspense fallback={null}>
        <ImageModelSection step={step} images={dataset} />
      </Suspense>
    );
  const targetProfile = dataset?.profiles.find((p) => p.name === prepare.target);
  const regression = targetProfile ? chooseTask(targetProfile, prepare.task ?? 'auto').task === 'regression' : false;
  const linear = model.linear ?? DEFAULT_LINEAR;
  // The text CNN is offered when a selected feature is free text (one pass: a lookup per feature was
  // quadratic, 4.5 s per render of a 5,000-column table).
  const features = dataset?.kind === 'table' && prepare.target !== null ? new Set(selectFeatures(dataset.profiles, prepare)) : null;
  const hasText = dataset?.kind === 'table' && features !== null && dataset.profiles.some((p) => features.has(p.name) && effectiveType(p, prepare) === 'text');
  const chosen: ModelSpec | null = model.choice === 'auto' ? null : model.choice === 'linear' ? linear : model.choice === 'textcnn' ? (model.textcnn ?? DEFAULT_TEXT_CNN) : model[model.choice];

  return (
    <Section id="model" step={step} title={t('model.title')} summary={<span>{chosen ? describeModel(chosen) : t('model.auto')}</span>}>
      <ModelChoiceField options={regression ? regressionChoices() : hasText ? [...choices(), textChoice()] : choices()} />
      {regression && model.choice === 'logreg' ? <p className="field-error">{t('model.logregForRegression')}</p> : null}
      <div className="field-grid">
        {regression ? (
          <>
            <NumberField label={t('model.linearL2')} value={linear.l2} min={0} max={1} onChange={(l2) => setModelSpec({ ...linear, l2 })} />
            <SelectField label={t('model.mlpLoss')} value={loss} options={losses()} onChange={(value) => setTraining({ loss: value })} testId="loss-select" />
          </>
        ) : (
          <NumberField label={t('model.logregL2')} value={model.logreg.l2} min={0} max={1} onChange={(l2) => setModelSpec({ ...model.logreg, l2 })} />
        )}
        <div className="field">
          <label htmlFor={hiddenId}>{t('model.hidden')}</label>
          <input
            id={hiddenId}
            value={hiddenText}
            data-testid="hidden-layers"
            aria-invalid={hiddenError ? true : undefined}
            aria-describedby={`${hiddenId}-note`}
            onChange={(e) => {
              setHiddenText(e.target.value);
              const parsed = parseHiddenLayers(e.target.value);
              if (typeof parsed === 'string') setHiddenError(parsed);
              else {
                setHiddenError(null);
                setModelSpec({ ...model.mlp, hidden: parsed });
              }
            }}
          />
          <span id={`${hiddenId}-note`} className={hiddenError ? 'field-error' : 'field-hint'}>
            {hiddenError ?? t('model.hiddenHint')}
          </span>
        </div>
        <SelectField label={t('model.activation')} value={model.mlp.activation} options={ACTIVATIONS} onChange={(activation) => setModelSpec({ ...model.mlp, activation })} />
        <NumberField
          label={t('model.dropout')}
          value={model.mlp.dropout}
          min={MODEL_RANGES.dropout.min}
          max={MODEL_RANGES.dropout.max}
          step={0.05}
          onChange={(dropout) => setModelSpec({ ...model.mlp, dropout })}
        />
        <NumberField label={t('model.mlpL2')} value={model.mlp.l2} min={MODEL_RANGES.l2.min} max={MODEL_RANGES.l2.max} onChange={(l2) => setModelSpec({ ...model.mlp, l2 })} />
      </div>
      {mlpProblem ? <p className="field-error">{mlpProblem}</p> : null}
    </Section>
  );
}
