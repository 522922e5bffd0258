// Image data for the runner: tells image inputs (class folders, zips, IDX pairs, pixel CSVs) from tables,
// validates the image flags, and loads the images through the app's own image inputs.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError, oneOf, text } from './args.mjs';
import { unwrap } from './app.mjs';
import { LIMITS } from './limits.mjs';

const IDX_IMAGES = /idx3-ubyte(\.gz)?$/i;
const PIXEL_COLUMN = /^"?(pixel|px|p)_?\d+"?$/i;
/** A header with at least this many pixelN columns is a pixel CSV, not a table. */
const MIN_PIXEL_COLUMNS = 16;

function firstLine(path) {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(256 * 1024);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, read).toString('utf8');
    const end = text.search(/\r?\n/);
    return end >= 0 ? text.slice(0, end) : text;
  } finally {
    closeSync(fd);
  }
}

/** 'folder' | 'zip' | 'idx' | 'pixel-csv' for image data given with --data, else null (a table or a sample). */
export function imageDataKind(flags) {
  const given = text(flags, 'data');
  if (given === undefined) return null;
  const path = resolve(process.cwd(), given);
  if (!existsSync(path)) return null;
  if (statSync(path).isDirectory()) return 'folder';
  if (/\.zip$/i.test(path)) return 'zip';
  if (IDX_IMAGES.test(path)) return 'idx';
  if (/\.(csv|tsv|txt)$/i.test(path)) {
    const names = firstLine(path)
      .split(/[,;\t|]/)
      .map((s) => s.trim());
    if (names.filter((n) => PIXEL_COLUMN.test(n)).length >= MIN_PIXEL_COLUMNS) return 'pixel-csv';
  }
  return null;
}

/** The labels file beside an IDX images file: train-images-idx3-ubyte.gz → train-labels-idx1-ubyte.gz. */
export function idxLabelsPath(imagesPath) {
  const name = basename(imagesPath);
  const candidates = [name.replace(/images?([-_.]?)idx3/i, 'labels$1idx1'), name.replace(/idx3/i, 'idx1')];
  for (const candidate of candidates) {
    const path = join(dirname(imagesPath), candidate);
    if (candidate !== name && existsSync(path)) return path;
  }
  throw new UserError('missing_labels', `Found no labels file beside ${name} (looked for ${candidates[0]}). Put the *-labels-idx1-ubyte[.gz] file next to it.`);
}

/** Image flags, checked before the browser starts. */
export function imageLoadOptions(flags) {
  const sizeText = text(flags, 'image-size');
  let width;
  let height;
  if (sizeText !== undefined) {
    const match = /^(\d+)(?:x(\d+))?$/i.exec(sizeText.trim());
    if (!match) throw new UserError('invalid_arguments', `--image-size takes a size in pixels, e.g. 28 or 64x48; got "${sizeText}".`);
    width = Number(match[1]);
    height = Number(match[2] ?? match[1]);
    const { min, max } = LIMITS.image.size;
    if (![width, height].every((v) => v >= min && v <= max)) throw new UserError('invalid_arguments', `--image-size must be from ${min} to ${max} pixels; got "${sizeText}".`);
  }
  const channelsText = oneOf(flags, 'channels', ['auto', '1', '3', 'gray', 'rgb']);
  const channels = channelsText === undefined ? undefined : channelsText === 'auto' ? 'auto' : channelsText === '1' || channelsText === 'gray' ? 1 : 3;
  const namesText = text(flags, 'class-names');
  const classNames = namesText === undefined ? undefined : namesText.split(',').map((s) => s.trim());
  if (classNames && (classNames.length < 2 || classNames.some((n) => n === ''))) {
    throw new UserError('invalid_arguments', '--class-names takes at least two non-empty names separated by commas, in label order (0, 1, …).');
  }
  return { width, height, channels, classNames, labelColumn: text(flags, 'target') };
}

/** --augment flip,shift,rotation (or shift=0.15, rotation=20): seeded augmentation of training batches. */
export function imageTrainOptions(flags) {
  // --cnn is parsed in the page by the studio's own codec (src/models/cnn-layers-text.ts).
  const cnn = text(flags, 'cnn');
  return { ...(cnn === undefined ? {} : { cnn }), ...augmentationOption(flags) };
}

function augmentationOption(flags) {
  const augmentText = text(flags, 'augment');
  if (augmentText === undefined) return {};
  const augmentation = { horizontalFlip: false, shift: 0, rotation: 0 };
  for (const part of augmentText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=');
    const amount = value === undefined ? undefined : Number(value);
    if (value !== undefined && !Number.isFinite(amount)) throw new UserError('invalid_arguments', `--augment: "${part}" needs a number after "=".`);
    if (name === 'flip') augmentation.horizontalFlip = true;
    else if (name === 'shift') augmentation.shift = amount ?? 0.1;
    else if (name === 'rotation' || name === 'rotate') augmentation.rotation = amount ?? 10;
    else throw new UserError('invalid_arguments', `--augment takes flip, shift[=0.1] and rotation[=10 degrees], separated by commas; got "${part}".`);
  }
  return { augmentation };
}

/** Loads --data images through the app's folder or file input and returns the image summary. */
export async function loadImageData(page, flags, kind) {
  const path = resolve(process.cwd(), text(flags, 'data') ?? '.');
  unwrap(await page.evaluate((o) => window.tauStudio.prepareImageLoad(o), imageLoadOptions(flags)));
  if (kind === 'folder') await page.setInputFiles('[data-testid="image-folder-input"]', path);
  else if (kind === 'idx') await page.setInputFiles('[data-testid="image-file-input"]', [path, idxLabelsPath(path)]);
  else await page.setInputFiles('[data-testid="image-file-input"]', path);
  return unwrap(await page.evaluate(() => window.tauStudio.waitForImageDataset()));
}
