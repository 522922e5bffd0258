/**
 * IDX files (the MNIST / Fashion-MNIST format): big-endian header `00 00 <type> <ndims>`,
 * ndims uint32 sizes, then the data. Images: type 0x08 (ubyte), n × rows × cols (or
 * n × rows × cols × channels with 1 or 3 channels); labels: type 0x08, n. Files may be gzipped
 * (detected by 1f 8b, whatever the name); decompression is capped by real output size.
 */
import { CappedInflater, isGzip } from './capped-inflate';
import { ImageDataError } from './errors';
import { formatBytes } from '../../lib/format';
import type { ImageDataset } from './image-dataset';

export const MNIST_CLASSES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const FASHION_MNIST_CLASSES: readonly string[] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

export const DEFAULT_IDX_MAX_BYTES = 2 * 1024 ** 3;

const TYPE_NAMES = new Map<number, string>([
  [0x08, 'unsigned byte'],
  [0x09, 'signed byte'],
  [0x0b, '16-bit integer'],
  [0x0c, '32-bit integer'],
  [0x0d, 'float'],
  [0x0e, 'double'],
]);

export interface IdxArray {
  /** e.g. [60000, 28, 28] for images, [60000] for labels. */
  dims: number[];
  /** The ubyte payload (a view into the decompressed file, after the header). */
  data: Uint8Array;
}

