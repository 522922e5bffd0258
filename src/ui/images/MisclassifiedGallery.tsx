import { useEffect, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import type { ImageThumbnails } from '../../data/images/summary';
import type { TrainingResult } from '../../train/result';
import { RgbaImage, thumbnailAt } from './RgbaImage';
import './images.css';
import { t, useT } from '../../i18n/locale';

/** "true cat, predicted dog, 83%": the alt text and caption of one mistake. */
export function mistakeLabel(classes: string[], trueClass: number, predictedClass: number, confidence: number): string {
  return `true ${classes[trueClass]}, predicted ${classes[predictedClass]}, ${Math.round(confidence * 100)}%`;
}

/** The test images the model got most confidently wrong, drawn from the images still loaded in the worker. */
export function MisclassifiedGallery({ results }: { results: TrainingResult }) {
  useT();
  const dataset = useStudio((s) => s.dataset);
  const fetchImagePixels = useStudio((s) => s.fetchImagePixels);
  const [pixels, setPixels] = useState<{ key: string; thumbnails: ImageThumbnails } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mistakes = results.misclassified ?? [];
  // The gallery needs the same images loaded (same name and count) to look the pixels up.
  const images = dataset?.kind === 'images' && dataset.name === results.datasetName && dataset.rows === results.image?.images ? dataset : null;
  const key = images ? `${images.id}|${results.finishedAt}` : '';

  useEffect(() => {
    if (!images || mistakes.length === 0) return;
    let current = true;
    fetchImagePixels(
      images.id,
      mistakes.map((m) => m.index),
    )
      .then((thumbnails) => {
        if (current && thumbnails) setPixels({ key, thumbnails });
      })
      .catch((e: unknown) => {
        if (current) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      current = false;
    };
    // `key` changes exactly when the images or the run change.
  }, [key]);

  const shown = pixels?.key === key ? pixels.thumbnails : null;
  return (
    <section className="misclassified" aria-labelledby="misclassified-heading" data-testid="misclassified-gallery">
      <h3 id="misclassified-heading">{t('images.misclassified')}</h3>
      {mistakes.length === 0 ? (
        <p className="field-hint">No test image was misclassified.</p>
      ) : (
        <>
          <p className="field-hint">
            The {mistakes.length} most confident mistakes on the test split{mistakes.length >= 48 ? ' (at most 48 are kept)' : ''}: true class, predicted class, and the probability the model gave its
            prediction.
          </p>
          {!images ? (
            <p className="field-hint">Load {results.datasetName} again to see these images.</p>
          ) : error ? (
            <p className="field-error">Could not show the images: {error}</p>
          ) : !shown ? (
            <p className="field-hint">Loading images…</p>
          ) : (
            <ul className="mistake-list">
              {mistakes.map((m, i) => {
                const label = mistakeLabel(results.classes, m.trueClass, m.predictedClass, m.confidence);
                return (
                  <li key={m.index} className="mistake" data-testid="misclassified-image">
                    <figure>
                      <RgbaImage rgba={thumbnailAt(shown.rgba, shown.width, shown.height, i)} width={shown.width} height={shown.height} alt={label} displaySize={72} />
                      <figcaption>
                        <span className="mistake-true">{results.classes[m.trueClass]}</span> → <span className="mistake-predicted">{results.classes[m.predictedClass]}</span>{' '}
                        <span className="field-hint">{Math.round(m.confidence * 100)}%</span>
                        <span className="mistake-source" title={m.source}>
                          {m.source}
                        </span>
                      </figcaption>
                    </figure>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
