import { classifyImageFiles, type ImageInput, type ImageLoadProgress, type ImageThumbnails } from '../data/images/summary';
import { validateImageSettings, type ImageSettings } from '../data/images/settings';
import { IMAGE_TRAIN_DEFAULTS } from '../train/image-settings';
import type { SliceCreator } from './types';
import { failureOf, worker } from './worker-access';

export interface ImageLoadState {
  name: string;
  step: ImageLoadProgress['step'];
  done: number;
  total: number;
  cancel: () => void;
}

/** Options a person (or the runner) gives before loading, that are not part of the notebook. */
export interface ImageLoadOptions {
  /** Names by label value for IDX / numeric pixel-CSV labels, e.g. Fashion-MNIST's ten classes. */
  classNames?: string[];
  /** Pixel CSV: the label column (detected when absent). */
  labelColumn?: string;
}

export interface ImagesSlice {
  imageLoading: ImageLoadState | null;
  /** The last images chosen, kept (not in the notebook) so they can be reloaded at another size. */
  imageInput: { input: ImageInput; name: string } | null;
  imageLoadOptions: ImageLoadOptions;
  /** Thumbnails of the loaded set for the per-class gallery, fetched on demand. */
  imageSamples: { datasetId: string; thumbnails: ImageThumbnails } | null;
  /** Files from a picker or a drop: works out what they are (folder, zip, IDX pair, pixel CSV) and loads them. */
  loadImageFiles(files: readonly File[], paths?: readonly string[]): Promise<boolean>;
  loadImages(input: ImageInput, name: string): Promise<boolean>;
  /** Loads the last images again with the current size and channels. */
  reloadImages(): Promise<boolean>;
  cancelImageLoad(): void;
  setImageSettings(patch: Partial<ImageSettings>): void;
  setAugmentation(patch: Partial<ImageSettings['augmentation']>): void;
  setImageLoadOptions(options: ImageLoadOptions): void;
  fetchImageSamples(perClass: number): Promise<void>;
  /** RGBA of the listed images of the loaded set, or null when another data set is loaded now. */
  fetchImagePixels(datasetId: string, indices: number[]): Promise<ImageThumbnails | null>;
}

export const createImagesSlice: SliceCreator<ImagesSlice> = (set, get) => ({
  imageLoading: null,
  imageInput: null,
  imageLoadOptions: {},
  imageSamples: null,

  async loadImageFiles(files, paths) {
    const classified = classifyImageFiles(files, paths);
    if (!classified.ok) {
      get().reportLoadError({ code: 'unsupported_images', message: classified.message });
      return false;
    }
    return get().loadImages(classified.input, classified.name);
  },

  async loadImages(input, name) {
    get().loading?.cancel();
    get().imageLoading?.cancel();
    const settings = get().notebook.images;
    const problem = validateImageSettings(settings);
    if (problem) {
      get().reportLoadError({ code: 'invalid_settings', message: problem });
      return false;
    }
    const { classNames, labelColumn } = get().imageLoadOptions;
    const job = worker().call('load-images', { input, settings, ...(classNames ? { classNames } : {}), ...(labelColumn ? { labelColumn } : {}) }, (p) => {
      if (p.phase === 'images') set((s) => (s.imageLoading ? { imageLoading: { ...s.imageLoading, step: p.step, done: p.done, total: p.total } } : {}));
    });
    set({ imageLoading: { name, step: 'listing', done: 0, total: 0, cancel: () => job.cancel() } });
    get().reportLoadError(null);
    try {
      const summary = await job.promise;
      const wasImages = get().dataset?.kind === 'images';
      set({ imageLoading: null, imageInput: { input, name }, imageSamples: null });
      get().datasetLoaded(summary);
      get().resetTraining();
      get().updateNotebook((doc) => ({
        ...doc,
        dataset: { kind: 'images', name: summary.name, source: summary.source === 'files' ? 'folder' : summary.source, bytes: summary.bytes, files: summary.files },
        results: null,
        // Coming from a table: a CNN (Auto) and image training defaults, unless already set for images.
        ...(wasImages ? {} : { model: { ...doc.model, choice: 'auto' }, training: { ...doc.training, ...IMAGE_TRAIN_DEFAULTS } }),
      }));
      return true;
    } catch (error) {
      const failure = failureOf(error);
      // The previous data set (table or images) stays loaded; only the message changes.
      set({ imageLoading: null });
      get().reportLoadError(failure.code === 'cancelled' ? null : failure);
      return false;
    }
  },

  async reloadImages() {
    const last = get().imageInput;
    return last ? get().loadImages(last.input, last.name) : false;
  },

  cancelImageLoad() {
    get().imageLoading?.cancel();
  },

  setImageSettings: (patch) => get().updateNotebook((doc) => ({ ...doc, images: { ...doc.images, ...patch } })),
  setAugmentation: (patch) => get().updateNotebook((doc) => ({ ...doc, images: { ...doc.images, augmentation: { ...doc.images.augmentation, ...patch } } })),
  setImageLoadOptions: (options) => set({ imageLoadOptions: options }),

  async fetchImageSamples(perClass) {
    const dataset = get().dataset;
    if (dataset?.kind !== 'images') return;
    try {
      const thumbnails = await worker().call('image-samples', { datasetId: dataset.id, perClass }).promise;
      if (get().dataset?.id === dataset.id) set({ imageSamples: { datasetId: dataset.id, thumbnails } });
    } catch (error) {
      get().reportLoadError(failureOf(error));
    }
  },

  async fetchImagePixels(datasetId, indices) {
    const dataset = get().dataset;
    if (dataset?.kind !== 'images' || dataset.id !== datasetId || indices.length === 0) return null;
    return worker().call('image-pixels', { datasetId, indices }).promise;
  },
});
