/**
 * The in-memory image classification data set: one flat Uint8Array of pixels (n × h × w × c,
 * HWC, row-major) plus one Int32Array of labels. Never one tensor or one array per image.
 */
import { ImageDataError, type SkippedFile } from './errors';
import { formatBytes } from '../../lib/format';

export type { SkippedFile } from './errors';

export interface ImageDataset {
  width: number;
  height: number;
  channels: 1 | 3;
  /** n * height * width * channels bytes, image after image, each HWC. */
  pixels: Uint8Array;
  /** Class index per image, into `classes`. */
  labels: Int32Array;
  /** Class names, index = label. */
  classes: string[];
  /** Where each image came from (path inside the folder or zip, or "file#index"). */
  sources: string[];
  /** Files that were left out, with the reason (shown to the user). */
  skipped: SkippedFile[];
}

/** Bytes of one image. */
export function imageByteSize(dataset: Pick<ImageDataset, 'width' | 'height' | 'channels'>): number {
  return dataset.width * dataset.height * dataset.channels;
}

export function imageCount(dataset: ImageDataset): number {
  return dataset.labels.length;
}

/** Number of images per class, index = class index. */
export function classCounts(dataset: ImageDataset): number[] {
  const counts = new Array<number>(dataset.classes.length).fill(0);
  for (let i = 0; i < dataset.labels.length; i++) counts[dataset.labels[i]]++;
  return counts;
}

function checkIndex(dataset: ImageDataset, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= dataset.labels.length) {
    throw new RangeError(`Image index ${index} is out of range: the data set has ${dataset.labels.length} images (0…${dataset.labels.length - 1}).`);
  }
}

/** A copy of one image's HWC bytes (safe to transfer or keep after the data set is dropped). */
export function copyImage(dataset: ImageDataset, index: number): Uint8Array {
  checkIndex(dataset, index);
  const size = imageByteSize(dataset);
  return dataset.pixels.slice(index * size, (index + 1) * size);
}

/** One image as RGBA, ready for `new ImageData(rgba, width, height)` in a gallery. */
export function imageToRgba(dataset: ImageDataset, index: number): Uint8ClampedArray<ArrayBuffer> {
  checkIndex(dataset, index);
  const n = dataset.width * dataset.height;
  const out = new Uint8ClampedArray(n * 4);
  const start = index * n * dataset.channels;
  const px = dataset.pixels;
  if (dataset.channels === 1) {
    for (let i = 0; i < n; i++) {
      const v = px[start + i];
      out[i * 4] = v;
      out[i * 4 + 1] = v;
      out[i * 4 + 2] = v;
      out[i * 4 + 3] = 255;
    }
  } else {
    for (let i = 0; i < n; i++) {
      out[i * 4] = px[start + i * 3];
      out[i * 4 + 1] = px[start + i * 3 + 1];
      out[i * 4 + 2] = px[start + i * 3 + 2];
      out[i * 4 + 3] = 255;
    }
  }
  return out;
}

/** Throws a RangeError describing the first broken invariant (sizes, label range). */
export function validateImageDataset(dataset: ImageDataset): void {
  const n = dataset.labels.length;
  if (!(dataset.width > 0 && dataset.height > 0 && Number.isInteger(dataset.width) && Number.isInteger(dataset.height))) {
    throw new RangeError(`Image size ${dataset.width}×${dataset.height} is not a positive whole number of pixels.`);
  }
  if (dataset.channels !== 1 && dataset.channels !== 3) throw new RangeError(`channels must be 1 or 3, got ${String(dataset.channels)}.`);
  if (dataset.pixels.length !== n * imageByteSize(dataset)) {
    throw new RangeError(`pixels has ${dataset.pixels.length} bytes but ${n} images of ${dataset.width}×${dataset.height}×${dataset.channels} need ${n * imageByteSize(dataset)}.`);
  }
  if (dataset.sources.length !== n) throw new RangeError(`sources has ${dataset.sources.length} entries for ${n} images.`);
  for (let i = 0; i < n; i++) {
    const label = dataset.labels[i];
    if (label < 0 || label >= dataset.classes.length) {
      throw new RangeError(`Image ${i} (${dataset.sources[i]}) has label ${label}, outside the ${dataset.classes.length} classes.`);
    }
  }
  if (new Set(dataset.classes).size !== dataset.classes.length) throw new RangeError('Class names are not unique.');
}

