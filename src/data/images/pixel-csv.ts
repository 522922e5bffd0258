/**
 * Pixel CSVs (Kaggle MNIST / Fashion-MNIST style: `label,pixel0,…,pixel783`) → ImageDataset.
 * Parsing the CSV text is someone else's job; this module only needs the `PixelTable` view.
 *
 * - Label column: the first column named label / labels / class / target / y / category
 *   (case-insensitive), else the first column; `labelColumn` overrides.
 * - Shape: from the number of pixel columns P. P = k² → k×k grayscale; P = 3k² → k×k RGB
 *   (no P can be both). `width`/`height`/`channels` override (for non-square images).
 *   RGB column order is HWC (r,g,b per pixel) unless names say planar (r0,r1,…,g0,…) → CHW.
 * - Values must be 0…255 (errors name row and column). If every value is within 0…1 and
 *   some are fractional, the table is taken as normalized and scaled by 255 (`scale: 'none'`
 *   turns this off). Other fractions are rounded.
 * - Rows with a missing label or pixel are skipped (listed in `skipped`).
 */
import { ImageDataError, type SkippedFile } from './errors';
import { compareClassNames, type ImageDataset } from './image-dataset';

/** What pixel-csv needs from a parsed table (e.g. a columnar Papa Parse result). */
export interface PixelTable {
  /** Header names, one per column. */
  names: string[];
  /** Number of data rows (header excluded). */
  rowCount: number;
  /** Values of column `i` as numbers (NaN where missing), or null when the column is not numeric. */
  numericColumn(i: number): Float64Array | null;
  /** Raw text of column `i` (null where missing), or null when not available. */
  stringColumn(i: number): (string | null)[] | null;
}

export interface PixelCsvOptions {
  /** Name or index of the label column (default: detected, see detectLabelColumn). */
  labelColumn?: string | number;
  width?: number;
  height?: number;
  channels?: 1 | 3;
  /** Column order for RGB: 'hwc' (r,g,b per pixel) or 'chw' (all red, then green, then blue). */
  layout?: 'hwc' | 'chw';
  /** Class names by numeric label value (e.g. Fashion-MNIST), or the class order for text labels. */
  classNames?: readonly string[];
  /** 'auto' (default) scales 0…1 tables by 255; 'none' never scales. */
  scale?: 'auto' | 'none';
  /** File name for messages and sources (default "CSV"). */
  sourceName?: string;
}

const LABEL_NAMES: ReadonlySet<string> = new Set(['label', 'labels', 'class', 'target', 'y', 'category']);
const MAX_SKIPPED_LISTED = 1000;

/** Index of the label column: a conventional name, else 0. */
export function detectLabelColumn(names: readonly string[]): number {
  const index = names.findIndex((name) => LABEL_NAMES.has(name.trim().toLowerCase()));
  return index >= 0 ? index : 0;
}

/** 0 = red, 1 = green, 2 = blue, null = no colour in the name ("pixel0_r", "red12", "b_3"). */
export function channelOfName(name: string): 0 | 1 | 2 | null {
  let found: 0 | 1 | 2 | null = null;
  for (const token of name.toLowerCase().split(/[^a-z]+/)) {
    const channel = token === 'r' || token === 'red' ? 0 : token === 'g' || token === 'green' ? 1 : token === 'b' || token === 'blue' ? 2 : null;
    if (channel !== null) {
      if (found !== null) return null;
      found = channel;
    }
  }
  return found;
}

export interface ImageShape {
  width: number;
  height: number;
  channels: 1 | 3;
  layout: 'hwc' | 'chw';
}

function isqrt(n: number): number | null {
  const r = Math.round(Math.sqrt(n));
  return r * r === n ? r : null;
}

