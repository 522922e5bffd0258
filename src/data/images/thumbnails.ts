/** Picks and packs images for galleries: a few per class, or given indices, as one RGBA buffer. */
import { imageToRgba, type ImageDataset } from './image-dataset';
import type { ImageThumbnails } from './summary';

/** Most images one gallery call returns (keeps the message small). */
export const MAX_THUMBNAILS = 256;

/** The first `perClass` images of every class, in data-set order, class after class. */
export function sampleIndicesPerClass(dataset: ImageDataset, perClass: number): number[] {
  const taken = new Array<number>(dataset.classes.length).fill(0);
  const picked: number[][] = dataset.classes.map(() => []);
  for (let i = 0; i < dataset.labels.length; i++) {
    const label = dataset.labels[i];
    if (taken[label] < perClass) {
      picked[label].push(i);
      taken[label]++;
    }
  }
  return picked.flat();
}

/** RGBA copies of the listed images (at most MAX_THUMBNAILS; out-of-range indices are an error). */
export function packThumbnails(dataset: ImageDataset, indices: readonly number[]): ImageThumbnails {
  const chosen = indices.slice(0, MAX_THUMBNAILS);
  const size = dataset.width * dataset.height * 4;
  const rgba = new Uint8ClampedArray(chosen.length * size);
  chosen.forEach((index, i) => rgba.set(imageToRgba(dataset, index), i * size));
  return { width: dataset.width, height: dataset.height, indices: chosen, sources: chosen.map((i) => dataset.sources[i]), labels: chosen.map((i) => dataset.labels[i]), rgba };
}
