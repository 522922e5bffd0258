import { useState } from 'react';
import { useStudio } from '../../store/studio-store';
import { Message } from '../common/Message';
import { FilePicker } from '../export/FilePicker';
import { ProbabilityBars } from './ProbabilityBars';
import { useT } from '../../i18n/locale';

/** Image models: drop (or pick) images and see the class probabilities of each. */
export function ImagePanel({ classes }: { classes: string[] }) {
  const t = useT();
  const predictions = useStudio((s) => s.imagePredictions);
  const loading = useStudio((s) => s.imagesLoading);
  const error = useStudio((s) => s.imagesError);
  const predictImages = useStudio((s) => s.predictImages);
  const [dragging, setDragging] = useState(false);
  return (
    <div className="image-predict">
      <h3>{t('imagePredict.title')}</h3>
      <div
        className={`dropzone${dragging ? ' dropzone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const files = Array.from(e.dataTransfer.files);
          if (files.length > 0) void predictImages(files);
        }}
        data-testid="image-dropzone"
      >
        <p>{t('imagePredict.drop')}</p>
        <FilePicker
          label={loading ? t('imagePredict.classifying') : t('imagePredict.choose')}
          accept="image/*"
          multiple
          disabled={loading}
          testId="image-input"
          onFiles={(files) => void predictImages(files)}
        />
      </div>
      {error ? <Message kind="error">{error.message}</Message> : null}
      {predictions ? (
        <ul className="image-results" data-testid="image-results">
          {predictions.map((p, i) => (
            <li key={`${i}-${p.name}`} data-testid="image-result" data-label={p.label ?? ''}>
              <strong>{p.name}</strong>
              {p.error ? <span className="field-error"> {p.error}</span> : null}
              {p.probabilities ? <ProbabilityBars classes={classes} probabilities={p.probabilities} predicted={p.label} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
