import { useId, useState, type DragEvent } from 'react';
import { useStudio } from '../../store/studio-store';
import { IMAGE_SIZE_LIMITS, type ImageSettings } from '../../data/images/settings';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
import { formatCount } from '../common/format';
import { droppedFiles } from './drop-files';
import './images.css';

const CHANNEL_OPTIONS: { value: 'auto' | '1' | '3'; label: string }[] = [
  { value: 'auto', label: 'Auto (from the data)' },
  { value: '1', label: 'Grayscale' },
  { value: '3', label: 'RGB colour' },
];
const STEP_LABELS = { listing: 'Listing files', reading: 'Reading', decoding: 'Decoding', resizing: 'Resizing' } as const;
/** Folders hold any file; the loader skips non-images by name. */
const FILE_ACCEPT = '.zip,.csv,.tsv,.txt,.gz,.idx3-ubyte,.idx1-ubyte,application/zip,text/csv';
// React has no typed prop for folder pickers; these attributes are standard in every current browser.
const FOLDER_PICKER = { webkitdirectory: '', directory: '' } as Record<string, string>;

function channelsLabel(channels: ImageSettings['channels']): string {
  return channels === 'auto' ? 'auto' : channels === 1 ? 'grayscale' : 'RGB';
}

/** Loads image data sets: a class-folder tree, a zip of one, a pixel CSV or an IDX pair, at a chosen size. */
export function ImageLoadPanel() {
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
    images !== null &&
    imageInput !== null &&
    (images.width !== settings.width || images.height !== settings.height || (settings.channels !== 'auto' && settings.channels !== images.channels));
  const percent = imageLoading && imageLoading.total > 0 ? Math.round((imageLoading.done / imageLoading.total) * 100) : null;

  return (
    <div className="image-load" data-testid="image-load">
      <h3>Or load images</h3>
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
        <p>Drop an image folder or a .zip here, or</p>
        <div className="button-row">
          <label htmlFor={folderId} className="button">
            Choose a folder…
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
              if (files.length > 0) void loadImageFiles(files, files.map((f) => f.webkitRelativePath || f.name));
              e.target.value = '';
            }}
          />
          <label htmlFor={fileId} className="button">
            Choose a zip, pixel CSV or IDX pair…
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
        <p className="field-hint">
          One sub-folder per class (cats/1.jpg, dogs/2.jpg), as Keras and Kaggle data sets use; PNG, JPEG, WebP, BMP or GIF. A pixel CSV is label,pixel0,…
          (MNIST style); an IDX pair is *-images-idx3-ubyte[.gz] with its *-labels-idx1-ubyte[.gz], chosen together.
        </p>
      </div>
      <div className="field-grid image-size-fields">
        <NumberField
          label="Image width (pixels)"
          value={settings.width}
          min={IMAGE_SIZE_LIMITS.min}
          max={IMAGE_SIZE_LIMITS.max}
          integer
          onChange={(width) => setImageSettings({ width })}
          testId="image-width"
        />
        <NumberField
          label="Image height (pixels)"
          value={settings.height}
          min={IMAGE_SIZE_LIMITS.min}
          max={IMAGE_SIZE_LIMITS.max}
          integer
          onChange={(height) => setImageSettings({ height })}
          testId="image-height"
        />
        <SelectField
          label="Channels"
          value={String(settings.channels) as 'auto' | '1' | '3'}
          options={CHANNEL_OPTIONS}
          onChange={(value) => setImageSettings({ channels: value === 'auto' ? 'auto' : value === '1' ? 1 : 3 })}
          testId="image-channels"
          hint="Auto: grayscale when every image is gray, else RGB. Images are resized (area-averaged) when loading."
        />
      </div>
      {sizeChanged ? (
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={() => void reloadImages()} disabled={imageLoading !== null} data-testid="image-reload">
            Reload at {settings.width}×{settings.height} ({channelsLabel(settings.channels)})
          </button>
          <span className="field-hint">
            The loaded images are {images?.width}×{images?.height}; training uses the loaded size.
          </span>
        </div>
      ) : null}
      {imageLoading ? (
        <div className="progress-row" data-testid="image-load-progress">
          <label>
            {STEP_LABELS[imageLoading.step]} {imageLoading.name}…{' '}
            {imageLoading.total > 0 && imageLoading.step !== 'reading' ? `${formatCount(imageLoading.done)} of ${formatCount(imageLoading.total)}` : ''}
            <progress max={100} value={percent ?? undefined} />
          </label>
          <button type="button" className="button" onClick={cancelImageLoad}>
            Cancel
          </button>
        </div>
      ) : null}
    </div>
  );
}
