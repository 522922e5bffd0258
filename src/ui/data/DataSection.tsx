import { useId, useRef, useState, type DragEvent } from 'react';
import { useStudio } from '../../store/studio-store';
import { SAMPLES } from '../../data/samples';
import { delimiterName } from '../../data/csv/dialect';
import { ENCODING_LABELS, isTextEncoding, TEXT_ENCODINGS, type TextEncodingName } from '../../data/csv/encoding';
import { Section } from '../common/Section';
import { Message } from '../common/Message';
import { formatBytes } from '../../lib/format';
import { formatCount } from '../common/format';
import { DataTable } from './DataTable';
// Not lazy: the profile cards draw their histograms as plain SVG (no recharts), see ColumnProfiles.
import { ColumnProfiles } from './ColumnProfiles';
import { ImageLoadPanel } from '../images/ImageLoadPanel';
import { ImageDatasetView, imageHeadline } from '../images/ImageDatasetView';
import { formatFixed, useT } from '../../i18n/locale';

const ACCEPT = '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain';

export function DataSection({ step }: { step: number }) {
  const t = useT();
  const dataset = useStudio((s) => s.dataset);
  const loading = useStudio((s) => s.loading);
  const loadError = useStudio((s) => s.loadError);
  const loadFile = useStudio((s) => s.loadFile);
  const loadSample = useStudio((s) => s.loadSample);
  const cancelLoad = useStudio((s) => s.cancelLoad);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void loadFile(file);
  };
  const percent = loading && loading.totalBytes > 0 ? Math.round((loading.bytesRead / loading.totalBytes) * 100) : null;

  return (
    <Section
      id="dataset"
      step={step}
      title={t('data.title')}
      summary={
        dataset?.kind === 'images' ? (
          <span data-testid="dataset-summary">{imageHeadline(dataset)}</span>
        ) : dataset ? (
          <span data-testid="dataset-summary">{t('data.summary', { name: dataset.name, rows: formatCount(dataset.rows), columns: dataset.header.length })}</span>
        ) : null
      }
    >
      <div className="load-row">
        <div
          className={`dropzone${dragging ? ' dropzone-active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="dropzone"
        >
          <p>{t('data.drop')}</p>
          <label htmlFor={inputId} className="button button-primary">
            {t('data.choose')}
          </label>
          <input
            id={inputId}
            ref={inputRef}
            className="visually-hidden"
            type="file"
            accept={ACCEPT}
            data-testid="file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void loadFile(file);
              e.target.value = '';
            }}
          />
          <p className="field-hint">{t('data.dropHint')}</p>
        </div>
        <div className="samples">
          <h3>{t('data.samples')}</h3>
          <ul className="sample-list">
            {SAMPLES.map((sample) => (
              <li key={sample.id}>
                <button type="button" className="button" onClick={() => void loadSample(sample.id)} data-testid={`sample-${sample.id}`} aria-describedby={`sample-${sample.id}-desc`}>
                  {sample.name}
                </button>
                <span id={`sample-${sample.id}-desc`} className="field-hint">
                  {sample.description}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <ImageLoadPanel />

      {loading ? (
        <div className="progress-row" data-testid="load-progress">
          <label>
            {t('data.reading', { name: loading.name, percent: percent !== null ? `${percent}%` : '', rows: formatCount(loading.rows) })}
            <progress max={100} value={percent ?? undefined} />
          </label>
          <button type="button" className="button" onClick={cancelLoad}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}

      {loadError ? (
        <Message kind="error" title={t('data.loadError')} testId="load-error">
          <p>{loadError.message}</p>
          {dataset ? <p>{t('data.previousStays', { name: dataset.name })}</p> : null}
        </Message>
      ) : null}

      {dataset?.kind === 'images' ? <ImageDatasetView images={dataset} /> : null}
      {dataset?.kind === 'table' ? (
        <>
          <p className="dataset-facts">
            {formatBytes(dataset.bytes)} · {t('data.separated', { delimiter: delimiterName(dataset.dialect.delimiter) })}
            {dataset.dialect.decimal === ',' ? t('data.decimalComma') : ''} · {t('data.parsedIn', { seconds: formatFixed(dataset.parseSeconds, 2) })}
            {dataset.encoding ? <EncodingChoice encoding={dataset.encoding} detected={dataset.encodingEvidence !== 'chosen'} /> : null}
          </p>
          {dataset.warnings.map((w) => (
            <Message key={w} kind="warning">
              {w}
            </Message>
          ))}
          <DataTable key={dataset.id} />
          <ColumnProfiles profiles={dataset.profiles} />
        </>
      ) : null}
    </Section>
  );
}

/** The text encoding the file was read with (detected or chosen), and a way to read it in another one. */
function EncodingChoice({ encoding, detected }: { encoding: TextEncodingName; detected: boolean }) {
  const reload = useStudio((s) => s.reloadWithEncoding);
  const canReload = useStudio((s) => s.notebook.dataset?.kind === 'file');
  const t = useT();
  return (
    <>
      {' · '}
      <label>
        {detected ? t('data.encodingDetected') : t('data.encoding')}
        <select
          value={encoding}
          disabled={!canReload}
          data-testid="encoding-select"
          onChange={(e) => {
            if (isTextEncoding(e.target.value)) void reload(e.target.value);
          }}
        >
          {TEXT_ENCODINGS.map((name) => (
            <option key={name} value={name}>
              {ENCODING_LABELS[name]}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
