import { IMAGE_CAPS, IMAGE_RANGES, inRange } from '../../settings/limits';

/** How the user wants images prepared and augmented; plain data in the notebook document. */
export interface ImageSettings {
  /** Target size; images are resized (area-averaged when shrinking). */
  width: number;
  height: number;
  /** 'auto' = grayscale when every image is grayscale, else RGB. */
  channels: 'auto' | 1 | 3;
  augmentation: {
    horizontalFlip: boolean;
    /** Largest shift as a fraction of width/height (0 = none). */
    shift: number;
    /** Largest rotation in degrees (0 = none). */
    rotation: number;
  };
  /** Safety caps for archives and images. */
  maxTotalBytes: number;
  maxPixelsPerImage: number;
}

export const DEFAULT_IMAGE_SETTINGS: ImageSettings = {
  width: 28,
  height: 28,
  channels: 'auto',
  augmentation: { horizontalFlip: false, shift: 0, rotation: 0 },
  maxTotalBytes: IMAGE_CAPS.maxTotalBytes,
  maxPixelsPerImage: IMAGE_CAPS.maxPixelsPerImage,
};

/** Image sizes the studio loads at (the model's input); larger sizes train very slowly in a browser. */
export const IMAGE_SIZE_LIMITS = { min: IMAGE_RANGES.size.min, max: IMAGE_RANGES.size.max } as const;

/** Says what is wrong with image settings from an untrusted place (form, runner, shared link), or null. */
export function validateImageSettings(s: ImageSettings): string | null {
  const size = (v: number) => Number.isInteger(v) && v >= IMAGE_SIZE_LIMITS.min && v <= IMAGE_SIZE_LIMITS.max;
  if (!size(s.width) || !size(s.height)) return `Image width and height must be whole numbers from ${IMAGE_SIZE_LIMITS.min} to ${IMAGE_SIZE_LIMITS.max} pixels.`;
  if (s.channels !== 'auto' && s.channels !== 1 && s.channels !== 3) return 'Channels must be auto, 1 (grayscale) or 3 (RGB).';
  const augmentation = validateAugmentation(s.augmentation);
  if (augmentation) return augmentation;
  if (!(s.maxTotalBytes > 0) || !(s.maxPixelsPerImage > 0)) return 'The size limits must be positive.';
  if (s.maxTotalBytes > IMAGE_CAPS.maxTotalBytes || s.maxPixelsPerImage > IMAGE_CAPS.maxPixelsPerImage) {
    return `The image safety caps cannot be raised above ${IMAGE_CAPS.maxTotalBytes / 1024 ** 3} GB per archive and ${IMAGE_CAPS.maxPixelsPerImage.toLocaleString('en-US')} pixels per image.`;
  }
  return null;
}

/** Says what is wrong with augmentation limits, or null. */
export function validateAugmentation(a: ImageSettings['augmentation']): string | null {
  if (!inRange(a.shift, IMAGE_RANGES.shift)) return `Shift must be a fraction from 0 to ${IMAGE_RANGES.shift.max} of the image size.`;
  if (!inRange(a.rotation, IMAGE_RANGES.rotation)) return `Rotation must be from 0 to ${IMAGE_RANGES.rotation.max} degrees.`;
  return null;
}
