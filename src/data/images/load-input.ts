/**
 * One entry point for every image input the studio accepts (folder files, zip, IDX pair, pixel CSV):
 * the worker hands it the request and gets one ImageDataset at the requested size plus what the page
 * shows about it. Decoding is injected, so this runs in Node tests with a pure-TS decoder.
 */
import { parseCsvBlob } from '../csv/parse-csv';
import type { DecodeImageFn } from './decode-image';
import { classCounts, type ImageDataset } from './image-dataset';
import { loadImageDataset, resizeDataset, type LoadImagesOptions } from './load-images';
import { pixelTableToDataset } from './pixel-csv';
import { pixelTableFromTable } from './pixel-table';
import type { ImageDatasetSummary, ImageLoadProgress, ImageLoadRequest } from './summary';

export interface LoadedImageInput {
  dataset: ImageDataset;
  bytes: number;
  files: number;
  warnings: string[];
}

export interface LoadInputHooks {
  decode: DecodeImageFn;
  signal?: AbortSignal;
  onProgress?: (progress: ImageLoadProgress) => void;
}

export async function loadImageInput(request: ImageLoadRequest, hooks: LoadInputHooks): Promise<LoadedImageInput> {
  const { input, settings } = request;
  const warnings: string[] = [];
  const options: LoadImagesOptions = {
    width: settings.width,
    height: settings.height,
    channels: settings.channels,
    maxTotalBytes: settings.maxTotalBytes,
    maxPixelsPerImage: settings.maxPixelsPerImage,
    ...(request.classNames ? { classNames: request.classNames } : {}),
  };
  const loaderHooks = {
    decode: hooks.decode,
    signal: hooks.signal,
    onWarning: (message: string) => warnings.push(message),
    onProgress: (p: { phase: ImageLoadProgress['step']; done: number; total: number }) => hooks.onProgress?.({ phase: 'images', step: p.phase, done: p.done, total: p.total }),
  };
  switch (input.kind) {
    case 'files': {
      const dataset = await loadImageDataset({ kind: 'files', files: input.files.map((f) => ({ path: f.path, blob: f.file })) }, options, loaderHooks);
      return { dataset, bytes: input.files.reduce((sum, f) => sum + f.file.size, 0), files: input.files.length, warnings };
    }
    case 'zip': {
      const dataset = await loadImageDataset({ kind: 'zip', blob: input.file, name: input.file.name }, options, loaderHooks);
      return { dataset, bytes: input.file.size, files: dataset.labels.length + dataset.skipped.length, warnings };
    }
    case 'idx': {
      const dataset = await loadImageDataset({ kind: 'idx', images: input.images, labels: input.labels }, options, loaderHooks);
      return { dataset, bytes: input.images.size + input.labels.size, files: 2, warnings };
    }
    case 'pixel-csv': {
      const parsed = await parseCsvBlob(input.file, {
        fileName: input.file.name,
        signal: hooks.signal,
        onProgress: (p) => hooks.onProgress?.({ phase: 'images', step: 'reading', done: p.bytesRead, total: p.totalBytes }),
      });
      for (const w of parsed.warnings) warnings.push(w);
      const native = pixelTableToDataset(pixelTableFromTable(parsed.table), {
        sourceName: input.file.name,
        ...(request.labelColumn ? { labelColumn: request.labelColumn } : {}),
        ...(request.classNames ? { classNames: request.classNames } : {}),
      });
      const dataset = await resizeDataset(native, { width: settings.width, height: settings.height, channels: settings.channels }, loaderHooks);
      return { dataset, bytes: input.file.size, files: 1, warnings };
    }
  }
}

/** What the page keeps about a loaded image set (the pixels stay in the worker). */
export function summarizeImages(id: string, name: string, source: ImageLoadRequest['input']['kind'], loaded: LoadedImageInput, loadSeconds: number): ImageDatasetSummary {
  const { dataset } = loaded;
  return {
    id,
    kind: 'images',
    name,
    source,
    rows: dataset.labels.length,
    bytes: loaded.bytes,
    files: loaded.files,
    width: dataset.width,
    height: dataset.height,
    channels: dataset.channels,
    classes: [...dataset.classes],
    classCounts: classCounts(dataset),
    skipped: dataset.skipped,
    warnings: loaded.warnings,
    loadSeconds,
  };
}
