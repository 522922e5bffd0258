import { afterEach, describe, expect, it } from 'vitest';
import { IdbStorage } from './idb-storage';

/**
 * A minimal IndexedDB stand-in (Node has none): object stores as maps, requests and transactions that end on
 * a later task, a closed connection refusing transactions with InvalidStateError as the real one does, and
 * `versionchange` fired by hand (another tab upgrading the database).
 */
function fakeIndexedDb() {
  const stores = new Map<string, Map<unknown, unknown>>();
  const state = { opens: 0, failOpen: false, connections: [] as { onversionchange?: () => void; closed: boolean }[] };
  const later = (run: () => void, ms = 0) => setTimeout(run, ms);
  const answer = <T>(value: () => T) => {
    const req: { result?: T; onsuccess?: () => void } = {};
    later(() => ((req.result = value()), req.onsuccess?.()));
    return req;
  };
  function connection() {
    const db = {
      closed: false,
      onversionchange: undefined as (() => void) | undefined,
      objectStoreNames: { contains: (name: string) => stores.has(name) },
      createObjectStore: (name: string) => stores.set(name, new Map()),
      close: () => void (db.closed = true),
      transaction: () => {
        if (db.closed) throw new DOMException('The database connection is closing.', 'InvalidStateError');
        const tx = {
          oncomplete: undefined as (() => void) | undefined,
          objectStore: (name: string) => {
            const store = stores.get(name)!;
            return {
              getAll: () => answer(() => [...store.values()]),
              get: (key: unknown) => answer(() => store.get(key)),
              put: (value: { id?: string }, key?: unknown) => store.set(key ?? value.id, value),
              delete: (key: unknown) => store.delete(key),
            };
          },
        };
        later(() => tx.oncomplete?.(), 5);
        return tx;
      },
    };
    state.connections.push(db);
    return db;
  }
  const indexedDB = {
    open: () => {
      state.opens += 1;
      const req: { result?: unknown; error?: DOMException; onsuccess?: () => void; onerror?: () => void; onupgradeneeded?: () => void } = {};
      later(() => {
        if (state.failOpen) return ((req.error = new DOMException('The requested version (1) is less than the existing version (2).', 'VersionError')), req.onerror?.());
        req.result = connection();
        if (stores.size === 0) req.onupgradeneeded?.();
        req.onsuccess?.();
      });
      return req;
    },
  };
  (globalThis as { indexedDB?: unknown }).indexedDB = indexedDB;
  return state;
}

afterEach(() => {
  delete (globalThis as { indexedDB?: unknown }).indexedDB;
});

const notebook = { id: 'n1', title: 'T', updatedAt: '2026-01-01T00:00:00.000Z', json: '{}' };

describe('IdbStorage after another tab upgrades the database (versionchange)', () => {
  it('closes for the upgrade, then reopens on the next save instead of reporting "private browsing?"', async () => {
    const state = fakeIndexedDb();
    const storage = await IdbStorage.open();
    expect(await storage.put(notebook, 0)).toMatchObject({ ok: true });
    state.connections[0].onversionchange?.();
    expect(state.connections[0].closed).toBe(true);
    expect(await storage.put(notebook, 1)).toMatchObject({ ok: true, entry: { revision: 2 } });
    expect(state.opens).toBe(2);
    expect((await storage.list()).map((e) => e.revision)).toEqual([2]);
  });

  it('when the database cannot be reopened (a newer version), says so and what to do', async () => {
    const state = fakeIndexedDb();
    const storage = await IdbStorage.open();
    state.connections[0].onversionchange?.();
    state.failOpen = true;
    const saving = storage.put(notebook, 0);
    await expect(saving).rejects.toThrow(/Another tab of Tau Studio .* changed this browser's notebook storage/);
    await expect(saving).rejects.not.toThrow(/private browsing/);
  });
});
