/** Where notebooks are kept between visits. IndexedDB in the app; an in-memory twin for tests. */

/** What the notebook list shows; the document itself is read only when opened. */
export interface NotebookEntry {
  id: string;
  title: string;
  /** The document's own updatedAt (last edit). */
  updatedAt: string;
  /** When this revision was written. */
  savedAt: string;
  /** Increases by one with every write; a writer must name the revision it started from. */
  revision: number;
  /** Size of the stored JSON. */
  bytes: number;
}

export interface StoredNotebook extends NotebookEntry {
  /** The document as JSON text: what was written is exactly what is read back and verified. */
  json: string;
}

export type PutResult = { ok: true; entry: NotebookEntry } | { ok: false; conflict: NotebookEntry };

export interface NotebookStorage {
  list(): Promise<NotebookEntry[]>;
  get(id: string): Promise<StoredNotebook | undefined>;
  /**
   * Writes atomically if the stored revision is still `expectedRevision` (0 = not stored yet);
   * otherwise writes nothing and returns the entry that is there (another tab saved first).
   */
  put(entry: { id: string; title: string; updatedAt: string; json: string }, expectedRevision: number): Promise<PutResult>;
  remove(id: string): Promise<void>;
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
}

/** A storage failure explained for people; `code` for programs and tests. */
export class StorageError extends Error {
  constructor(
    readonly code: 'quota_exceeded' | 'storage_unavailable' | 'storage_failed' | 'verify_failed',
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** Turns whatever IndexedDB threw into a StorageError that says what happened and what to do. */
export function explainStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError' || /quota/i.test(detail)) {
    return new StorageError(
      'quota_exceeded',
      'The browser’s storage for this site is full (quota exceeded), so the latest changes are NOT saved. Export the notebook as .json to keep it, or delete notebooks you no longer need.',
    );
  }
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'NotAllowedError' || name === 'UnknownError') {
    return new StorageError(
      'storage_unavailable',
      `This browser does not let Tau Studio save here (${detail || name}; private browsing or blocked site data?), so changes are NOT saved. Export the notebook as .json to keep it.`,
    );
  }
  return new StorageError(
    'storage_failed',
    `Saving failed (${detail || name || 'unknown error'}), so the latest changes are NOT saved. Export the notebook as .json to keep it; saving is retried on the next change.`,
  );
}
