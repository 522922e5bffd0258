import { useId, useState } from 'react';
import { MODEL_RANGES } from '../../settings/limits';
import type { Activation, CnnLayerSpec, CnnSpec } from '../../models/spec';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
import { t, useT } from '../../i18n/locale';

type LayerType = CnnLayerSpec['type'];

const LAYER_LABELS: Record<LayerType, string> = {
  conv: 'Convolution',
  maxpool: 'Max pooling',
  dropout: 'Dropout',
  batchnorm: 'Batch normalization',
  dense: 'Dense',
};
const ACTIVATIONS: { value: Activation; label: string }[] = [
  { value: 'relu', label: 'ReLU' },
  { value: 'elu', label: 'ELU' },
  { value: 'tanh', label: 'tanh' },
  { value: 'sigmoid', label: 'sigmoid' },
];
const NEW_LAYERS: Record<LayerType, CnnLayerSpec> = {
  conv: { type: 'conv', filters: 32, kernel: 3, activation: 'relu' },
  maxpool: { type: 'maxpool', size: 2 },
  dropout: { type: 'dropout', rate: 0.25 },
  batchnorm: { type: 'batchnorm' },
  dense: { type: 'dense', units: 64, activation: 'relu' },
};

function LayerFields({ layer, onChange, position }: { layer: CnnLayerSpec; onChange: (next: CnnLayerSpec) => void; position: number }) {
  const label = (what: string) => `Layer ${position} ${what}`;
  switch (layer.type) {
    case 'conv':
      return (
        <>
          <NumberField label={label('filters')} value={layer.filters} min={MODEL_RANGES.units.min} max={MODEL_RANGES.units.max} integer onChange={(filters) => onChange({ ...layer, filters })} />
          <NumberField label={label('kernel size')} value={layer.kernel} min={MODEL_RANGES.kernel.min} max={MODEL_RANGES.kernel.max} integer onChange={(kernel) => onChange({ ...layer, kernel })} />
          <SelectField label={label('activation')} value={layer.activation} options={ACTIVATIONS} onChange={(activation) => onChange({ ...layer, activation })} />
        </>
      );
    case 'maxpool':
      return <NumberField label={label('pool size')} value={layer.size} min={MODEL_RANGES.poolSize.min} max={MODEL_RANGES.poolSize.max} integer onChange={(size) => onChange({ ...layer, size })} />;
    case 'dropout':
      return (
        <NumberField label={label('dropout rate')} value={layer.rate} min={MODEL_RANGES.dropout.min} max={MODEL_RANGES.dropout.max} step={0.05} onChange={(rate) => onChange({ ...layer, rate })} />
      );
    case 'batchnorm':
      return <span className="field-hint">Normalizes each channel over the batch.</span>;
    case 'dense':
      return (
        <>
          <NumberField label={label('units')} value={layer.units} min={MODEL_RANGES.units.min} max={MODEL_RANGES.units.max} integer onChange={(units) => onChange({ ...layer, units })} />
          <SelectField label={label('activation')} value={layer.activation} options={ACTIVATIONS} onChange={(activation) => onChange({ ...layer, activation })} />
        </>
      );
  }
}

/** The CNN's layers as an editable list: change settings, reorder, remove, add. The softmax output is fixed. */
export function CnnLayerEditor({ spec, onChange }: { spec: CnnSpec; onChange: (spec: CnnSpec) => void }) {
  useT();
  const [newType, setNewType] = useState<LayerType>('conv');
  const addId = useId();
  const setLayers = (layers: CnnLayerSpec[]) => onChange({ ...spec, layers });
  const move = (from: number, to: number) => {
    const layers = [...spec.layers];
    const [layer] = layers.splice(from, 1);
    layers.splice(to, 0, layer);
    setLayers(layers);
  };

  return (
    <div className="cnn-editor" data-testid="cnn-layers">
      <h3>{t('images.layers')}</h3>
      <ol className="layer-list">
        <li className="layer layer-fixed">
          <strong>Input</strong> <span className="field-hint">the image, pixels scaled to 0–1</span>
        </li>
        {spec.layers.map((layer, i) => (
          <li key={i} className="layer" data-testid="cnn-layer">
            <strong className="layer-title">
              {i + 1}. {LAYER_LABELS[layer.type]}
            </strong>
            <div className="layer-fields">
              <LayerFields layer={layer} position={i + 1} onChange={(next) => setLayers(spec.layers.map((l, j) => (j === i ? next : l)))} />
            </div>
            <span className="layer-actions">
              <button type="button" className="button button-quiet" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`Move layer ${i + 1} (${LAYER_LABELS[layer.type]}) up`}>
                ↑
              </button>
              <button
                type="button"
                className="button button-quiet"
                disabled={i === spec.layers.length - 1}
                onClick={() => move(i, i + 1)}
                aria-label={`Move layer ${i + 1} (${LAYER_LABELS[layer.type]}) down`}
              >
                ↓
              </button>
              <button type="button" className="button button-quiet" onClick={() => setLayers(spec.layers.filter((_, j) => j !== i))} aria-label={`Remove layer ${i + 1} (${LAYER_LABELS[layer.type]})`}>
                Remove
              </button>
            </span>
          </li>
        ))}
        <li className="layer layer-fixed">
          <strong>Output</strong> <span className="field-hint">dense softmax, one unit per class (flattened first if needed)</span>
        </li>
      </ol>
      <div className="button-row">
        <label htmlFor={addId}>{t('images.addLayer')}</label>
        <select id={addId} value={newType} onChange={(e) => setNewType(e.target.value as LayerType)} data-testid="cnn-new-layer-type">
          {(Object.keys(LAYER_LABELS) as LayerType[]).map((type) => (
            <option key={type} value={type}>
              {LAYER_LABELS[type]}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => setLayers([...spec.layers, structuredClone(NEW_LAYERS[newType])])} disabled={spec.layers.length >= 32} data-testid="cnn-add-layer">
          Add at the end
        </button>
      </div>
    </div>
  );
}
