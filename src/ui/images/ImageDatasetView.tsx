import { useEffect } from 'react';
import { useStudio } from '../../store/studio-store';
import type { ImageDatasetSummary } from '../../data/images/summary';
import { Message } from '../common/Message';
import { formatBytes } from '../../lib/format';
import { formatCount } from '../common/format';
import { RgbaImage, thumbnailAt } from './RgbaImage';
import './images.css';
import { formatFixed, t, useT } from '../../i18n/locale';
import { maxOf } from '../../lib/arrays';

const SAMPLES_PER_CLASS = 8;
const SKIPPED_SHOWN = 200;
const SOURCE_LABELS: Record<ImageDatasetSummary['source'], string> = { files: 'folder', zip: 'zip archive', idx: 'IDX files', 'pixel-csv': 'pixel CSV' };

/** One line about the loaded image set, for the Data section's header. */
export function imageHeadline(images: ImageDatasetSummary): string {
  return `${images.name}: ${formatCount(images.rows)} images, ${images.width}×${images.height} ${images.channels === 1 ? 'grayscale' : 'RGB'}, ${images.classes.length} classes`;
}

/** The loaded image set: facts, class counts, skipped files and a gallery of samples per class. */
export function ImageDatasetView({ images }: { images: ImageDatasetSummary }) {
  useT();
  const samples = useStudio((s) => s.imageSamples);
  const fetchImageSamples = useStudio((s) => s.fetchImageSamples);
  useEffect(() => {
    void fetchImageSamples(SAMPLES_PER_CLASS);
  }, [images.id, fetchImageSamples]);
  const max = maxOf(images.classCounts, 1);
  const thumbnails = samples?.datasetId === images.id ? samples.thumbnails : null;

  return (
    <div className="image-dataset" data-testid="image-dataset">
      <p className="dataset-facts">
        {formatCount(images.rows)} images from a {SOURCE_LABELS[images.source]} ({formatCount(images.files)} files, {formatBytes(images.bytes)}) · {images.width}×{images.height}{' '}
        {images.channels === 1 ? 'grayscale' : 'RGB'} · loaded in {formatFixed(images.loadSeconds, 2)} s
      </p>
      {images.warnings.map((w) => (
        <Message key={w} kind="warning">
          {w}
        </Message>
      ))}
      {images.skipped.length > 0 ? (
        <details className="image-skipped" data-testid="image-skipped">
          <summary>
            {formatCount(images.skipped.length)} file{images.skipped.length === 1 ? '' : 's'} could not be used (the readable images were loaded)
          </summary>
          <ul>
            {images.skipped.slice(0, SKIPPED_SHOWN).map((s, i) => (
              <li key={i}>{s.reason}</li>
            ))}
          </ul>
          {images.skipped.length > SKIPPED_SHOWN ? <p className="field-hint">…and {formatCount(images.skipped.length - SKIPPED_SHOWN)} more.</p> : null}
        </details>
      ) : null}
      <table className="metrics-table class-counts" data-testid="class-counts">
        <caption>{t('images.perClass')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluate.class')}</th>
            <th scope="col">{t('images.images')}</th>
            <th scope="col">
              <span className="visually-hidden">Share of the largest class</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {images.classes.map((name, i) => (
            <tr key={i} data-testid="class-count-row">
              <th scope="row">{name}</th>
              <td>{formatCount(images.classCounts[i])}</td>
              <td className="class-bar-cell" aria-hidden="true">
                <span className="class-bar" style={{ width: `${(images.classCounts[i] / max) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="class-gallery" aria-labelledby="class-gallery-heading" data-testid="class-gallery">
        <h3 id="class-gallery-heading">{t('images.samplesPerClass')}</h3>
        {!thumbnails ? (
          <p className="field-hint">Loading thumbnails…</p>
        ) : (
          images.classes.map((name, c) => {
            const shown = thumbnails.indices.map((index, i) => ({ index, i })).filter(({ i }) => thumbnails.labels[i] === c);
            return (
              <div key={c} className="gallery-row">
                <h4 className="gallery-class">{name}</h4>
                <ul className="thumbnail-list">
                  {shown.map(({ index, i }) => (
                    <li key={index}>
                      <RgbaImage
                        rgba={thumbnailAt(thumbnails.rgba, thumbnails.width, thumbnails.height, i)}
                        width={thumbnails.width}
                        height={thumbnails.height}
                        alt={`${name}: ${thumbnails.sources[i]}`}
                        displaySize={56}
                      />
                    </li>
                  ))}
                </ul>
              </div>
            );
          })
        )}
      </section>
    </div>
  );
}
