import { useEffect, useId, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import { Message } from '../common/Message';
import { formatMetric } from '../common/format';
import { downloadBlob } from '../../lib/download';
import { FilePicker } from './FilePicker';
import { SavedModels } from './SavedModels';
import { QuantizeOptions } from './QuantizeOptions';
import type { QuantizeDtype } from '../../export/quantize';
import type { ModelInfo } from '../../export/calls';
import { t, useT } from '../../i18n/locale';
import type { MessageKey } from '../../i18n/en';
import { testAccuracy } from '../../export/bundle-format';

const SOURCE: Record<ModelInfo['source'], MessageKey> = { trained: 'model.source.trained', imported: 'model.source.imported', browser: 'model.source.browser' };

function inputsOf(model: ModelInfo): string {
  if (model.image)
    return t('model.inputsImages', { width: String(model.image.width), height: String(model.image.height), channels: model.image.channels === 1 ? t('images.grayscale') : t('images.rgb') });
  const features = model.preprocessing?.features ?? [];
  return features.length === 1 ? t('model.inputsColumn') : t('model.inputsColumns', { count: features.length });
}

/** The current model: what it is, download it as a bundle, save it in the browser, or import another. */
export function ModelPanel() {
  useT();
  const model = useStudio((s) => s.currentModel);
  const task = useStudio((s) => s.modelTask);
  const error = useStudio((s) => s.modelError);
  const notice = useStudio((s) => s.modelNotice);
  const exportModel = useStudio((s) => s.exportModel);
  const saveModelToBrowser = useStudio((s) => s.saveModelToBrowser);
  const importModel = useStudio((s) => s.importModel);
  const listSavedModels = useStudio((s) => s.listSavedModels);
  const [label, setLabel] = useState('');
  const [quantize, setQuantize] = useState<QuantizeDtype | null>(null);
  const labelId = useId();

  useEffect(() => {
    void listSavedModels();
  }, [listSavedModels]);

  const accuracy = testAccuracy(model?.metrics ?? null);
  return (
    <div className="model-panel">
      <h3>{t('export.model')}</h3>
      {model ? (
        <p className="model-facts" data-testid="current-model" data-model-id={model.id}>
          <strong>{model.name}</strong>{' '}
          {t('export.facts', {
            source: t(SOURCE[model.source]),
            classes: model.classes.length,
            list: model.classes.slice(0, 8).join(', '),
            more: model.classes.length > 8 ? ', …' : '',
            inputs: inputsOf(model),
            parameters: model.parameters,
            accuracy: accuracy !== undefined ? t('export.testAccuracy', { accuracy: formatMetric(accuracy) }) : '',
          })}
        </p>
      ) : (
        <p className="empty-note" data-testid="current-model">
          {t('export.none')}
        </p>
      )}
      {model?.notes.map((note) => (
        <Message key={note} kind="info">
          {note}
        </Message>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={!model || task !== null}
          data-testid="export-button"
          onClick={async () => {
            const bundle = await exportModel(quantize ? { quantize } : {});
            if (bundle) downloadBlob(bundle.zip, bundle.fileName);
          }}
        >
          {task === 'export' ? t('export.exporting') : t('export.download')}
        </button>
        <QuantizeOptions value={quantize} onChange={setQuantize} modelId={model?.id ?? null} />
        <button
          type="button"
          className="button"
          disabled={!model || task !== null}
          data-testid="export-pytorch-button"
          onClick={async () => {
            const project = await exportModel({ format: 'pytorch' });
            if (project) downloadBlob(project.zip, project.fileName);
          }}
        >
          {t('export.pytorch')}
        </button>
        <span className="inline-field">
          <label htmlFor={labelId}>{t('export.nameHere')}</label>
          <input id={labelId} type="text" value={label} placeholder={model?.name ?? ''} onChange={(e) => setLabel(e.target.value)} data-testid="save-name" />
        </span>
        <button type="button" className="button" disabled={!model || task !== null} data-testid="save-browser-button" onClick={() => void saveModelToBrowser(label)}>
          {task === 'save' ? t('export.saving') : t('export.save')}
        </button>
        <FilePicker
          label={task === 'import' ? t('export.importing') : t('export.import')}
          accept=".zip,.json,.bin,.safetensors,application/zip,application/json"
          multiple
          disabled={task !== null}
          testId="model-import-input"
          onFiles={(files) => void importModel(files)}
        />
      </div>
      {error ? (
        <Message kind="error" title={t('export.failed')} testId="model-error">
          <p>{error.message}</p>
          {model ? <p>{t('export.unchanged', { name: model.name })}</p> : null}
        </Message>
      ) : null}
      {notice ? (
        <p className="status-line" role="status" data-testid="model-notice">
          {notice}
        </p>
      ) : null}
      <SavedModels />
    </div>
  );
}
