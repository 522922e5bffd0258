/**
 * Orchestration used by the data worker: source (folder files, zip, or IDX pair) → one
 * ImageDataset at a fixed size. Reads lazily, checks each image's header (format, pixel
 * cap) before decoding, decodes through the injected `decode` (createImageBitmap in the
 * browser, a pure-TS fake in Node tests), composites alpha, converts channels, resizes,
 * and appends into one growing buffer. Unreadable files are listed in `skipped` by name
 * while the rest load; limits, aborts and "nothing usable" are errors.
 *
 * Channels: 1 and 3 are forced; 'auto' gives grayscale when every image is gray (R = G = B)
 * and RGB as soon as one image has colour. Size: numbers, or 'native' (IDX: the file's
 * size; folders/zips: the first readable image's size, others resized to it).
 */
import type { DecodeImageFn, DecodedImage } from './decode-image';
import { ImageDataError, ZipError, type SkippedFile } from './errors';
import { errorMessage } from '../../lib/errors';
import { yieldToEventLoop } from '../../lib/yield';
import { formatBytes } from '../../lib/format';
import { planFolderLayout } from './folder-layout';
import { loadIdxDataset } from './idx';
import { DEFAULT_MAX_DATASET_BYTES, ImageDatasetBuilder, type ImageDataset } from './image-dataset';
import { DEFAULT_MAX_PIXELS, pixelCapReason, readImageHeader } from './image-headers';
import { grayRgbaToGray, grayToRgb, isGrayscaleRgba, resizeImage, rgbaToGray, rgbaToRgb, rgbToGray, type Background } from './resize';
import { createZipBudget, DEFAULT_ZIP_ENTRY_BYTES, listZipEntries, readZipEntry, type ZipEntry } from './zip-reader';

export type ImageSource = { kind: 'files'; files: readonly { path: string; blob: Blob }[] } | { kind: 'zip'; blob: Blob; name?: string } | { kind: 'idx'; images: Blob; labels: Blob };

export interface LoadImagesOptions {
  width: number | 'native';
  height: number | 'native';
  channels: 1 | 3 | 'auto';
  /** Cap on bytes read: image files in total (for a zip: real decompressed bytes; for IDX: each decompressed file). */
  maxTotalBytes: number;
  /** Images larger than this (from their header) are skipped before decoding. */
  maxPixelsPerImage: number;
  /** IDX only: names by label value (e.g. FASHION_MNIST_CLASSES). */
  classNames?: readonly string[];
  /** Per-file cap (default 256 MiB). */
  maxFileBytes?: number;
  /** Cap on the resulting pixel array (default 2 GiB). */
  maxDatasetBytes?: number;
  /** Background for transparent pixels (default 'white'). */
  background?: Background;
  /** Decodes in flight at once (default 4). */
  concurrency?: number;
}

export const DEFAULT_LOAD_IMAGES_OPTIONS: LoadImagesOptions = {
  width: 64,
  height: 64,
  channels: 'auto',
  maxTotalBytes: 2 * 1024 ** 3,
  maxPixelsPerImage: DEFAULT_MAX_PIXELS,
};

export interface LoadProgress {
  phase: 'listing' | 'reading' | 'decoding' | 'resizing';
  done: number;
  total: number;
}

export interface LoadImagesHooks {
  decode: DecodeImageFn;
  /** Called at most every `progressIntervalMs` (default 50), plus once at the start and end of a phase. */
  onProgress?: (progress: LoadProgress) => void;
  /** Hints that are not errors (e.g. class folders that look like train/test splits). */
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
  /** Clock for progress throttling (tests); default performance.now. */
  now?: () => number;
  progressIntervalMs?: number;
}

/** Errors that stop the whole load (everything else skips one file). */
const FATAL_CODES: ReadonlySet<string> = new Set(['zip_too_large', 'images_too_large', 'images_dataset_too_large', 'gzip_too_large']);

interface PlannedItem {
  path: string;
  className: string;
  read: () => Promise<Uint8Array>;
}

interface Plan {
  items: PlannedItem[];
  skipped: SkippedFile[];
  warnings: string[];
}

type Outcome = { ok: true; pixels: Uint8Array; channels: 1 | 3 } | { ok: false; reason: string };

interface Progress {
  /** Reports when forced or when the interval has passed; returns whether it reported. */
  report(phase: LoadProgress['phase'], done: number, total: number, force?: boolean): boolean;
}

