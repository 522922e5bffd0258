/**
 * NotebookStorage on IndexedDB. Two object stores written in one transaction: `entries` (what the list
 * shows, small) and `documents` (the JSON). A write checks the stored revision inside its readwrite
 * transaction; IndexedDB runs overlapping readwrite transactions one at a time, across tabs too, so
 * two tabs can never both write on top of the same revision.
 */
import { explainStorageError, StorageError, type NotebookEntry, type NotebookStorage, type PutResult, type StoredNotebook } from './types';

const DB_NAME = 'tau-studio-notebooks';
const DB_VERSION = 1;
const ENTRIES = 'entries';
const DOCUMENTS = 'documents';
const SETTINGS = 'settings';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // Quota errors arrive as an aborted transaction whose error is QuotaExceededError.
    tx.onabort = () => reject(tx.error ?? new DOMException('The save was aborted', 'AbortError'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

export class IdbStorage implements NotebookStorage {
  /** Set when another tab upgraded (or deleted) the database and this connection was closed for it. */
  private closedForVersionChange = false;

  private constructor(private db: IDBDatabase) {
    this.watch(db);
  }

  private watch(db: IDBDatabase): void {
    // Another tab upgrading the database: let it (close), then reopen on the next use instead of
    // misreporting every later save as "private browsing?".
    db.onversionchange = () => {
      this.closedForVersionChange = true;
      db.close();
    };
  }

  private async connection(): Promise<IDBDatabase> {
    if (!this.closedForVersionChange) return this.db;
    try {
      const reopened = await IdbStorage.open();
      this.db = reopened.db;
      this.closedForVersionChange = false;
      this.watch(this.db);
      return this.db;
    } catch (error) {
      throw new StorageError(
        'storage_unavailable',
        `Another tab of Tau Studio (probably a newer version) changed this browser's notebook storage, and it could not be reopened here (${error instanceof Error ? error.message : String(error)}). Reload this tab to keep saving; export the notebook as .json first to be safe.`,
      );
    }
  }

  static async open(): Promise<IdbStorage> {
    if (typeof indexedDB === 'undefined') {
      throw new StorageError('storage_unavailable', 'This browser has no IndexedDB (private browsing or blocked site data?), so notebooks cannot be saved here. Export them as .json to keep them.');
    }
    try {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(ENTRIES)) db.createObjectStore(ENTRIES, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(DOCUMENTS)) db.createObjectStore(DOCUMENTS, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(SETTINGS)) db.createObjectStore(SETTINGS);
      };
      req.onblocked = () => console.warn('Tau Studio: another tab holds an older notebook database open; close it to finish the upgrade.');
      return new IdbStorage(await request(req));
    } catch (error) {
      throw explainStorageError(error);
    }
  }

  private async run<T>(stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => Promise<T>): Promise<T> {
    try {
      const db = await this.connection();
      const tx = db.transaction(stores, mode);
      const finished = done(tx);
      const result = await work(tx);
      await finished;
      return result;
    } catch (error) {
      throw explainStorageError(error);
    }
  }

  list(): Promise<NotebookEntry[]> {
    return this.run([ENTRIES], 'readonly', (tx) => request(tx.objectStore(ENTRIES).getAll() as IDBRequest<NotebookEntry[]>));
  }

  get(id: string): Promise<StoredNotebook | undefined> {
    return this.run([ENTRIES, DOCUMENTS], 'readonly', async (tx) => {
      const [entry, doc] = await Promise.all([
        request(tx.objectStore(ENTRIES).get(id) as IDBRequest<NotebookEntry | undefined>),
        request(tx.objectStore(DOCUMENTS).get(id) as IDBRequest<{ id: string; json: string } | undefined>),
      ]);
      return entry && doc ? { ...entry, json: doc.json } : undefined;
    });
  }

  put(input: { id: string; title: string; updatedAt: string; json: string }, expectedRevision: number): Promise<PutResult> {
    return this.run([ENTRIES, DOCUMENTS], 'readwrite', async (tx) => {
      const entries = tx.objectStore(ENTRIES);
      const current = (await request(entries.get(input.id) as IDBRequest<NotebookEntry | undefined>)) ?? null;
      if ((current?.revision ?? 0) !== expectedRevision) return { ok: false as const, conflict: current ?? missingEntry(input.id) };
      const entry: NotebookEntry = { id: input.id, title: input.title, updatedAt: input.updatedAt, savedAt: new Date().toISOString(), revision: expectedRevision + 1, bytes: input.json.length };
      entries.put(entry);
      tx.objectStore(DOCUMENTS).put({ id: input.id, json: input.json });
      return { ok: true as const, entry };
    });
  }

  remove(id: string): Promise<void> {
    return this.run([ENTRIES, DOCUMENTS], 'readwrite', async (tx) => {
      tx.objectStore(ENTRIES).delete(id);
      tx.objectStore(DOCUMENTS).delete(id);
    });
  }

  getSetting(key: string): Promise<string | undefined> {
    return this.run([SETTINGS], 'readonly', (tx) => request(tx.objectStore(SETTINGS).get(key) as IDBRequest<string | undefined>));
  }

  setSetting(key: string, value: string): Promise<void> {
    return this.run([SETTINGS], 'readwrite', async (tx) => {
      tx.objectStore(SETTINGS).put(value, key);
    });
  }
}

/** A conflict with a notebook that was deleted meanwhile (revision 0: nothing stored). */
function missingEntry(id: string): NotebookEntry {
  return { id, title: '', updatedAt: '', savedAt: '', revision: 0, bytes: 0 };
}
