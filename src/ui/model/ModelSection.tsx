import { useEffect, useId, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import { describeModel, validateModelSpec, type Activation } from '../../models/spec';
import { Section } from '../common/Section';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
import { ImageModelSection } from '../images/ImageModelSection';
import { ModelChoiceField, type ModelChoiceOption } from './ModelChoiceField';
import { t, useT } from '../../i18n/locale';

const choices = (): ModelChoiceOption[] => [
  { value: 'auto', label: t('model.auto'), hint: t('model.autoHint') },
  { value: 'logreg', label: t('model.logreg'), hint: t('model.logregHint') },
  { value: 'mlp', label: t('model.mlp'), hint: t('model.mlpHint') },
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
  if (dataset?.kind === 'images') return <ImageModelSection step={step} images={dataset} />;

  return (
    <Section id="model" step={step} title={t('model.title')} summary={<span>{model.choice === 'auto' ? t('model.auto') : describeModel(model[model.choice === 'cnn' ? 'cnn' : model.choice])}</span>}>
      <ModelChoiceField options={choices()} />
      <div className="field-grid">
        <NumberField
          label={t('model.logregL2')}
          value={model.logreg.l2}
          min={0}
          max={1}
          onChange={(l2) => setModelSpec({ ...model.logreg, l2 })}
        />
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
        <NumberField label={t('model.dropout')} value={model.mlp.dropout} min={0} max={0.9} step={0.05} onChange={(dropout) => setModelSpec({ ...model.mlp, dropout })} />
        <NumberField label={t('model.mlpL2')} value={model.mlp.l2} min={0} max={1} onChange={(l2) => setModelSpec({ ...model.mlp, l2 })} />
      </div>
      {mlpProblem ? <p className="field-error">{mlpProblem}</p> : null}
    </Section>
  );
}