function createProgress(hooks: LoadImagesHooks): Progress {
  const now = hooks.now ?? (() => performance.now());
  const interval = hooks.progressIntervalMs ?? 50;
  let last = -Infinity;
  return {
    report(phase, done, total, force = false) {
      const t = now();
      if (!force && t - last < interval) return false;
      last = t;
      hooks.onProgress?.({ phase, done, total });
      return true;
    },
  };
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function checkOptions(options: LoadImagesOptions): void {
  const bad = (what: string): never => {
    throw new ImageDataError('images_bad_options', `Invalid loading option: ${what}.`);
  };
  if (options.width !== 'native' && !isPositiveInteger(options.width)) bad(`width must be a positive whole number or 'native', got ${String(options.width)}`);
  if (options.height !== 'native' && !isPositiveInteger(options.height)) bad(`height must be a positive whole number or 'native', got ${String(options.height)}`);
  if ((options.width === 'native') !== (options.height === 'native')) bad("width and height must both be 'native' or both numbers");
  if (options.channels !== 1 && options.channels !== 3 && options.channels !== 'auto') bad(`channels must be 1, 3 or 'auto', got ${String(options.channels)}`);
  if (!(options.maxTotalBytes > 0)) bad('maxTotalBytes must be positive');
  if (!(options.maxPixelsPerImage > 0)) bad('maxPixelsPerImage must be positive');
  if (options.concurrency !== undefined && !isPositiveInteger(options.concurrency)) bad('concurrency must be a positive whole number');
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return (signal?.aborted ?? false) || (error instanceof DOMException && error.name === 'AbortError');
}

function isFatal(error: unknown, signal: AbortSignal | undefined): boolean {
  return isAbort(error, signal) || (error instanceof ImageDataError && FATAL_CODES.has(error.code));
}

function skipReason(path: string, what: string, error: unknown): string {
  if (error instanceof ImageDataError && error.message.startsWith('Skipped')) return error.message;
  return `Skipped "${path}": ${what} (${errorMessage(error)}).`;
}

/** Loads an image classification data set from a folder, a zip, or an IDX pair. */
export async function loadImageDataset(source: ImageSource, options: LoadImagesOptions, hooks: LoadImagesHooks): Promise<ImageDataset> {
  checkOptions(options);
  hooks.signal?.throwIfAborted();
  const progress = createProgress(hooks);
  if (source.kind === 'idx') return loadIdx(source, options, hooks, progress);
  progress.report('listing', 0, 1, true);
  const plan = source.kind === 'zip' ? await planZip(source, options, hooks.signal) : planFiles(source, options);
  for (const warning of plan.warnings) hooks.onWarning?.(warning);
  return decodeAll(plan, options, hooks, progress);
}

function planFiles(source: Extract<ImageSource, { kind: 'files' }>, options: LoadImagesOptions): Plan {
  const byPath = new Map<string, Blob>();
  for (const file of source.files) if (!byPath.has(file.path)) byPath.set(file.path, file.blob);
  const layout = planFolderLayout([...byPath.keys()]);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_ZIP_ENTRY_BYTES;
  let total = 0;
  for (const image of layout.images) total += (byPath.get(image.path) as Blob).size;
  if (total > options.maxTotalBytes) {
    throw new ImageDataError(
      'images_too_large',
      `The ${layout.images.length} images total ${formatBytes(total)}, over the ${formatBytes(options.maxTotalBytes)} limit. Choose fewer images or a folder with smaller files.`,
    );
  }
  const items = layout.images.map((image): PlannedItem => {
    const blob = byPath.get(image.path) as Blob;
    return {
      path: image.path,
      className: image.className,
      read: async () => {
        if (blob.size > maxFileBytes) {
          throw new ImageDataError('file_too_large', `Skipped "${image.path}": the file is ${formatBytes(blob.size)}, over the ${formatBytes(maxFileBytes)} per-file limit.`, image.path);
        }
        return new Uint8Array(await blob.arrayBuffer());
      },
    };
  });
  return { items, skipped: layout.skipped, warnings: layout.warnings };
}

async function planZip(source: Extract<ImageSource, { kind: 'zip' }>, options: LoadImagesOptions, signal: AbortSignal | undefined): Promise<Plan> {
  const archiveName = source.name ?? ((source.blob as Partial<File>).name || 'the zip file');
  const listing = await listZipEntries(source.blob, { archiveName });
  const byName = new Map<string, ZipEntry>();
  for (const entry of listing.entries) byName.set(entry.name, entry);
  const layout = planFolderLayout(listing.entries.map((entry) => entry.name));
  let declared = 0;
  for (const image of layout.images) declared += (byName.get(image.path) as ZipEntry).uncompressedSize;
  if (declared > options.maxTotalBytes) {
    throw new ZipError(
      'zip_too_large',
      `${archiveName} holds ${formatBytes(declared)} of images, over the ${formatBytes(options.maxTotalBytes)} limit. Use fewer or smaller images, or split the data set.`,
      archiveName,
    );
  }
  const budget = createZipBudget(options.maxTotalBytes);
  const maxBytes = options.maxFileBytes ?? DEFAULT_ZIP_ENTRY_BYTES;
  const items = layout.images.map((image): PlannedItem => ({
    path: image.path,
    className: image.className,
    read: () => readZipEntry(source.blob, byName.get(image.path) as ZipEntry, { maxBytes, budget, signal, archiveName }),
  }));
  return { items, skipped: [...listing.skipped, ...layout.skipped], warnings: layout.warnings };
}

async function decodeAll(plan: Plan, options: LoadImagesOptions, hooks: LoadImagesHooks, progress: Progress): Promise<ImageDataset> {
  const { items } = plan;
  const total = items.length;
  const signal = hooks.signal;
  const background = options.background ?? 'white';
  const maxPixels = options.maxPixelsPerImage;
  const maxDatasetBytes = options.maxDatasetBytes ?? DEFAULT_MAX_DATASET_BYTES;
  const skipped: SkippedFile[] = [...plan.skipped];
  let target: { width: number; height: number } | null = options.width === 'native' || options.height === 'native' ? null : { width: options.width, height: options.height };
  let builder: ImageDatasetBuilder | null = null;

  const startBuilder = (width: number, height: number): ImageDatasetBuilder => {
    const minBytes = total * width * height * (options.channels === 3 ? 3 : 1);
    if (minBytes > maxDatasetBytes) {
      throw new ImageDataError(
        'images_dataset_too_large',
        `${total} images at ${width}×${height}${options.channels === 3 ? '×3' : ''} need ${formatBytes(minBytes)}, over the ${formatBytes(maxDatasetBytes)} limit. Choose a smaller image size or fewer images.`,
      );
    }
    return new ImageDatasetBuilder({ width, height, channels: options.channels, expectedCount: total, maxBytes: maxDatasetBytes });
  };
  if (target) builder = startBuilder(target.width, target.height);

  const convert = (decoded: DecodedImage, width: number, height: number): Outcome => {
    const { rgba } = decoded;
    const gray = options.channels === 1 || (options.channels === 'auto' && isGrayscaleRgba(rgba));
    const channels: 1 | 3 = gray ? 1 : 3;
    let pixels = !gray ? rgbaToRgb(rgba, background) : options.channels === 1 ? rgbaToGray(rgba, background) : grayRgbaToGray(rgba, background);
    if (decoded.width !== width || decoded.height !== height) pixels = resizeImage(pixels, decoded.width, decoded.height, channels, width, height);
    return { ok: true, pixels, channels };
  };

  const processItem = async (item: PlannedItem): Promise<Outcome> => {
    signal?.throwIfAborted();
    let bytes: Uint8Array;
    try {
      bytes = await item.read();
    } catch (error) {
      if (isFatal(error, signal)) throw error;
      return { ok: false, reason: skipReason(item.path, 'the file could not be read', error) };
    }
    signal?.throwIfAborted();
    const { header, reason } = readImageHeader(bytes);
    if (!header) return { ok: false, reason: `Skipped "${item.path}": ${reason}.` };
    const tooBig = pixelCapReason(header, maxPixels);
    if (tooBig) return { ok: false, reason: `Skipped "${item.path}": ${tooBig}.` };
    let decoded: DecodedImage;
    try {
      decoded = await hooks.decode(bytes, item.path, { maxPixels });
    } catch (error) {
      if (isFatal(error, signal)) throw error;
      return { ok: false, reason: skipReason(item.path, 'the image could not be decoded; the file may be damaged', error) };
    }
    signal?.throwIfAborted();
    const { width, height, rgba } = decoded;
    if (!(isPositiveInteger(width) && isPositiveInteger(height)) || rgba.length !== width * height * 4) {
      return { ok: false, reason: `Skipped "${item.path}": the decoder returned ${rgba.length} bytes for ${width}×${height} pixels.` };
    }
    if (width * height > maxPixels) return { ok: false, reason: `Skipped "${item.path}": ${pixelCapReason({ ...header, width, height }, maxPixels)}.` };
    if (!target) {
      target = { width, height };
      builder = startBuilder(width, height);
    }
    return convert(decoded, target.width, target.height);
  };

  let done = 0;
  const commit = (item: PlannedItem, outcome: Outcome): void => {
    if (outcome.ok) (builder as ImageDatasetBuilder).add(outcome.pixels, outcome.channels, item.className, item.path);
    else skipped.push({ file: item.path, reason: outcome.reason });
    done++;
    progress.report('decoding', done, total, done === total);
  };

  progress.report('decoding', 0, total, true);
  let index = 0;
  // With 'native' size, decode one at a time until the first readable image fixes the size.
  while (!target && index < total) {
    commit(items[index], await processItem(items[index]));
    index++;
  }
  // Then up to `concurrency` items in flight, committed in order.
  const results = new Map<number, Outcome>();
  let next = index;
  let commitAt = index;
  let fatal: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (fatal === null && next < total) {
      const i = next++;
      try {
        results.set(i, await processItem(items[i]));
        if (fatal !== null) return;
        while (results.has(commitAt)) {
          commit(items[commitAt], results.get(commitAt) as Outcome);
          results.delete(commitAt);
          commitAt++;
        }
      } catch (error) {
        fatal ??= { error };
        return;
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, total - index));
  await Promise.all(Array.from({ length: workers }, worker));
  if (fatal !== null) throw (fatal as { error: unknown }).error;
  signal?.throwIfAborted();

  const readable = builder ? (builder as ImageDatasetBuilder).count : 0;
  if (!builder || readable === 0) {
    const examples = skipped
      .slice(0, 3)
      .map((s) => s.reason)
      .join(' ');
    throw new ImageDataError('images_none_readable', `None of the ${total} images could be read. ${examples}`.trim());
  }
  const dataset = (builder as ImageDatasetBuilder).build();
  dataset.skipped = skipped;
  if (dataset.classes.length < 2) {
    throw new ImageDataError(
      'images_too_few_classes',
      `Only the class "${dataset.classes[0]}" has readable images (${dataset.labels.length}); ${skipped.length} file(s) were skipped. Image classification needs at least 2 classes. First problem: ${skipped[0]?.reason ?? 'none'}`,
    );
  }
  return dataset;
}

async function loadIdx(source: Extract<ImageSource, { kind: 'idx' }>, options: LoadImagesOptions, hooks: LoadImagesHooks, progress: Progress): Promise<ImageDataset> {
  progress.report('reading', 0, 1, true);
  const native = await loadIdxDataset(source.images, source.labels, {
    classNames: options.classNames,
    maxBytes: options.maxTotalBytes,
    signal: hooks.signal,
  });
  progress.report('reading', 1, 1, true);
  return reshapeDataset(native, options, hooks.signal, progress);
}

/** Resizes / converts every image of a data set (IDX) to the requested size and channels. */
async function reshapeDataset(dataset: ImageDataset, options: LoadImagesOptions, signal: AbortSignal | undefined, progress: Progress): Promise<ImageDataset> {
  const width = options.width === 'native' ? dataset.width : options.width;
  const height = options.height === 'native' ? dataset.height : options.height;
  const channels = options.channels === 'auto' ? dataset.channels : options.channels;
  if (width === dataset.width && height === dataset.height && channels === dataset.channels) return dataset;
  const n = dataset.labels.length;
  const size = width * height * channels;
  const maxDatasetBytes = options.maxDatasetBytes ?? DEFAULT_MAX_DATASET_BYTES;
  if (n * size > maxDatasetBytes) {
    throw new ImageDataError(
      'images_dataset_too_large',
      `${n} images at ${width}×${height}×${channels} need ${formatBytes(n * size)}, over the ${formatBytes(maxDatasetBytes)} limit. Choose a smaller image size or grayscale.`,
    );
  }
  const srcSize = dataset.width * dataset.height * dataset.channels;
  const pixels = new Uint8Array(n * size);
  progress.report('resizing', 0, n, true);
  for (let i = 0; i < n; i++) {
    let image: Uint8Array = dataset.pixels.subarray(i * srcSize, (i + 1) * srcSize);
    let c: number = dataset.channels;
    if (c === 3 && channels === 1) {
      image = rgbToGray(image);
      c = 1;
    }
    if (dataset.width !== width || dataset.height !== height) image = resizeImage(image, dataset.width, dataset.height, c, width, height);
    if (c === 1 && channels === 3) image = grayToRgb(image);
    pixels.set(image, i * size);
    if (progress.report('resizing', i + 1, n, i + 1 === n)) {
      await yieldToEventLoop();
      signal?.throwIfAborted();
    }
  }
  return { ...dataset, width, height, channels, pixels };
}

/**
 * Brings an already decoded data set (a pixel CSV) to the requested size and channels, exactly as
 * IDX files are: area-averaged resizing, luma for grayscale, replication for RGB.
 */
export function resizeDataset(
  dataset: ImageDataset,
  options: Pick<LoadImagesOptions, 'width' | 'height' | 'channels' | 'maxDatasetBytes'>,
  hooks: Omit<LoadImagesHooks, 'decode'> = {},
): Promise<ImageDataset> {
  const full: LoadImagesOptions = { ...DEFAULT_LOAD_IMAGES_OPTIONS, ...options };
  checkOptions(full);
  return reshapeDataset(dataset, full, hooks.signal, createProgress({ ...hooks, decode: () => Promise.reject(new Error('not used')) }));
}
