import { useEffect, useId, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import { DEFAULT_LINEAR, describeModel, validateModelSpec, type Activation } from '../../models/spec';
import { chooseTask, type RegressionLoss } from '../../train/task';
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
const REGRESSION_CHOICES: ModelChoiceOption[] = [
  { value: 'auto', label: 'Auto', hint: 'Fits linear regression and trains an MLP; keeps the one with the lower validation loss.' },
  { value: 'linear', label: 'Linear regression', hint: 'Least squares in closed form (as scikit-learn); exact, instant, a strong baseline.' },
  { value: 'mlp', label: 'MLP regressor (neural network)', hint: 'Learns non-linear relations; needs more data.' },
];
const LOSSES: { value: RegressionLoss; label: string }[] = [
  { value: 'mse', label: 'Mean squared error' },
  { value: 'mae', label: 'Mean absolute error' },
  { value: 'huber', label: 'Huber (squared near 0, absolute beyond 1 sd)' },
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
  const prepare = useStudio((s) => s.notebook.prepare);
  const loss = useStudio((s) => s.notebook.training.loss ?? 'mse');
  const setTraining = useStudio((s) => s.setTraining);
  if (dataset?.kind === 'images') return <ImageModelSection step={step} images={dataset} />;
  const targetProfile = dataset?.profiles.find((p) => p.name === prepare.target);
  const regression = targetProfile ? chooseTask(targetProfile, prepare.task ?? 'auto').task === 'regression' : false;
  const linear = model.linear ?? DEFAULT_LINEAR;

  return (
    <Section id="model" step={step} title="Model" summary={<span>{model.choice === 'auto' ? 'Auto' : describeModel(model.choice === 'linear' ? (model.linear ?? DEFAULT_LINEAR) : model[model.choice])}</span>}>
      <ModelChoiceField options={regression ? REGRESSION_CHOICES : CHOICES} />
      {regression && model.choice === 'logreg' ? <p className="field-error">Logistic regression predicts classes; for this numeric target choose linear regression, MLP or Auto.</p> : null}
      <div className="field-grid">
        {regression ? (
          <>
            <NumberField label="Linear regression L2 penalty (ridge, per row)" value={linear.l2} min={0} max={1} onChange={(l2) => setModelSpec({ ...linear, l2 })} />
            <SelectField label="MLP loss" value={loss} options={LOSSES} onChange={(value) => setTraining({ loss: value })} testId="loss-select" />
          </>
        ) : (
          <NumberField label="Logistic regression L2 penalty" value={model.logreg.l2} min={0} max={1} onChange={(l2) => setModelSpec({ ...model.logreg, l2 })} />
        )}
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
        <NumberField label="MLP dropout" value={model.mlp.dropout} min={0} max={0.9} step={0.05} onChange={(dropout) => setModelSpec({ ...model.mlp, dropout })} />
        <NumberField label="MLP L2 penalty" value={model.mlp.l2} min={0} max={1} onChange={(l2) => setModelSpec({ ...model.mlp, l2 })} />
      </div>
      {mlpProblem ? <p className="field-error">{mlpProblem}</p> : null}
    </Section>
  );
}
