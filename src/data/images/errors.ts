/**
 * One error class for everything the image readers can reject, so the worker can forward
 * `{ code, message, file }` to the UI without string matching.
 *
 * Messages always say what is wrong, where (file name when there is one) and what to do.
 */

export type ImageDataErrorCode =
  // whole-archive problems
  | 'zip_not_a_zip'
  | 'zip_truncated'
  | 'zip_corrupt'
  | 'zip_multi_disk'
  | 'zip_too_large'
  // single-entry problems (the loader turns these into `skipped` items)
  | 'zip_entry_too_large'
  | 'zip_entry_corrupt'
  | 'zip_entry_unsupported'
  | 'zip_entry_encrypted'
  | 'zip_entry_unsafe_path'
  // gzip / IDX
  | 'gzip_corrupt'
  | 'gzip_too_large'
  | 'idx_bad_magic'
  | 'idx_truncated'
  | 'idx_count_mismatch'
  | 'idx_bad_label'
  // pixel CSV
  | 'csv_no_pixels'
  | 'csv_not_square'
  | 'csv_bad_value'
  | 'csv_bad_label'
  | 'csv_no_rows'
  // folder layout and loading
  | 'layout_no_images'
  | 'layout_too_few_classes'
  | 'image_unknown_format'
  | 'image_too_many_pixels'
  | 'image_decode_failed'
  | 'file_too_large'
  | 'images_too_large'
  | 'images_none_readable'
  | 'images_too_few_classes'
  | 'images_dataset_too_large'
  | 'images_bad_options';

export class ImageDataError extends Error {
  override name = 'ImageDataError';
  readonly code: ImageDataErrorCode;
  /** The file (or archive entry) the problem is about, when there is one. */
  readonly file: string | null;

  constructor(code: ImageDataErrorCode, message: string, file: string | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.file = file;
  }
}

/** Errors about a zip archive or one of its entries. */
export class ZipError extends ImageDataError {
  override name = 'ZipError';
}

/** A file that was left out of the data set, and why (shown to the user). */
export interface SkippedFile {
  file: string;
  reason: string;
}
