/**
 * Collects the files of a drag-and-drop, walking dropped folders (the File System Entries API), so a
 * dropped folder gives each image with its path relative to the drop ("shapes/circle/1.png").
 */
export interface DroppedFiles {
  files: File[];
  paths: string[];
}

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    // readEntries returns at most ~100 entries per call; call until it returns none.
    const next = () => reader.readEntries((batch) => (batch.length === 0 ? resolve(all) : (batch.forEach((entry) => all.push(entry)), next())), reject);
    next();
  });
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: DroppedFiles): Promise<void> {
  if (entry.isFile) {
    out.files.push(await fileOf(entry as FileSystemFileEntry));
    out.paths.push(entry.fullPath.replace(/^\/+/, ''));
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries((entry as FileSystemDirectoryEntry).createReader())) await walk(child, out);
  }
}

export async function droppedFiles(transfer: DataTransfer): Promise<DroppedFiles> {
  const entries = Array.from(transfer.items)
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return { files: Array.from(transfer.files), paths: Array.from(transfer.files, (f) => f.name) };
  const out: DroppedFiles = { files: [], paths: [] };
  for (const entry of entries) await walk(entry, out);
  return out;
}
