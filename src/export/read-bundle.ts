import { DataError } from '../lib/errors';
import { ZipError } from '../data/images/errors';
import { formatBytes } from '../lib/format';
import { createZipBudget, listZipEntries, readZipEntry, type ZipEntry } from '../data/images/zip-reader';
import { BUNDLE_FILES, BUNDLE_LIMITS, type ModelBundle } from './bundle-format';
import { assembleBundle } from './validate-bundle';
import { checkpointBundleFiles, isCheckpoint } from './pytorch/import-checkpoint';

/** What the user picked: one .zip, or model.json with its .bin files (and preprocessing.json, metrics.json). */
export interface PickedFile {
  name: string;
  blob: Blob;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

function tooLarge(what: string, bytes: number): DataError {
  return new DataError('bundle_too_large', `${what} is ${formatBytes(bytes)}; model bundles may be at most ${formatBytes(BUNDLE_LIMITS.totalBytes)}. Export a smaller model.`);
}

/** Reads the files of a bundle zip (the folder holding model.json, if the zip has one level of folders). */
async function zipFiles(blob: Blob, archiveName: string, signal?: AbortSignal): Promise<Map<string, Uint8Array>> {
  if (blob.size > BUNDLE_LIMITS.totalBytes) throw tooLarge(archiveName, blob.size);
  let entries: ZipEntry[];
  try {
    entries = (await listZipEntries(blob, { maxEntries: BUNDLE_LIMITS.files, archiveName })).entries;
  } catch (error) {
    if (error instanceof ZipError) throw new DataError('bundle_bad_zip', `${error.message} If it is a model bundle, export the model again from Tau Studio.`);
    throw error;
  }
  let models = entries.filter((e) => baseName(e.name) === BUNDLE_FILES.model);
  if (models.length === 0) {
    // A zip that is only a PyTorch project ("Download as PyTorch project"): weights.safetensors with studio.json
    // beside it, imported as a checkpoint. A model bundle that lost its model.json is still reported as such.
    models = entries.filter(
      (e) => baseName(e.name) === 'studio.json' && entries.some((w) => w.name === `${folderOf(e.name)}weights.safetensors`) && entries.every((w) => w.name.startsWith(folderOf(e.name))),
    );
  }
  if (models.length === 0) {
    throw new DataError(
      'bundle_missing_file',
      `${archiveName} has no ${BUNDLE_FILES.model}, so it is not a model bundle. Import the .zip that Tau Studio's "Download model" (or "Download as PyTorch project") produced.`,
    );
  }
  if (models.length > 1) {
    throw new DataError(
      'bundle_ambiguous',
      `${archiveName} holds ${models.length} model.json files (${models
        .slice(0, 3)
        .map((e) => e.name)
        .join(', ')}). Zip one model per file.`,
    );
  }
  const folder = folderOf(models[0].name);
  const mine = entries.filter((e) => folderOf(e.name) === folder);
  const declared = mine.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > BUNDLE_LIMITS.totalBytes) throw tooLarge(`${archiveName} unpacked`, declared);
  const budget = createZipBudget(BUNDLE_LIMITS.totalBytes);
  const files = new Map<string, Uint8Array>();
  for (const entry of mine) {
    try {
      files.set(baseName(entry.name), await readZipEntry(blob, entry, { maxBytes: BUNDLE_LIMITS.totalBytes, budget, signal, archiveName }));
    } catch (error) {
      if (error instanceof ZipError && (error.code === 'zip_too_large' || error.code === 'zip_entry_too_large')) throw tooLarge(`${archiveName} unpacked`, BUNDLE_LIMITS.totalBytes + 1);
      if (error instanceof ZipError) throw new DataError('bundle_bad_zip', `${archiveName}: ${error.message}`);
      throw error;
    }
  }
  return files;
}

/** Reads picked files: a single .zip, or loose files identified by name. */
export async function readPickedFiles(picked: readonly PickedFile[], signal?: AbortSignal): Promise<{ files: Map<string, Uint8Array>; source: string }> {
  if (picked.length === 0) throw new DataError('bundle_missing_file', 'No files were picked. Choose the model .zip, or model.json together with its .bin weight files and preprocessing.json.');
  const zips = picked.filter((p) => p.name.toLowerCase().endsWith('.zip'));
  if (zips.length > 0) {
    if (picked.length > 1) throw new DataError('bundle_ambiguous', `Pick either one .zip or the loose files of one model, not ${picked.length} files including ${zips[0].name}.`);
    return { files: await zipFiles(zips[0].blob, zips[0].name, signal), source: zips[0].name };
  }
  if (picked.length > BUNDLE_LIMITS.files) throw new DataError('bundle_too_large', `${picked.length} files were picked; a model bundle has at most ${BUNDLE_LIMITS.files}.`);
  const total = picked.reduce((sum, p) => sum + p.blob.size, 0);
  if (total > BUNDLE_LIMITS.totalBytes) throw tooLarge('The picked files', total);
  const files = new Map<string, Uint8Array>();
  for (const p of picked) {
    const name = baseName(p.name);
    if (files.has(name)) throw new DataError('bundle_ambiguous', `Two picked files are named ${name}. Pick the files of one model only.`);
    signal?.throwIfAborted();
    files.set(name, new Uint8Array(await p.blob.arrayBuffer()));
  }
  return { files, source: 'The picked files' };
}

/** Reads and checks a bundle; throws a DataError naming the problem when anything is off. */
export async function readBundle(picked: readonly PickedFile[], signal?: AbortSignal): Promise<ModelBundle> {
  const { files, source } = await readPickedFiles(picked, signal);
  if (isCheckpoint(files)) {
    // A .safetensors + .json pair written by the exported PyTorch project's train.py.
    const checkpoint = checkpointBundleFiles(files);
    const bundle = assembleBundle(checkpoint.files, source);
    return { ...bundle, notes: [checkpoint.note, ...bundle.notes.filter((n) => !n.startsWith(BUNDLE_FILES.metrics))] };
  }
  return assembleBundle(files, source);
}