/** Code-unit order, like Python's `sorted()` used by Keras `image_dataset_from_directory`. */
export function compareClassNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const INTEGER_NAME = /^-?(0|[1-9]\d*)$/;

/** Sorts names; when every name is a whole number ("0", "10", "2") they are sorted numerically. */
export function sortClassNames(names: readonly string[], order: ClassOrder): string[] {
  const sorted = [...names];
  if (order === 'numeric' && sorted.every((name) => INTEGER_NAME.test(name))) {
    sorted.sort((a, b) => Number(a) - Number(b));
  } else {
    sorted.sort(compareClassNames);
  }
  return sorted;
}

/**
 * 'name': code-unit order, exactly as Keras sorts class folders ("10" before "2").
 * 'numeric': numeric order when every class name is an integer (CSV / IDX labels), else 'name'.
 */
export type ClassOrder = 'name' | 'numeric';

export interface ImageDatasetBuilderOptions {
  width: number;
  height: number;
  /** 'auto' stores grayscale until the first colour image arrives, then switches to RGB. */
  channels: 1 | 3 | 'auto';
  /** Pre-allocates this many images (e.g. the number of files found), avoiding re-allocations. */
  expectedCount?: number;
  classOrder?: ClassOrder;
  /** Refuse to grow the pixel buffer past this many bytes (default 2 GiB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_DATASET_BYTES = 2 * 1024 ** 3;

/**
 * Appends images into one growing Uint8Array (capacity doubles, so n appends cost O(n)).
 * Class names go through a Map, so `__proto__`, `constructor` or HTML are just strings.
 * `build()` sorts the classes by name and re-maps the labels.
 */
export class ImageDatasetBuilder {
  readonly width: number;
  readonly height: number;
  private readonly mode: 1 | 3 | 'auto';
  private readonly classOrder: ClassOrder;
  private readonly maxBytes: number;
  private currentChannels: 1 | 3;
  private pixels: Uint8Array;
  private labels: Int32Array;
  private capacity: number;
  private n = 0;
  private readonly classIndex = new Map<string, number>();
  private readonly classNames: string[] = [];
  private readonly sources: string[] = [];
  private readonly skipped: SkippedFile[] = [];

  constructor(options: ImageDatasetBuilderOptions) {
    const { width, height } = options;
    if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
      throw new ImageDataError('images_bad_options', `Image size must be positive whole numbers, got ${width}×${height}.`);
    }
    this.width = width;
    this.height = height;
    this.mode = options.channels;
    this.classOrder = options.classOrder ?? 'name';
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_DATASET_BYTES;
    this.currentChannels = options.channels === 3 ? 3 : 1;
    const perImage = width * height * this.currentChannels;
    const maxImages = Math.max(1, Math.floor(this.maxBytes / perImage));
    this.capacity = Math.max(1, Math.min(options.expectedCount ?? 16, maxImages));
    this.pixels = new Uint8Array(this.capacity * perImage);
    this.labels = new Int32Array(this.capacity);
  }

  get count(): number {
    return this.n;
  }

  get channels(): 1 | 3 {
    return this.currentChannels;
  }

  private get imageBytes(): number {
    return this.width * this.height * this.currentChannels;
  }

  /** Records a file that could not be used. */
  skip(file: string, reason: string): void {
    this.skipped.push({ file, reason });
  }

