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
  maxTotalBytes: 2 * 1024 ** 3,
  maxPixelsPerImage: 40_000_000,
};
