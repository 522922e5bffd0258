import { describe, expect, it } from 'vitest';
import { errorMessage, formatBytes, ImageDataError, ZipError } from './errors';

describe('errors', () => {
  it('carries a code and the file name', () => {
    const error = new ZipError('zip_entry_corrupt', 'Skipped "a.png": damaged.', 'a.png');
    expect(error).toBeInstanceOf(ImageDataError);
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.code, error.file, error.message]).toEqual(['ZipError', 'zip_entry_corrupt', 'a.png', 'Skipped "a.png": damaged.']);
    expect(new ImageDataError('csv_no_rows', 'x').file).toBeNull();
  });

  it('formats byte counts for messages', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(1024 ** 2), formatBytes(2 * 1024 ** 3), formatBytes(300 * 1024 ** 2)]).toEqual([
      '512 B', '1.5 KiB', '1 MiB', '2 GiB', '300 MiB',
    ]);
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('text')).toBe('text');
  });
});
