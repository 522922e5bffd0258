import { useEffect, useId, useState } from 'react';
import { MODEL_RANGES } from '../../settings/limits';
import { useStudio } from '../../store/studio-store';
import { describeModel, validateModelSpec, type Activation } from '../../models/spec';
import { Section } from '../common/Section';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
import { ImageModelSection } from '../images/ImageModelSection';
import { ModelChoiceField, type ModelChoiceOption } from './ModelChoiceField';

const CHOICES: ModelChoiceOption[] = [
  { value: 'auto', label: 'Auto', hint: 'Trains logistic regression and an MLP and keeps the one with the lower validation loss.' },
  { value: 'logreg', label: 'Logistic regression', hint: 'Linear, fast, hard to overfit; a strong baseline.' },
  { value: 'mlp', label: 'MLP (neural network)', hint: 'Learns non-linear patterns; needs more data.' },
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
  if (units.some((u) => !Number.isInteger(u) || u < 1 || u > 4096)) return 'Use whole numbers from 1 to 4096, separated by commas.';
  if (units.length > 8) return 'At most 8 hidden layers.';
  return units;
}

export function ModelSection({ step }: { step: number }) {
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
    <Section id="model" step={step} title="Model" summary={<span>{model.choice === 'auto' ? 'Auto' : describeModel(model[model.choice === 'cnn' ? 'cnn' : model.choice])}</span>}>
      <ModelChoiceField options={CHOICES} />
      <div className="field-grid">
        <NumberField
          label="Logistic regression L2 penalty"
          value={model.logreg.l2}
          min={0}
          max={1}
          onChange={(l2) => setModelSpec({ ...model.logreg, l2 })}
        />
        <div className="field">
          <label htmlFor={hiddenId}>MLP hidden layers (units)</label>
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
            {hiddenError ?? 'e.g. 64, 64 — two layers of 64 units'}
          </span>
        </div>
        <SelectField label="MLP activation" value={model.mlp.activation} options={ACTIVATIONS} onChange={(activation) => setModelSpec({ ...model.mlp, activation })} />
        <NumberField label="MLP dropout" value={model.mlp.dropout} min={MODEL_RANGES.dropout.min} max={MODEL_RANGES.dropout.max} step={0.05} onChange={(dropout) => setModelSpec({ ...model.mlp, dropout })} />
        <NumberField label="MLP L2 penalty" value={model.mlp.l2} min={MODEL_RANGES.l2.min} max={MODEL_RANGES.l2.max} onChange={(l2) => setModelSpec({ ...model.mlp, l2 })} />
      </div>
      {mlpProblem ? <p className="field-error">{mlpProblem}</p> : null}
    </Section>
  );
}
