/** Public API of the image dataset readers (see each module for details). */
export { ImageDataError, ZipError, type ImageDataErrorCode, type SkippedFile } from './errors';
export {
  ImageDatasetBuilder,
  classCounts,
  copyImage,
  imageByteSize,
  imageCount,
  imageToRgba,
  sortClassNames,
  validateImageDataset,
  type ClassOrder,
  type ImageDataset,
  type ImageDatasetBuilderOptions,
} from './image-dataset';
export {
  createZipBudget,
  listZipEntries,
  readZipEntry,
  DEFAULT_ZIP_ENTRY_BYTES,
  DEFAULT_ZIP_TOTAL_BYTES,
  type ListZipOptions,
  type ReadZipEntryOptions,
  type ZipBudget,
  type ZipEntry,
  type ZipListing,
} from './zip-reader';
export { readImageHeader, pixelCapReason, DEFAULT_MAX_PIXELS, type ImageFormat, type ImageHeader, type ImageHeaderResult } from './image-headers';
export { parseIdx, idxToDataset, readIdxBytes, loadIdxDataset, MNIST_CLASSES, FASHION_MNIST_CLASSES, type IdxArray, type IdxDatasetOptions, type LoadIdxOptions } from './idx';
export { pixelTableToDataset, detectLabelColumn, inferImageShape, type PixelTable, type PixelCsvOptions, type ImageShape } from './pixel-csv';
export { planFolderLayout, type FolderLayout, type PlannedImage } from './folder-layout';
export { resizeImage, rgbaToRgb, rgbaToGray, rgbToGray, grayToRgb, grayRgbaToGray, isGrayscaleRgba, luma, type Background } from './resize';
export { decodeImage, canDecodeImages, type DecodeImageFn, type DecodedImage, type DecodeOptions } from './decode-image';
export { loadImageDataset, resizeDataset, DEFAULT_LOAD_IMAGES_OPTIONS, type ImageSource, type LoadImagesOptions, type LoadImagesHooks, type LoadProgress } from './load-images';
export { isImagePath, isJunkPath, IMAGE_EXTENSIONS } from './paths';
export { pixelTableFromTable } from './pixel-table';
export { classifyImageFiles, type ImageInput, type ImageLoadRequest, type ImageDatasetSummary, type ImageThumbnails, type ImageLoadProgress } from './summary';
export { loadImageInput, summarizeImages, type LoadedImageInput } from './load-input';
export { DEFAULT_IMAGE_SETTINGS, type ImageSettings } from './settings';
export { sampleIndicesPerClass, packThumbnails, MAX_THUMBNAILS } from './thumbnails';