/** Infers the image shape from the pixel column names (see module comment). */
export function inferImageShape(pixelNames: readonly string[], options: Pick<PixelCsvOptions, 'width' | 'height' | 'channels' | 'layout' | 'sourceName'> = {}): ImageShape {
  const count = pixelNames.length;
  const source = options.sourceName ?? 'CSV';
  const channelsOf = pixelNames.map(channelOfName);
  const named = channelsOf.filter((c) => c !== null).length;
  const namesSayRgb = count >= 3 && named === count && new Set(channelsOf).size === 3;
  const layout = options.layout ?? (namesSayRgb && channelsOf[0] === channelsOf[1] ? 'chw' : 'hwc');
  if (options.width !== undefined || options.height !== undefined || options.channels !== undefined) {
    const channels = options.channels ?? (namesSayRgb ? 3 : 1);
    const plane = count / channels;
    const width = options.width ?? (options.height ? plane / options.height : (isqrt(plane) ?? NaN));
    const height = options.height ?? (options.width ? plane / options.width : (isqrt(plane) ?? NaN));
    if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width * height * channels === count)) {
      throw new ImageDataError(
        'csv_not_square',
        `${source} has ${count} pixel columns, which does not fit ${options.width ?? '?'}×${options.height ?? '?'}×${channels}. Check the width, height and channels you chose.`,
      );
    }
    return { width, height, channels, layout };
  }
  const gray = isqrt(count);
  if (gray !== null && !namesSayRgb) return { width: gray, height: gray, channels: 1, layout: 'hwc' };
  const rgb = count % 3 === 0 ? isqrt(count / 3) : null;
  if (rgb !== null) return { width: rgb, height: rgb, channels: 3, layout };
  throw new ImageDataError(
    'csv_not_square',
    `${source} has ${count} pixel columns, which is not a square image (k×k = ${count}) nor a square RGB image (k×k×3 = ${count}). ` +
      'Give the width and height (and channels) explicitly, or check that only the label and pixel columns are in the file.',
  );
}

function rowText(row: number): string {
  return `row ${row + 1} (line ${row + 2} of the file)`;
}

