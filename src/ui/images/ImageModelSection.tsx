import { useStudio } from '../../store/studio-store';
import { MODEL_RANGES } from '../../settings/limits';
import type { ImageDatasetSummary } from '../../data/images/summary';
import { describeModel, validateModelSpec } from '../../models/spec';
import { CNN_PRESETS, checkCnnFitsImage, countCnnParameters, presetOf, type CnnPresetId } from '../../train/image-presets';
import { WASM_CNN_NOTE } from '../../runtime/backends';
import { Section } from '../common/Section';
import { NumberField } from '../common/NumberField';
import { formatCount } from '../common/format';
import { CnnLayerEditor } from './CnnLayerEditor';
import './images.css';
import { ModelChoiceField, type ModelChoiceOption } from '../model/ModelChoiceField';

const CHOICES: ModelChoiceOption[] = [
  { value: 'auto', label: 'Auto (CNN)', hint: 'For images Auto trains the convolutional network below.' },
  { value: 'cnn', label: 'CNN', hint: 'Convolutions learn local patterns (edges, textures, shapes) anywhere in the image.' },
  { value: 'logreg', label: 'Logistic regression', hint: 'A linear model on the raw pixels; a quick baseline.' },
  { value: 'mlp', label: 'MLP (neural network)', hint: 'Dense layers on the flattened pixels; ignores where pixels are, so usually weaker than a CNN.' },
];

/** Model, for images: CNN presets and an editable layer list, or a dense baseline on the pixels. */
export function ImageModelSection({ step, images }: { step: number; images: ImageDatasetSummary }) {
  const model = useStudio((s) => s.notebook.model);
  const backend = useStudio((s) => s.notebook.training.backend);
  const setModelSpec = useStudio((s) => s.setModelSpec);
  const usesCnn = model.choice === 'auto' || model.choice === 'cnn';
  const cnn = model.cnn;
  const preset = presetOf(cnn);
  const problem = validateModelSpec(cnn) ?? checkCnnFitsImage(cnn, images.width, images.height);
  const parameters = problem ? null : countCnnParameters(cnn, images.width, images.height, images.channels, images.classes.length);

  return (
    <Section
      id="model"
      step={step}
      title="Model"
      summary={<span data-testid="model-summary">{usesCnn ? describeModel(cnn) : describeModel(model[model.choice === 'logreg' ? 'logreg' : 'mlp'])}</span>}
    >
      <ModelChoiceField options={CHOICES} />
      {usesCnn ? (
        <>
          <div className="button-row" role="group" aria-label="CNN presets" data-testid="cnn-presets">
            <span>Start from:</span>
            {(Object.keys(CNN_PRESETS) as CnnPresetId[]).map((id) => (
              <button
                key={id}
                type="button"
                className={`button${preset === id ? ' button-primary' : ''}`}
                aria-pressed={preset === id}
                title={CNN_PRESETS[id].hint}
                onClick={() => setModelSpec(structuredClone(CNN_PRESETS[id].spec))}
                data-testid={`cnn-preset-${id}`}
              >
                {CNN_PRESETS[id].label}
              </button>
            ))}
            {preset === null ? <span className="field-hint">(edited)</span> : null}
          </div>
          <p className="field-hint">
            {preset ? CNN_PRESETS[preset].hint : 'Your own layer list.'}{' '}
            {parameters !== null ? (
              <span data-testid="cnn-parameters">
                {formatCount(parameters)} trainable parameters for {images.width}×{images.height}×{images.channels} inputs and {images.classes.length} classes.
              </span>
            ) : null}
          </p>
          <CnnLayerEditor spec={cnn} onChange={setModelSpec} />
          <div className="field-grid">
            <NumberField label="CNN L2 penalty" value={cnn.l2} min={MODEL_RANGES.l2.min} max={MODEL_RANGES.l2.max} onChange={(l2) => setModelSpec({ ...cnn, l2 })} />
          </div>
          {problem ? (
            <p className="field-error" role="alert" data-testid="cnn-problem">
              {problem}
            </p>
          ) : null}
          {backend === 'wasm' || backend === 'auto' ? (
            <p className="field-hint" data-testid="wasm-cnn-note">
              {WASM_CNN_NOTE}.
            </p>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
