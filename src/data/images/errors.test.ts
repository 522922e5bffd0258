import { describe, expect, it } from 'vitest';
import { ImageDataError, ZipError } from './errors';

describe('errors', () => {
  it('carries a code and the file name', () => {
    const error = new ZipError('zip_entry_corrupt', 'Skipped "a.png": damaged.', 'a.png');
    expect(error).toBeInstanceOf(ImageDataError);
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.code, error.file, error.message]).toEqual(['ZipError', 'zip_entry_corrupt', 'a.png', 'Skipped "a.png": damaged.']);
    expect(new ImageDataError('csv_no_rows', 'x').file).toBeNull();
  });
});
