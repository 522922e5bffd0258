import { asLoad } from '../load-precedence';
import { DataError } from '../../lib/errors';
import { decodeImage } from '../../data/images/decode-image';
import { loadImageInput, summarizeImages } from '../../data/images/load-input';
import { packThumbnails, sampleIndicesPerClass } from '../../data/images/thumbnails';
import type { ImageInput } from '../../data/images/summary';
import type { ImageCalls } from '../protocol';
import { loadedImages, workerState, type Handlers, concurrent } from '../worker-state';

let imagesCounter = 0;
const MAX_SAMPLES_PER_CLASS = 16;

function nameOf(input: ImageInput): string {
  switch (input.kind) {
    case 'files':
      return input.files[0]?.path.split('/')[0] ?? 'images';
    case 'zip':
    case 'pixel-csv':
      return input.file.name;
    case 'idx':
      return input.images.name;
  }
}

export const imageHandlers: Handlers<ImageCalls> = {
  // A load runs as one: the start-up calls wait for it (load-precedence.ts).
  'load-images': concurrent((request, signal, progress) =>
    asLoad(async () => {
      const started = performance.now();
      const loaded = await loadImageInput(request, { decode: decodeImage, signal, onProgress: progress }).catch((error: unknown) => {
        if (signal.aborted) throw new DataError('cancelled', 'Loading the images was cancelled; the previous data is unchanged.');
        throw error;
      });
      const summary = summarizeImages(`images-${++imagesCounter}`, nameOf(request.input), request.input.kind, loaded, (performance.now() - started) / 1000);
      // Replace the previous data set (table or images) only now that the new one loaded completely.
      workerState.images = { summary, dataset: loaded.dataset };
      workerState.dataset = null;
      return summary;
    }),
  ),

  'image-samples': concurrent(async ({ datasetId, perClass }) => {
    const { dataset } = loadedImages(datasetId);
    return packThumbnails(dataset, sampleIndicesPerClass(dataset, Math.max(1, Math.min(MAX_SAMPLES_PER_CLASS, Math.floor(perClass)))));
  }),

  'image-pixels': concurrent(async ({ datasetId, indices }) => {
    return packThumbnails(loadedImages(datasetId).dataset, indices);
  }),
};