/** Parses an (already decompressed) IDX file of unsigned bytes. */
export function parseIdx(bytes: Uint8Array, fileName: string): IdxArray {
  const whatToDo = 'Pick the original MNIST-style file (e.g. train-images-idx3-ubyte.gz).';
  if (bytes.length < 4) {
    throw new ImageDataError('idx_truncated', `${fileName} is too short (${bytes.length} bytes) to be an IDX file. ${whatToDo}`, fileName);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0 || !TYPE_NAMES.has(bytes[2]) || bytes[3] === 0) {
    const hex = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new ImageDataError('idx_bad_magic', `${fileName} is not an IDX file: it starts with ${hex} instead of 00 00 08 03 (images) or 00 00 08 01 (labels). ${whatToDo}`, fileName);
  }
  if (bytes[2] !== 0x08) {
    throw new ImageDataError('idx_bad_magic', `${fileName} holds ${TYPE_NAMES.get(bytes[2])} values; only unsigned-byte IDX files (type 0x08) are supported.`, fileName);
  }
  const ndims = bytes[3];
  const headerLength = 4 + 4 * ndims;
  if (bytes.length < headerLength) {
    throw new ImageDataError('idx_truncated', `${fileName} is cut off inside its header. Download it again.`, fileName);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let total = 1;
  for (let i = 0; i < ndims; i++) {
    const d = view.getUint32(4 + 4 * i);
    dims.push(d);
    total *= d;
  }
  const available = bytes.length - headerLength;
  if (available < total) {
    throw new ImageDataError(
      'idx_truncated',
      `${fileName} is incomplete: its header promises ${dims.join(' × ')} = ${total.toLocaleString('en-US')} bytes of data but only ${available.toLocaleString('en-US')} are there. Download it again.`,
      fileName,
    );
  }
  if (available > total) {
    throw new ImageDataError(
      'idx_truncated',
      `${fileName} has ${(available - total).toLocaleString('en-US')} unexpected bytes after its ${dims.join(' × ')} values; the file is damaged or not an IDX file. Download it again.`,
      fileName,
    );
  }
  return { dims, data: bytes.subarray(headerLength) };
}

export interface IdxDatasetOptions {
  /** Class names by label value (e.g. FASHION_MNIST_CLASSES); default "0", "1", … up to the largest label. */
  classNames?: readonly string[];
  imagesName?: string;
  labelsName?: string;
}

/** Combines parsed image and label arrays into an ImageDataset (native size, 1 or 3 channels). */
export function idxToDataset(images: IdxArray, labels: IdxArray, options: IdxDatasetOptions = {}): ImageDataset {
  const imagesName = options.imagesName ?? 'images file';
  const labelsName = options.labelsName ?? 'labels file';
  if (images.dims.length === 1) {
    throw new ImageDataError('idx_bad_magic', `${imagesName} is a labels file (1 dimension), not images. Did you swap the images and labels files?`, imagesName);
  }
  const channels = images.dims.length === 4 ? images.dims[3] : 1;
  if ((images.dims.length !== 3 && images.dims.length !== 4) || (channels !== 1 && channels !== 3)) {
    throw new ImageDataError('idx_bad_magic', `${imagesName} has shape ${images.dims.join(' × ')}; expected images × rows × columns (idx3), optionally × 1 or 3 channels.`, imagesName);
  }
  if (labels.dims.length !== 1) {
    const hint = labels.dims.length >= 3 ? ' It looks like an images file: did you swap the images and labels files?' : '';
    throw new ImageDataError('idx_bad_magic', `${labelsName} has shape ${labels.dims.join(' × ')}; a labels file (idx1) has one dimension.${hint}`, labelsName);
  }
  const [n, height, width] = images.dims;
  if (labels.dims[0] !== n) {
    throw new ImageDataError(
      'idx_count_mismatch',
      `${imagesName} has ${n.toLocaleString('en-US')} images but ${labelsName} has ${labels.dims[0].toLocaleString('en-US')} labels. Use files from the same set (train with train, t10k with t10k).`,
      labelsName,
    );
  }
  if (width === 0 || height === 0) {
    throw new ImageDataError('idx_bad_magic', `${imagesName} has images of ${width}×${height} pixels.`, imagesName);
  }
  let maxLabel = -1;
  for (let i = 0; i < n; i++) if (labels.data[i] > maxLabel) maxLabel = labels.data[i];
  let classes: string[];
  if (options.classNames) {
    classes = [...options.classNames];
    if (maxLabel >= classes.length) {
      const at = labels.data.findIndex((v) => v >= classes.length);
      throw new ImageDataError(
        'idx_bad_label',
        `${labelsName}: label ${labels.data[at]} at position ${at} has no class name (${classes.length} names given). Give one name per label value, or none to use the numbers.`,
        labelsName,
      );
    }
  } else {
    classes = Array.from({ length: Math.max(maxLabel + 1, 0) }, (_, i) => String(i));
  }
  const sources = new Array<string>(n);
  for (let i = 0; i < n; i++) sources[i] = `${imagesName}#${i}`;
  return {
    width,
    height,
    channels: channels as 1 | 3,
    pixels: images.data.slice(),
    labels: Int32Array.from(labels.data),
    classes,
    sources,
    skipped: [],
  };
}

export interface ReadIdxOptions {
  /** Cap on the decompressed size (default 2 GiB). */
  maxBytes?: number;
  signal?: AbortSignal;
  name?: string;
}

const READ_CHUNK = 1024 * 1024;

function blobName(blob: Blob, fallback: string): string {
  const name = (blob as Partial<File>).name;
  return typeof name === 'string' && name !== '' ? name : fallback;
}

/** Reads a Blob in 1 MiB pieces (yielding to the event loop, so aborts are seen), gunzipping when needed. */
export async function readIdxBytes(blob: Blob, options: ReadIdxOptions = {}): Promise<Uint8Array> {
  const name = options.name ?? blobName(blob, 'IDX file');
  const maxBytes = options.maxBytes ?? DEFAULT_IDX_MAX_BYTES;
  const signal = options.signal;
  signal?.throwIfAborted();
  const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  const tooLarge = (bytes: number): ImageDataError =>
    new ImageDataError('gzip_too_large', `${name} expands to more than ${formatBytes(maxBytes)} (at least ${formatBytes(bytes)}), over the limit. Use a smaller file.`, name);
  if (!isGzip(head)) {
    if (blob.size > maxBytes) throw tooLarge(blob.size);
    const bytes = new Uint8Array(blob.size);
    for (let at = 0; at < blob.size; at += READ_CHUNK) {
      bytes.set(new Uint8Array(await blob.slice(at, Math.min(blob.size, at + READ_CHUNK)).arrayBuffer()), at);
      signal?.throwIfAborted();
    }
    return bytes;
  }
  const inflater = new CappedInflater({
    format: 'gzip',
    maxBytes,
    limitError: tooLarge,
    corruptError: (detail) => new ImageDataError('gzip_corrupt', `${name} is a damaged or incomplete gzip file (${detail}). Download it again.`, name),
  });
  for (let at = 0; at < blob.size; at += READ_CHUNK) {
    const end = Math.min(blob.size, at + READ_CHUNK);
    const chunk = new Uint8Array(await blob.slice(at, end).arrayBuffer());
    signal?.throwIfAborted();
    inflater.push(chunk, end === blob.size);
  }
  return inflater.result();
}

export interface LoadIdxOptions extends IdxDatasetOptions {
  maxBytes?: number;
  signal?: AbortSignal;
}

/** Reads, gunzips and validates an images + labels pair into an ImageDataset. */
export async function loadIdxDataset(images: Blob, labels: Blob, options: LoadIdxOptions = {}): Promise<ImageDataset> {
  const imagesName = options.imagesName ?? blobName(images, 'images file');
  const labelsName = options.labelsName ?? blobName(labels, 'labels file');
  const labelBytes = await readIdxBytes(labels, { maxBytes: options.maxBytes, signal: options.signal, name: labelsName });
  const imageBytes = await readIdxBytes(images, { maxBytes: options.maxBytes, signal: options.signal, name: imagesName });
  return idxToDataset(parseIdx(imageBytes, imagesName), parseIdx(labelBytes, labelsName), { ...options, imagesName, labelsName });
}
