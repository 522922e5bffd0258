/**
 * What the page and the worker exchange about image data sets: the request to load one, the summary
 * the page keeps (the pixels stay in the worker), and thumbnails for galleries. Plain data only.
 */
import type { SkippedFile } from './errors';
import type { ImageSettings } from './settings';

/** Where the images come from, as the page hands them to the worker. */
export type ImageInput = { kind: 'files'; files: { path: string; file: File }[] } | { kind: 'zip'; file: File } | { kind: 'idx'; images: File; labels: File } | { kind: 'pixel-csv'; file: File };

export interface ImageLoadRequest {
  input: ImageInput;
  settings: ImageSettings;
  /** IDX and numeric pixel-CSV labels: names by label value (e.g. Fashion-MNIST's classes). */
  classNames?: string[];
  /** Pixel CSV: the label column (name); detected when absent. */
  labelColumn?: string;
}

export interface ImageDatasetSummary {
  id: string;
  kind: 'images';
  name: string;
  source: ImageInput['kind'];
  /** Number of images (same meaning as a table's rows). */
  rows: number;
  /** Bytes of the files read (compressed archive size for a zip). */
  bytes: number;
  files: number;
  width: number;
  height: number;
  channels: 1 | 3;
  classes: string[];
  /** Images per class, index = class index. */
  classCounts: number[];
  skipped: SkippedFile[];
  warnings: string[];
  loadSeconds: number;
}

/** RGBA thumbnails, all the same size, packed one after another in `rgba`. */
export interface ImageThumbnails {
  width: number;
  height: number;
  /** Data-set image indices, in `rgba` order. */
  indices: number[];
  /** Where each image came from (path in the folder or zip, or file#index). */
  sources: string[];
  /** Class index of each image. */
  labels: number[];
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

/** Progress of a load, as the loader reports it. */
export interface ImageLoadProgress {
  phase: 'images';
  step: 'listing' | 'reading' | 'decoding' | 'resizing';
  done: number;
  total: number;
}

/** Kind of image input a set of chosen files is, or why it is none (shown to the user). */
export type ClassifiedFiles = { ok: true; input: ImageInput; name: string } | { ok: false; message: string };

const IDX_IMAGES = /idx3-ubyte(\.gz)?$/i;
const IDX_LABELS = /idx1-ubyte(\.gz)?$/i;

/**
 * Decides what the chosen files are: a folder (files with relative paths), a zip, an IDX pair or a
 * pixel CSV. `paths` gives each file's path relative to the chosen folder when there is one.
 */
export function classifyImageFiles(files: readonly File[], paths?: readonly string[]): ClassifiedFiles {
  if (files.length === 0) return { ok: false, message: 'No files were chosen.' };
  const withPaths = files.map((file, i) => ({ file, path: paths?.[i] ?? file.name }));
  if (withPaths.some((f) => f.path.includes('/'))) {
    const top = withPaths[0].path.split('/')[0];
    return { ok: true, input: { kind: 'files', files: withPaths }, name: top };
  }
  if (files.length === 1) {
    const [file] = files;
    if (/\.zip$/i.test(file.name)) return { ok: true, input: { kind: 'zip', file }, name: file.name };
    if (/\.(csv|tsv|txt)$/i.test(file.name)) return { ok: true, input: { kind: 'pixel-csv', file }, name: file.name };
    if (IDX_IMAGES.test(file.name) || IDX_LABELS.test(file.name)) {
      return { ok: false, message: `${file.name} is one half of an IDX pair. Choose both files together: the *-images-idx3-ubyte and the *-labels-idx1-ubyte file.` };
    }
  }
  if (files.length === 2) {
    const images = files.find((f) => IDX_IMAGES.test(f.name));
    const labels = files.find((f) => IDX_LABELS.test(f.name));
    if (images && labels) return { ok: true, input: { kind: 'idx', images, labels }, name: images.name.replace(/\.gz$/i, '') };
  }
  return {
    ok: false,
    message: `Could not tell what ${files.length === 1 ? files[0].name : `these ${files.length} files`} ${files.length === 1 ? 'is' : 'are'}. Choose a folder of class sub-folders, a .zip of them, a pixel CSV (label,pixel0,…), or an IDX pair (*-images-idx3-ubyte[.gz] with *-labels-idx1-ubyte[.gz]).`,
  };
}
