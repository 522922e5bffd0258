import { useMemo } from 'react';

interface RgbaImageProps {
  rgba: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
  alt: string;
  /** Displayed size in CSS pixels (the longer side); small images are scaled up without blurring. */
  displaySize?: number;
  testId?: string;
}

/** One image from raw RGBA bytes, as an <img> with alt text (so it reads aloud and can be saved). */
export function RgbaImage({ rgba, width, height, alt, displaySize = 64, testId }: RgbaImageProps) {
  const src = useMemo(() => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) return '';
    context.putImageData(new ImageData(rgba, width, height), 0, 0);
    return canvas.toDataURL('image/png');
  }, [rgba, width, height]);
  const scale = displaySize / Math.max(width, height);
  return <img className="rgba-image" src={src} alt={alt} width={Math.round(width * scale)} height={Math.round(height * scale)} data-testid={testId} />;
}

/** The i-th image of a packed thumbnail buffer. */
export function thumbnailAt(rgba: Uint8ClampedArray<ArrayBuffer>, width: number, height: number, i: number): Uint8ClampedArray<ArrayBuffer> {
  const size = width * height * 4;
  return rgba.subarray(i * size, (i + 1) * size);
}