  /**
   * Appends one image. `pixels` is HWC with `channels` channels at this builder's size.
   * Grayscale input into an RGB data set is replicated; RGB into grayscale uses BT.601 luma.
   */
  add(pixels: Uint8Array | Uint8ClampedArray, channels: 1 | 3, className: string, source: string): void {
    const plane = this.width * this.height;
    if (pixels.length !== plane * channels) {
      throw new RangeError(`${source}: expected ${this.width}×${this.height}×${channels} = ${plane * channels} bytes, got ${pixels.length}. Resize before adding.`);
    }
    if (this.mode === 'auto' && this.currentChannels === 1 && channels === 3 && !isGrayRgb(pixels)) {
      this.promoteToRgb();
    }
    this.ensureCapacity(this.n + 1, source);
    const size = this.imageBytes;
    const offset = this.n * size;
    const out = this.pixels;
    if (channels === this.currentChannels) {
      out.set(pixels, offset);
    } else if (channels === 1) {
      for (let i = 0; i < plane; i++) {
        const v = pixels[i];
        out[offset + i * 3] = v;
        out[offset + i * 3 + 1] = v;
        out[offset + i * 3 + 2] = v;
      }
    } else {
      for (let i = 0; i < plane; i++) {
        const r = pixels[i * 3];
        const g = pixels[i * 3 + 1];
        const b = pixels[i * 3 + 2];
        out[offset + i] = ((299 * r + 587 * g + 114 * b + 500) / 1000) | 0;
      }
    }
    let index = this.classIndex.get(className);
    if (index === undefined) {
      index = this.classNames.length;
      this.classIndex.set(className, index);
      this.classNames.push(className);
    }
    this.labels[this.n] = index;
    this.sources.push(source);
    this.n++;
  }

  private ensureCapacity(needed: number, source: string): void {
    if (needed <= this.capacity) return;
    const size = this.imageBytes;
    const maxImages = Math.floor(this.maxBytes / size);
    if (needed > maxImages) {
      throw new ImageDataError(
        'images_dataset_too_large',
        `The data set would need more than ${formatBytes(this.maxBytes)} of memory at ${this.width}×${this.height}×${this.currentChannels} (stopped at ${source}, image ${needed}). Choose a smaller image size, grayscale, or fewer images.`,
        source,
      );
    }
    const capacity = Math.min(maxImages, Math.max(needed, this.capacity * 2));
    const pixels = new Uint8Array(capacity * size);
    pixels.set(this.pixels.subarray(0, this.n * size));
    const labels = new Int32Array(capacity);
    labels.set(this.labels.subarray(0, this.n));
    this.pixels = pixels;
    this.labels = labels;
    this.capacity = capacity;
  }

  private promoteToRgb(): void {
    const plane = this.width * this.height;
    const maxImages = Math.floor(this.maxBytes / (plane * 3));
    if (this.n > maxImages) {
      throw new ImageDataError(
        'images_dataset_too_large',
        `Switching to colour would need more than ${formatBytes(this.maxBytes)} for ${this.n} images at ${this.width}×${this.height}×3. Choose grayscale or a smaller image size.`,
      );
    }
    const capacity = Math.max(1, Math.min(this.capacity, maxImages));
    const out = new Uint8Array(capacity * plane * 3);
    const src = this.pixels;
    const total = this.n * plane;
    for (let i = 0; i < total; i++) {
      const v = src[i];
      out[i * 3] = v;
      out[i * 3 + 1] = v;
      out[i * 3 + 2] = v;
    }
    this.pixels = out;
    this.capacity = capacity;
    this.currentChannels = 3;
  }

  /** Finishes: exact-size arrays, classes sorted (see ClassOrder), labels re-mapped. */
  build(): ImageDataset {
    const sorted = sortClassNames(this.classNames, this.classOrder);
    const remap = new Int32Array(this.classNames.length);
    sorted.forEach((name, newIndex) => {
      remap[this.classIndex.get(name) as number] = newIndex;
    });
    const labels = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) labels[i] = remap[this.labels[i]];
    const used = this.n * this.imageBytes;
    const pixels = this.pixels.length === used ? this.pixels : this.pixels.slice(0, used);
    return {
      width: this.width,
      height: this.height,
      channels: this.currentChannels,
      pixels,
      labels,
      classes: sorted,
      sources: [...this.sources],
      skipped: [...this.skipped],
    };
  }
}

/** True when every pixel of an RGB (3-channel) buffer has R = G = B. */
export function isGrayRgb(pixels: Uint8Array | Uint8ClampedArray): boolean {
  for (let i = 0; i < pixels.length; i += 3) {
    if (pixels[i] !== pixels[i + 1] || pixels[i] !== pixels[i + 2]) return false;
  }
  return true;
}
