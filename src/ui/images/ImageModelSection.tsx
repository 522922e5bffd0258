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
import { t, useT } from '../../i18n/locale';

const choices = (): ModelChoiceOption[] => [
  { value: 'auto', label: t('images.modelAuto'), hint: t('images.modelAutoHint') },
  { value: 'cnn', label: 'CNN', hint: t('images.modelCnnHint') },
  { value: 'logreg', label: t('model.logreg'), hint: t('images.modelLogregHint') },
  { value: 'mlp', label: t('model.mlp'), hint: t('images.modelMlpHint') },
];

/** Model, for images: CNN presets and an editable layer list, or a dense baseline on the pixels. */
export function ImageModelSection({ step, images }: { step: number; images: ImageDatasetSummary }) {
  useT();
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
      title={t('model.title')}
      summary={<span data-testid="model-summary">{usesCnn ? describeModel(cnn) : describeModel(model[model.choice === 'logreg' ? 'logreg' : 'mlp'])}</span>}
    >
      <ModelChoiceField options={choices()} />
      {usesCnn ? (
        <>
          <div className="button-row" role="group" aria-label={t('images.presets')} data-testid="cnn-presets">
            <span>{t('images.startFrom')}</span>
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
            {preset === null ? <span className="field-hint">{t('images.edited')}</span> : null}
          </div>
          <p className="field-hint">
            {preset ? CNN_PRESETS[preset].hint : t('images.ownLayers')}{' '}
            {parameters !== null ? (
              <span data-testid="cnn-parameters">
                {t('images.parameters', {
                  parameters: formatCount(parameters),
                  width: String(images.width),
                  height: String(images.height),
                  channels: String(images.channels),
                  classes: images.classes.length,
                })}
              </span>
            ) : null}
          </p>
          <CnnLayerEditor spec={cnn} onChange={setModelSpec} />
          <div className="field-grid">
            <NumberField label={t('images.cnnL2')} value={cnn.l2} min={MODEL_RANGES.l2.min} max={MODEL_RANGES.l2.max} onChange={(l2) => setModelSpec({ ...cnn, l2 })} />
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
