import { afterEach, describe, expect, it } from 'vitest';
import { cacheGet, cacheSet } from './kv-cache';

/**
 * A minimal IndexedDB stand-in (Node has none): enough of open / transaction / objectStore for the cache,
 * with the failure each test plays. Requests answer on a later task, as the real one does.
 */
type Failure = 'none' | 'abort-write' | 'abort-read' | 'blocked' | 'open-error';

function fakeIndexedDb(failure: Failure) {
  const data = new Map<string, unknown>();
  const seen = { closes: 0, versionchange: null as (() => void) | null };
  const later = (run: () => void) => setTimeout(run, 0);
  const db = {
    set onversionchange(handler: () => void) {
      seen.versionchange = handler;
    },
    close: () => void (seen.closes += 1),
    transaction: () => {
      const tx: Record<string, unknown> & { onabort?: () => void; oncomplete?: () => void; error: DOMException | null } = { error: null };
      const abort = (name: string) => {
        tx.error = new DOMException(`fake ${name}`, name);
        later(() => tx.onabort?.());
      };
      tx.objectStore = () => ({
        put: (value: unknown, key: string) => {
          if (failure === 'abort-write') return abort('QuotaExceededError');
          data.set(key, value);
          later(() => tx.oncomplete?.());
        },
        get: (key: string) => {
          const request: { result?: unknown; onsuccess?: () => void } = {};
          if (failure === 'abort-read') abort('AbortError');
          else later(() => ((request.result = data.get(key)), request.onsuccess?.()));
          return request;
        },
      });
      return tx;
    },
  };
  const indexedDB = {
    open: () => {
      const request: { result?: unknown; error?: DOMException; onsuccess?: () => void; onerror?: () => void; onblocked?: () => void; onupgradeneeded?: () => void } = {};
      later(() => {
        if (failure === 'blocked') return request.onblocked?.();
        if (failure === 'open-error') return ((request.error = new DOMException('fake open failure', 'UnknownError')), request.onerror?.());
        request.result = db;
        request.onsuccess?.();
      });
      return request;
    },
  };
  return { indexedDB, seen };
}

function install(failure: Failure) {
  const fake = fakeIndexedDb(failure);
  (globalThis as { indexedDB?: unknown }).indexedDB = fake.indexedDB;
  return fake.seen;
}

afterEach(() => {
  delete (globalThis as { indexedDB?: unknown }).indexedDB;
});

describe('kv-cache: every request ends (calibration never waits forever)', () => {
  it('stores and reads a value, closing its connection each time', async () => {
    const seen = install('none');
    await cacheSet('calibration', { ms: 3 });
    expect(await cacheGet('calibration')).toEqual({ ms: 3 });
    expect(seen.closes).toBe(2);
  });

  it('a quota abort rejects the write (and closes the connection)', async () => {
    const seen = install('abort-write');
    await expect(cacheSet('calibration', { ms: 3 })).rejects.toThrow(/fake QuotaExceededError/);
    expect(seen.closes).toBe(1);
  });

  it('an aborted read rejects', async () => {
    install('abort-read');
    await expect(cacheGet('calibration')).rejects.toThrow(/fake AbortError/);
  });

  it('an open blocked by another tab rejects with what to do; a failed open rejects', async () => {
    install('blocked');
    await expect(cacheGet('x')).rejects.toThrow(/close other Tau Studio tabs/);
    install('open-error');
    await expect(cacheSet('x', 1)).rejects.toThrow(/fake open failure/);
  });

  it('closes its connection when another tab upgrades the database', async () => {
    const seen = install('none');
    await cacheSet('x', 1);
    const closes = seen.closes;
    seen.versionchange?.();
    expect(seen.closes).toBe(closes + 1);
  });

  it('without IndexedDB, reads nothing and writes nothing', async () => {
    expect(await cacheGet('x')).toBeUndefined();
    await expect(cacheSet('x', 1)).resolves.toBeUndefined();
  });
});
