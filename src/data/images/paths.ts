/**
 * Path rules shared by the zip reader and the folder layout: which names are junk (ignored
 * silently), which are unsafe (skipped with a reason), and which extensions are images.
 */

/** Extensions the browser decoder handles (lower case, no dot). Keras accepts bmp/gif/jpeg/jpg/png. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['png', 'jpg', 'jpeg', 'jpe', 'jfif', 'webp', 'bmp', 'gif']);

/** Image-like extensions we cannot read: reported as skipped so the user knows why they are missing. */
export const UNSUPPORTED_IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  'tif',
  'tiff',
  'heic',
  'heif',
  'avif',
  'svg',
  'ico',
  'psd',
  'raw',
  'cr2',
  'nef',
  'dng',
  'jp2',
  'jxl',
  'tga',
  'pgm',
  'ppm',
  'pbm',
  'exr',
]);

/** File names created by operating systems, never data. */
const JUNK_NAMES: ReadonlySet<string> = new Set(['__macosx', 'thumbs.db', 'desktop.ini', 'ehthumbs.db']);

/** Lower-case extension without the dot, or '' when there is none. */
export function fileExtension(path: string): string {
  const base = baseName(path);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

export function isImagePath(path: string): boolean {
  return IMAGE_EXTENSIONS.has(fileExtension(path));
}

/**
 * True for OS junk anywhere in the path: `__MACOSX/…`, dotfiles and dot-folders (`.DS_Store`,
 * `._photo.png`, `.git/…`), `Thumbs.db`, `desktop.ini`.
 */
export function isJunkPath(path: string): boolean {
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment.startsWith('.') && segment !== '..') return true;
    if (JUNK_NAMES.has(segment.toLowerCase())) return true;
  }
  return false;
}

/**
 * Why an archive member name must not be used as a path, or null when it is safe.
 * Rejects absolute paths, drive letters, backslashes, `..` segments and control characters.
 */
export function unsafePathReason(name: string): string | null {
  if (name.length === 0) return 'empty file name';
  if (name.includes('\\')) return 'file name contains a backslash (\\), which could escape the folder; re-create the zip with forward slashes';
  if (name.startsWith('/')) return 'absolute path (starts with "/"), which could escape the folder';
  if (/^[A-Za-z]:/.test(name)) return 'path starts with a drive letter, which could escape the folder';
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) < 0x20) return 'file name contains control characters';
  }
  if (name.split('/').some((segment) => segment === '..')) return 'path contains "..", which could escape the folder (path traversal)';
  return null;
}

/** Splits a relative path into segments, dropping empty and `.` segments and one leading slash. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '' && segment !== '.');
}
