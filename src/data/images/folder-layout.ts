/**
 * Decides the class of each image from its path, Keras `image_dataset_from_directory` style:
 * `<class>/<image>` (images in deeper sub-folders belong to the top class folder).
 * Works for folder drops (`webkitRelativePath`, "flowers/daisy/1.jpg") and zip entry names.
 *
 * A wrapping folder shared by every image (the dropped folder itself, or the single
 * top-level folder inside a zip) is stripped; this repeats while every image still sits
 * inside one folder and something would remain nested (e.g. "archive/data/cats/1.png").
 */
import { ImageDataError, type SkippedFile } from './errors';
import { compareClassNames } from './image-dataset';
import { fileExtension, isImagePath, isJunkPath, pathSegments, UNSUPPORTED_IMAGE_EXTENSIONS } from './paths';

export interface PlannedImage {
  /** The path exactly as given (used as the image's source name). */
  path: string;
  className: string;
}

export interface FolderLayout {
  /** Images with their class, sorted by class then path (classes contiguous, order stable). */
  images: PlannedImage[];
  /** Class names sorted by name (code-unit order, like Keras). */
  classes: string[];
  /** The wrapper folder(s) removed, e.g. "flowers/" ("" when none). */
  strippedPrefix: string;
  /** Images not inside a class folder, and images in formats we cannot read. */
  skipped: SkippedFile[];
  /** Other files (CSV, text, …) that were not used. */
  ignored: string[];
  /** OS junk (`__MACOSX/`, `.DS_Store`, `._x`, `Thumbs.db`) that was ignored. */
  ignoredJunk: number;
  /** Hints for the user, e.g. when class folders look like train/test split folders. */
  warnings: string[];
}

const SPLIT_NAMES: ReadonlySet<string> = new Set(['train', 'training', 'test', 'testing', 'val', 'valid', 'validation', 'dev']);

export function planFolderLayout(paths: readonly string[]): FolderLayout {
  const skipped: SkippedFile[] = [];
  const ignored: string[] = [];
  let ignoredJunk = 0;
  const candidates: { path: string; segments: string[] }[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (isJunkPath(path)) {
      ignoredJunk++;
      continue;
    }
    if (seen.has(path)) continue;
    seen.add(path);
    if (isImagePath(path)) {
      candidates.push({ path, segments: pathSegments(path) });
    } else if (UNSUPPORTED_IMAGE_EXTENSIONS.has(fileExtension(path))) {
      skipped.push({ file: path, reason: `Skipped "${path}": .${fileExtension(path)} images are not supported; convert it to PNG or JPEG.` });
    } else {
      ignored.push(path);
    }
  }

  // Strip wrapper folders shared by every image.
  const stripped: string[] = [];
  let depth = 0;
  for (;;) {
    if (candidates.length === 0) break;
    const first = candidates[0].segments[depth];
    const allShare = candidates.every((c) => c.segments.length > depth + 1 && c.segments[depth] === first);
    const someNested = candidates.some((c) => c.segments.length >= depth + 3);
    if (!allShare || !someNested) break;
    stripped.push(first);
    depth++;
  }

  const images: PlannedImage[] = [];
  const classCounts = new Map<string, number>();
  for (const candidate of candidates) {
    const rest = candidate.segments.slice(depth);
    if (rest.length < 2) {
      skipped.push({
        file: candidate.path,
        reason: `Skipped "${candidate.path}": it is not inside a class folder. Put each image in a folder named after its class, e.g. cats/${rest[0] ?? 'image.png'}.`,
      });
      continue;
    }
    // macOS writes decomposed (NFD) names: "café" from a Mac and from Windows must be one class.
    const className = rest[0].normalize('NFC');
    images.push({ path: candidate.path, className });
    classCounts.set(className, (classCounts.get(className) ?? 0) + 1);
  }
  images.sort((a, b) => compareClassNames(a.className, b.className) || compareClassNames(a.path, b.path));
  const classes = [...classCounts.keys()].sort(compareClassNames);

  if (candidates.length === 0) {
    const found = ignored.length > 0 ? ` Found ${ignored.length} other file(s), e.g. "${ignored[0]}".` : '';
    throw new ImageDataError('layout_no_images', `No images found (PNG, JPEG, WebP, BMP or GIF).${found} Choose a folder (or zip) with one sub-folder per class, e.g. cats/1.jpg and dogs/2.jpg.`);
  }
  if (classes.length < 2) {
    const loose = candidates.length - images.length;
    const looseText = loose > 0 ? ` ${loose} image(s) were not inside any class folder.` : '';
    const found = classes.length === 1 ? `Found only 1 class folder: "${classes[0]}" (${classCounts.get(classes[0])} images).` : 'Found no class folders.';
    throw new ImageDataError(
      'layout_too_few_classes',
      `${found}${looseText} Image classification needs at least 2 classes: put each class's images in its own folder, e.g. cats/1.jpg and dogs/2.jpg, and choose the folder that contains those class folders.`,
    );
  }

  const warnings: string[] = [];
  const splitLike = classes.filter((c) => SPLIT_NAMES.has(c.toLowerCase()));
  if (splitLike.length >= 2 || (splitLike.length === 1 && classes.length === 2)) {
    warnings.push(`The class folders ${classes.map((c) => `"${c}"`).join(', ')} look like train/test split folders, not classes. If each contains class folders, choose the training folder itself.`);
  }
  return { images, classes, strippedPrefix: stripped.map((s) => `${s}/`).join(''), skipped, ignored, ignoredJunk, warnings };
}