/** Converts a parsed pixel table into an ImageDataset. */
export function pixelTableToDataset(table: PixelTable, options: PixelCsvOptions = {}): ImageDataset {
  const source = options.sourceName ?? 'CSV';
  const n = table.rowCount;
  if (n === 0) throw new ImageDataError('csv_no_rows', `${source} has no data rows.`, source);
  let labelIndex: number;
  if (typeof options.labelColumn === 'number') {
    labelIndex = options.labelColumn;
  } else if (typeof options.labelColumn === 'string') {
    const wanted = options.labelColumn;
    labelIndex = table.names.indexOf(wanted);
    if (labelIndex < 0) labelIndex = table.names.findIndex((name) => name.trim().toLowerCase() === wanted.trim().toLowerCase());
  } else {
    labelIndex = detectLabelColumn(table.names);
  }
  if (!(labelIndex >= 0 && labelIndex < table.names.length)) {
    throw new ImageDataError('csv_bad_label', `${source} has no column "${String(options.labelColumn)}" to use as the label. Columns: ${table.names.slice(0, 5).join(', ')}…`, source);
  }
  const labelName = table.names[labelIndex];
  const pixelIndices = table.names.map((_, i) => i).filter((i) => i !== labelIndex);
  if (pixelIndices.length === 0) {
    throw new ImageDataError('csv_no_pixels', `${source} has only the label column "${labelName}" and no pixel columns.`, source);
  }
  const shape = inferImageShape(
    pixelIndices.map((i) => table.names[i]),
    { ...options, sourceName: source },
  );
  const perImage = shape.width * shape.height * shape.channels;
  const skippedRow = new Array<string | null>(n).fill(null);

  // Labels.
  const numericLabels = table.numericColumn(labelIndex);
  const labelValues = new Array<string | null>(n).fill(null);
  let useNumeric = numericLabels !== null;
  if (numericLabels) {
    for (let r = 0; r < n; r++) {
      const v = numericLabels[r];
      if (Number.isNaN(v)) continue;
      if (!Number.isInteger(v)) {
        useNumeric = false;
        break;
      }
    }
  }
  if (useNumeric && numericLabels) {
    for (let r = 0; r < n; r++) labelValues[r] = Number.isNaN(numericLabels[r]) ? null : String(numericLabels[r]);
  } else {
    const text = table.stringColumn(labelIndex);
    if (!text) throw new ImageDataError('csv_bad_label', `${source}: the label column "${labelName}" could not be read as numbers or text.`, source);
    for (let r = 0; r < n; r++) {
      const t = text[r]?.trim();
      labelValues[r] = t ? t : null;
    }
  }
  for (let r = 0; r < n; r++) if (labelValues[r] === null) skippedRow[r] = `missing label in column "${labelName}"`;

  // Pixels, pass 1: type, range, missing values, fractions.
  const columns: Float64Array[] = [];
  let max = 0;
  let hasFraction = false;
  let badRow = -1;
  let badColumn = -1;
  let badValue = 0;
  for (let k = 0; k < pixelIndices.length; k++) {
    const column = table.numericColumn(pixelIndices[k]);
    const name = table.names[pixelIndices[k]];
    if (!column) {
      const text = table.stringColumn(pixelIndices[k]);
      const example = text ? text.findIndex((t) => t !== null && t.trim() !== '' && !Number.isFinite(Number(t))) : -1;
      const where = example >= 0 ? ` (${rowText(example)} has "${String(text?.[example]).slice(0, 20)}")` : '';
      throw new ImageDataError('csv_bad_value', `${source}: pixel column "${name}" is not numeric${where}. Pixel columns must hold numbers 0–255.`, source);
    }
    columns.push(column);
    for (let r = 0; r < n; r++) {
      const v = column[r];
      if (Number.isNaN(v)) {
        if (skippedRow[r] === null) skippedRow[r] = `missing value in column "${name}"`;
      } else if (!(v >= 0 && v <= 255)) {
        if (badRow < 0 || r < badRow) {
          badRow = r;
          badColumn = k;
          badValue = v;
        }
      } else {
        if (v > max) max = v;
        if (!hasFraction && v % 1 !== 0) hasFraction = true;
      }
    }
  }
  if (badRow >= 0) {
    throw new ImageDataError(
      'csv_bad_value',
      `${source}: value ${badValue} at ${rowText(badRow)}, column "${table.names[pixelIndices[badColumn]]}" is outside 0–255. Pixel values must be 0–255 (or all within 0–1).`,
      source,
    );
  }
  const factor = options.scale !== 'none' && hasFraction && max <= 1 ? 255 : 1;

  // Rows kept.
  const kept: number[] = [];
  const skipped: SkippedFile[] = [];
  let notListed = 0;
  for (let r = 0; r < n; r++) {
    if (skippedRow[r] === null) kept.push(r);
    else if (skipped.length < MAX_SKIPPED_LISTED) skipped.push({ file: `${source} ${rowText(r)}`, reason: `Skipped ${rowText(r)}: ${skippedRow[r]}.` });
    else notListed++;
  }
  if (notListed > 0) skipped.push({ file: source, reason: `…and ${notListed} more rows skipped for missing values.` });
  if (kept.length === 0) throw new ImageDataError('csv_no_rows', `${source}: every row has a missing label or pixel value. ${skipped[0]?.reason ?? ''}`, source);

  // Classes.
  const distinct = [...new Set(kept.map((r) => labelValues[r] as string))];
  let classes: string[];
  const classIndex = new Map<string, number>();
  if (options.classNames && useNumeric) {
    classes = [...options.classNames];
    for (const value of distinct) {
      const v = Number(value);
      if (!(v >= 0 && v < classes.length)) {
        const row = kept.find((r) => labelValues[r] === value) ?? 0;
        throw new ImageDataError('csv_bad_label', `${source}: label ${value} at ${rowText(row)} has no class name (${classes.length} names given).`, source);
      }
      classIndex.set(value, v);
    }
  } else if (options.classNames) {
    classes = [...options.classNames];
    classes.forEach((name, i) => classIndex.set(name, i));
    const unknown = distinct.find((value) => !classIndex.has(value));
    if (unknown !== undefined) {
      throw new ImageDataError('csv_bad_label', `${source}: label "${unknown}" is not one of the ${classes.length} class names given.`, source);
    }
  } else {
    classes = useNumeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort(compareClassNames);
    classes.forEach((name, i) => classIndex.set(name, i));
  }

  // Pass 2: fill pixels image by image (row blocks keep writes local).
  const count = kept.length;
  const pixels = new Uint8Array(count * perImage);
  const plane = shape.width * shape.height;
  const dest = new Int32Array(perImage);
  for (let k = 0; k < perImage; k++) dest[k] = shape.layout === 'chw' && shape.channels === 3 ? (k % plane) * 3 + Math.floor(k / plane) : k;
  const BLOCK = 256;
  for (let start = 0; start < count; start += BLOCK) {
    const end = Math.min(count, start + BLOCK);
    for (let k = 0; k < perImage; k++) {
      const column = columns[k];
      const d = dest[k];
      for (let i = start; i < end; i++) {
        pixels[i * perImage + d] = Math.round(column[kept[i]] * factor);
      }
    }
  }
  const labels = new Int32Array(count);
  const sources = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    labels[i] = classIndex.get(labelValues[kept[i]] as string) as number;
    sources[i] = `${source} row ${kept[i] + 1}`;
  }
  return { width: shape.width, height: shape.height, channels: shape.channels, pixels, labels, classes, sources, skipped };
}
