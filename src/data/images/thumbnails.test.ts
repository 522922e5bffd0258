import { describe, expect, it } from 'vitest';
import { ImageDatasetBuilder } from './image-dataset';
import { MAX_THUMBNAILS, packThumbnails, sampleIndicesPerClass } from './thumbnails';

function dataset() {
  const builder = new ImageDatasetBuilder({ width: 2, height: 1, channels: 1 });
  const classes = ['b', 'a', 'b', '__proto__', 'a', 'b', 'a'];
  classes.forEach((name, i) => builder.add(Uint8Array.from([i * 10, i * 10 + 1]), 1, name, `${name}/${i}.png`));
  return builder.build();
}

describe('gallery thumbnails', () => {
  it('takes the first images of every class, class after class', () => {
    const ds = dataset();
    expect(ds.classes).toEqual(['__proto__', 'a', 'b']);
    expect(sampleIndicesPerClass(ds, 2)).toEqual([3, 1, 4, 0, 2]);
  });

  it('packs grayscale images as opaque RGBA with their sources', () => {
    const thumbs = packThumbnails(dataset(), [4, 0]);
    expect([thumbs.width, thumbs.height]).toEqual([2, 1]);
    expect(Array.from(thumbs.rgba)).toEqual([40, 40, 40, 255, 41, 41, 41, 255, 0, 0, 0, 255, 1, 1, 1, 255]);
    expect(thumbs.sources).toEqual(['a/4.png', 'b/0.png']);
    expect(thumbs.labels).toEqual([1, 2]);
  });

  it('caps the number of thumbnails and rejects unknown indices', () => {
    expect(
      packThumbnails(
        dataset(),
        Array.from({ length: MAX_THUMBNAILS + 5 }, () => 0),
      ).indices,
    ).toHaveLength(MAX_THUMBNAILS);
    expect(() => packThumbnails(dataset(), [99])).toThrow(/out of range/);
  });
});
