import { useEffect, useId, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import { Message } from '../common/Message';
import { formatMetric } from '../common/format';
import { downloadBlob } from '../../lib/download';
import { FilePicker } from './FilePicker';
import { SavedModels } from './SavedModels';
import type { ModelInfo } from '../../export/calls';

const SOURCE: Record<ModelInfo['source'], string> = { trained: 'trained in this notebook', imported: 'imported', browser: 'opened from this browser' };

function inputsOf(model: ModelInfo): string {
  if (model.image) return `${model.image.width}×${model.image.height} ${model.image.channels === 1 ? 'grayscale' : 'RGB'} images`;
  const features = model.preprocessing?.features ?? [];
  return `${features.length} input column${features.length === 1 ? '' : 's'}`;
}

/** The current model: what it is, download it as a bundle, save it in the browser, or import another. */
export function ModelPanel() {
  const model = useStudio((s) => s.currentModel);
  const task = useStudio((s) => s.modelTask);
  const error = useStudio((s) => s.modelError);
  const notice = useStudio((s) => s.modelNotice);
  const exportModel = useStudio((s) => s.exportModel);
  const saveModelToBrowser = useStudio((s) => s.saveModelToBrowser);
  const importModel = useStudio((s) => s.importModel);
  const listSavedModels = useStudio((s) => s.listSavedModels);
  const [label, setLabel] = useState('');
  const labelId = useId();

  useEffect(() => {
    void listSavedModels();
  }, [listSavedModels]);

  const accuracy = model?.metrics?.evaluation?.test.accuracy;
  return (
    <div className="model-panel">
      <h3>Model</h3>
      {model ? (
        <p className="model-facts" data-testid="current-model" data-model-id={model.id}>
          <strong>{model.name}</strong> ({SOURCE[model.source]}): {model.classes.length} classes ({model.classes.slice(0, 8).join(', ')}
          {model.classes.length > 8 ? ', …' : ''}) from {inputsOf(model)}, {model.parameters.toLocaleString('en-US')} parameters
          {accuracy !== undefined ? `; test accuracy ${formatMetric(accuracy)}` : ''}.
        </p>
      ) : (
        <p className="empty-note" data-testid="current-model">
          No model yet. Train one above, import a model bundle, or open a model saved in this browser.
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
            const bundle = await exportModel();
            if (bundle) downloadBlob(bundle.zip, bundle.fileName);
          }}
        >
          {task === 'export' ? 'Exporting…' : 'Download model (.zip)'}
        </button>
        <span className="inline-field">
          <label htmlFor={labelId}>Name in this browser</label>
          <input id={labelId} type="text" value={label} placeholder={model?.name ?? ''} onChange={(e) => setLabel(e.target.value)} data-testid="save-name" />
        </span>
        <button type="button" className="button" disabled={!model || task !== null} data-testid="save-browser-button" onClick={() => void saveModelToBrowser(label)}>
          {task === 'save' ? 'Saving…' : 'Save in this browser'}
        </button>
        <FilePicker
          label={task === 'import' ? 'Importing…' : 'Import a model (.zip, or model.json + weights)'}
          accept=".zip,.json,.bin,application/zip,application/json"
          multiple
          disabled={task !== null}
          testId="model-import-input"
          onFiles={(files) => void importModel(files)}
        />
      </div>
      {error ? (
        <Message kind="error" title="That did not work" testId="model-error">
          <p>{error.message}</p>
          {model ? <p>The current model ({model.name}) is unchanged.</p> : null}
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
