/**
 * A tiny IndexedDB key-value store for per-device caches (calibration). Failures are reported, not
 * hidden, and every request ends: a quota abort, a blocked open or another tab's upgrade rejects
 * instead of leaving the caller (calibration) awaiting forever.
 */
const DB_NAME = 'tau-studio-cache';
const STORE = 'kv';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading: let it; this short-lived connection is reopened on the next call.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
    request.onblocked = () => reject(new Error('The cache database is held open by another tab with an older version; close other Tau Studio tabs.'));
  });
}

export async function cacheGet<T>(key: string): Promise<T | undefined> {
  if (typeof indexedDB === 'undefined') return undefined;
  const db = await open();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readonly');
      const request = tx.objectStore(STORE).get(key);
      request.onsuccess = () => resolve(request.result as T | undefined);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB read was aborted'));
    });
  } finally {
    db.close();
  }
}

export async function cacheSet(key: string, value: unknown): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const db = await open();
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(value, key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      // A quota error aborts the transaction; without this the caller would wait forever.
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write was aborted (is the disk full?)'));
    });
  } finally {
    db.close();
  }
}
