import { DataError } from '../../lib/errors';
import { decodeImage } from '../../data/images/decode-image';
import { loadImageInput, summarizeImages } from '../../data/images/load-input';
import { packThumbnails, sampleIndicesPerClass } from '../../data/images/thumbnails';
import type { ImageInput } from '../../data/images/summary';
import type { TrainingResult } from '../../train/result';
import { imageModelSpec } from '../../train/image-presets';
import type { ImageCalls, JobProgress, TrainJob } from '../protocol';
import { getProbes, loadRuntime, setTrained, workerState, type Handlers, type LoadedImages } from '../worker-state';

let imagesCounter = 0;
const MAX_SAMPLES_PER_CLASS = 16;

function loadedImages(datasetId: string): LoadedImages {
  const loaded = workerState.images;
  if (!loaded || loaded.summary.id !== datasetId) {
    throw new DataError('no_dataset', 'Those images are no longer loaded (another data set replaced them). Load them again.');
  }
  return loaded;
}

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
  async 'load-images'(request, signal, progress) {
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
  },

  async 'image-samples'({ datasetId, perClass }) {
    const { dataset } = loadedImages(datasetId);
    return packThumbnails(dataset, sampleIndicesPerClass(dataset, Math.max(1, Math.min(MAX_SAMPLES_PER_CLASS, Math.floor(perClass)))));
  },

  async 'image-pixels'({ datasetId, indices }) {
    return packThumbnails(loadedImages(datasetId).dataset, indices);
  },
};

/** The `train` call for an image set (train-handlers dispatches here on the data set's kind). */
export async function trainImages(job: TrainJob, signal: AbortSignal, progress: (p: JobProgress) => void): Promise<TrainingResult> {
  const loaded = loadedImages(job.datasetId);
  const rt = await loadRuntime();
  const { runImageTraining } = await import('../../train/image-training-job');
  progress({ phase: 'backend', message: 'Choosing a backend…' });
  // Convolutions need Conv2DBackpropFilter, which the WASM backend lacks; dense models on pixels do not.
  const spec = imageModelSpec(job);
  const workload = spec.kind === 'cnn' ? 'image' : 'tabular';
  const { width, height, channels } = loaded.dataset;
  // Calibrate (when needed) on the model, image size and batch size this job will really use.
  const shape = { exampleShape: spec.kind === 'cnn' ? [height, width, channels] : [height * width * channels], batchSize: job.training.batchSize, spec };
  const backend = await rt.chooseBackend(job.training.backend, workload, await getProbes(), shape);
  const { result, trained } = await runImageTraining(job, loaded.dataset, loaded.summary.name, {
    signal,
    progress,
    backend: { name: backend.active, reason: backend.reason, adapter: backend.adapter },
  });
  setTrained(trained);
  return result;
}
