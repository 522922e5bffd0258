import { describe, expect, it } from 'vitest';
import { ImageDataError } from './errors';
import { planFolderLayout } from './folder-layout';

function layoutError(paths: string[]): ImageDataError {
  try {
    planFolderLayout(paths);
  } catch (error) {
    expect(error).toBeInstanceOf(ImageDataError);
    return error as ImageDataError;
  }
  throw new Error('expected planFolderLayout to throw');
}

describe('planFolderLayout', () => {
  it('takes the class from <class>/<image> and strips the dropped folder', () => {
    const layout = planFolderLayout([
      'flowers/roses/b.JPG',
      'flowers/daisy/a.png',
      'flowers/daisy/sub/c.webp',
      'flowers/roses/.DS_Store',
      'flowers/__MACOSX/daisy/._a.png',
      'flowers/labels.csv',
      'flowers/preview.png',
      'flowers/daisy/scan.tiff',
    ]);
    expect(layout.strippedPrefix).toBe('flowers/');
    expect(layout.classes).toEqual(['daisy', 'roses']);
    expect(layout.images).toEqual([
      { path: 'flowers/daisy/a.png', className: 'daisy' },
      { path: 'flowers/daisy/sub/c.webp', className: 'daisy' },
      { path: 'flowers/roses/b.JPG', className: 'roses' },
    ]);
    expect(layout.ignored).toEqual(['flowers/labels.csv']);
    expect(layout.ignoredJunk).toBe(2);
    expect(layout.skipped.map((s) => s.file)).toEqual(['flowers/daisy/scan.tiff', 'flowers/preview.png']);
    expect(layout.skipped[1].reason).toMatch(/"flowers\/preview\.png": it is not inside a class folder/);
    expect(layout.skipped[0].reason).toMatch(/\.tiff images are not supported/);
    expect(layout.warnings).toEqual([]);
  });

  it('keeps class folders at the top level as they are, and handles hostile class names', () => {
    const layout = planFolderLayout(['__proto__/1.png', 'constructor/2.png', '<img src=x onerror=alert(1)>/3.gif', 'hasOwnProperty/4.bmp']);
    expect(layout.strippedPrefix).toBe('');
    expect(layout.classes).toEqual(['<img src=x onerror=alert(1)>', '__proto__', 'constructor', 'hasOwnProperty']);
  });

  it('merges class folder names that differ only in Unicode normalization (macOS NFD)', () => {
    const layout = planFolderLayout(['caf\u00e9/1.png', 'cafe\u0301/2.png', 'th\u00e9/3.png']);
    expect(layout.classes).toEqual(['caf\u00e9', 'th\u00e9']);
    expect(layout.images.map((i) => i.path)).toEqual(['cafe\u0301/2.png', 'caf\u00e9/1.png', 'th\u00e9/3.png']);
    expect(layout.images.map((i) => i.className)).toEqual(['caf\u00e9', 'caf\u00e9', 'th\u00e9']);
  });

  it('strips nested single wrappers and leading slashes', () => {
    const layout = planFolderLayout(['/archive/data/cats/1.png', '/archive/data/dogs/1.png']);
    expect(layout.strippedPrefix).toBe('archive/data/');
    expect(layout.classes).toEqual(['cats', 'dogs']);
  });

  it('warns when class folders look like split folders', () => {
    const layout = planFolderLayout(['ds/train/cats/1.png', 'ds/test/cats/2.png']);
    expect(layout.classes).toEqual(['test', 'train']);
    expect(layout.warnings[0]).toMatch(/look like train\/test split folders/);
  });

  it('errors with what was found when there are fewer than 2 classes', () => {
    const one = layoutError(['pets/cats/1.png', 'pets/cats/2.png', 'pets/3.png']);
    expect(one.code).toBe('layout_too_few_classes');
    expect(one.message).toMatch(/Found only 1 class folder: "cats" \(2 images\)\. 1 image\(s\) were not inside any class folder\. .*at least 2 classes/);
    const flat = layoutError(['1.png', '2.png']);
    expect(flat.message).toMatch(/Found no class folders\. 2 image\(s\)/);
    const none = layoutError(['notes.txt', 'x/.DS_Store']);
    expect(none.code).toBe('layout_no_images');
    expect(none.message).toMatch(/No images found .*"notes\.txt"/);
  });
});
