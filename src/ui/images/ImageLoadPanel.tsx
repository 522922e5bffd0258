import { useId, useState, type DragEvent } from 'react';
import { useStudio } from '../../store/studio-store';
import { IMAGE_SIZE_LIMITS, type ImageSettings } from '../../data/images/settings';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
import { formatCount } from '../common/format';
import { droppedFiles } from './drop-files';
import './images.css';
import { t, useT } from '../../i18n/locale';

const channelOptions = (): { value: 'auto' | '1' | '3'; label: string }[] => [
  { value: 'auto', label: t('images.channels.auto') },
  { value: '1', label: t('images.channels.gray') },
  { value: '3', label: t('images.channels.rgb') },
];
const STEP_LABELS = { listing: 'images.step.listing', reading: 'images.step.reading', decoding: 'images.step.decoding', resizing: 'images.step.resizing' } as const;
/** Folders hold any file; the loader skips non-images by name. */
const FILE_ACCEPT = '.zip,.csv,.tsv,.txt,.gz,.idx3-ubyte,.idx1-ubyte,application/zip,text/csv';
// React has no typed prop for folder pickers; these attributes are standard in every current browser.
const FOLDER_PICKER = { webkitdirectory: '', directory: '' } as Record<string, string>;

function channelsLabel(channels: ImageSettings['channels']): string {
  return channels === 'auto' ? 'auto' : channels === 1 ? 'grayscale' : 'RGB';
}

/** Loads image data sets: a class-folder tree, a zip of one, a pixel CSV or an IDX pair, at a chosen size. */
export function ImageLoadPanel() {
  useT();
  const settings = useStudio((s) => s.notebook.images);
  const dataset = useStudio((s) => s.dataset);
  const imageLoading = useStudio((s) => s.imageLoading);
  const imageInput = useStudio((s) => s.imageInput);
  const loadImageFiles = useStudio((s) => s.loadImageFiles);
  const reloadImages = useStudio((s) => s.reloadImages);
  const cancelImageLoad = useStudio((s) => s.cancelImageLoad);
  const setImageSettings = useStudio((s) => s.setImageSettings);
  const folderId = useId();
  const fileId = useId();
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.stopPropagation();
    setDragging(false);
    droppedFiles(event.dataTransfer)
      .then(({ files, paths }) => loadImageFiles(files, paths))
      .catch((error: unknown) => console.error('Could not read the dropped files', error));
  };
  const images = dataset?.kind === 'images' ? dataset : null;
  const sizeChanged =
    images !== null && imageInput !== null && (images.width !== settings.width || images.height !== settings.height || (settings.channels !== 'auto' && settings.channels !== images.channels));
  const percent = imageLoading && imageLoading.total > 0 ? Math.round((imageLoading.done / imageLoading.total) * 100) : null;

  return (
    <div className="image-load" data-testid="image-load">
      <h3>{t('images.loadTitle')}</h3>
      <div
        className={`dropzone image-dropzone${dragging ? ' dropzone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="image-data-dropzone"
      >
        <p>{t('images.drop')}</p>
        <div className="button-row">
          <label htmlFor={folderId} className="button">
            {t('images.chooseFolder')}
          </label>
          <input
            id={folderId}
            className="visually-hidden"
            type="file"
            multiple
            {...FOLDER_PICKER}
            data-testid="image-folder-input"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              if (files.length > 0)
                void loadImageFiles(
                  files,
                  files.map((f) => f.webkitRelativePath || f.name),
                );
              e.target.value = '';
            }}
          />
          <label htmlFor={fileId} className="button">
            {t('images.chooseFile')}
          </label>
          <input
            id={fileId}
            className="visually-hidden"
            type="file"
            multiple
            accept={FILE_ACCEPT}
            data-testid="image-file-input"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              if (files.length > 0) void loadImageFiles(files);
              e.target.value = '';
            }}
          />
        </div>
        <p className="field-hint">{t('images.layoutHint')}</p>
      </div>
      <div className="field-grid image-size-fields">
        <NumberField
          label={t('images.width')}
          value={settings.width}
          min={IMAGE_SIZE_LIMITS.min}
          max={IMAGE_SIZE_LIMITS.max}
          integer
          onChange={(width) => setImageSettings({ width })}
          testId="image-width"
        />
        <NumberField
          label={t('images.height')}
          value={settings.height}
          min={IMAGE_SIZE_LIMITS.min}
          max={IMAGE_SIZE_LIMITS.max}
          integer
          onChange={(height) => setImageSettings({ height })}
          testId="image-height"
        />
        <SelectField
          label={t('images.channels')}
          value={String(settings.channels) as 'auto' | '1' | '3'}
          options={channelOptions()}
          onChange={(value) => setImageSettings({ channels: value === 'auto' ? 'auto' : value === '1' ? 1 : 3 })}
          testId="image-channels"
          hint={t('images.channelsHint')}
        />
      </div>
      {sizeChanged ? (
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={() => void reloadImages()} disabled={imageLoading !== null} data-testid="image-reload">
            Reload at {settings.width}×{settings.height} ({channelsLabel(settings.channels)})
          </button>
          <span className="field-hint">{t('images.loadedSize', { width: String(images?.width), height: String(images?.height) })}</span>
        </div>
      ) : null}
      {imageLoading ? (
        <div className="progress-row" data-testid="image-load-progress">
          <label>
            {t(STEP_LABELS[imageLoading.step])} {imageLoading.name}…{' '}
            {imageLoading.total > 0 && imageLoading.step !== 'reading' ? `${formatCount(imageLoading.done)} of ${formatCount(imageLoading.total)}` : ''}
            <progress max={100} value={percent ?? undefined} />
          </label>
          <button type="button" className="button" onClick={cancelImageLoad}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
