import { describe, expect, it } from 'vitest';
import { baseName, fileExtension, isImagePath, isJunkPath, pathSegments, unsafePathReason } from './paths';

describe('paths', () => {
  it('extracts extensions case-insensitively', () => {
    expect(fileExtension('cats/A.JPG')).toBe('jpg');
    expect(fileExtension('cats/archive.tar.gz')).toBe('gz');
    expect(fileExtension('cats/README')).toBe('');
    expect(fileExtension('cats/.hidden')).toBe('');
    expect(baseName('a/b/c.png')).toBe('c.png');
    expect(isImagePath('x/y.webp')).toBe(true);
    expect(isImagePath('x/y.tiff')).toBe(false);
    expect(isImagePath('x/labels.csv')).toBe(false);
  });

  it('recognises OS junk anywhere in the path', () => {
    expect(isJunkPath('__MACOSX/cats/._1.png')).toBe(true);
    expect(isJunkPath('data/__MACOSX/x.png')).toBe(true);
    expect(isJunkPath('cats/.DS_Store')).toBe(true);
    expect(isJunkPath('cats/._1.png')).toBe(true);
    expect(isJunkPath('.git/objects/ab')).toBe(true);
    expect(isJunkPath('cats/Thumbs.db')).toBe(true);
    expect(isJunkPath('cats/1.png')).toBe(false);
    expect(isJunkPath('./cats/1.png')).toBe(false);
    expect(isJunkPath('__proto__/1.png')).toBe(false);
  });

  it('flags unsafe archive names with a reason', () => {
    expect(unsafePathReason('../evil.png')).toMatch(/\.\./);
    expect(unsafePathReason('cats/../../evil.png')).toMatch(/traversal/);
    expect(unsafePathReason('/etc/passwd')).toMatch(/absolute/);
    expect(unsafePathReason('C:/x.png')).toMatch(/drive letter/);
    expect(unsafePathReason('cats\\1.png')).toMatch(/backslash/);
    expect(unsafePathReason('cats/a\u0000.png')).toMatch(/control/);
    expect(unsafePathReason('')).toMatch(/empty/);
    expect(unsafePathReason('cats/1..png')).toBeNull();
    expect(unsafePathReason('cats/1.png')).toBeNull();
  });

  it('splits paths into clean segments', () => {
    expect(pathSegments('/flowers//daisy/./1.jpg')).toEqual(['flowers', 'daisy', '1.jpg']);
  });
});
