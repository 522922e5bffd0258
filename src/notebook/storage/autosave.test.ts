import { describe, expect, it } from 'vitest';
import { createNotebook, type NotebookDocument } from '../document';
import { validateNotebook } from '../validate';
import { Autosaver, MIN_AUTOSAVE_DELAY_MS, type ConflictCopy, type SaveStatus } from './autosave';
import { MemoryStorage } from './memory-storage';

/** Timers the test fires by hand, so debouncing is exact and instant. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  const delays: number[] = [];
  let next = 1;
  return {
    delays,
    setTimer: (run: () => void, ms: number) => {
      delays.push(ms);
      pending.set(next, run);
      return next++;
    },
    clearTimer: (id: unknown) => void pending.delete(id as number),
    get count() {
      return pending.size;
    },
    fire() {
      const runs = [...pending.values()];
      pending.clear();
      runs.forEach((r) => r());
    },
  };
}

function setup(storage = new MemoryStorage()) {
  const statuses: SaveStatus[] = [];
  const conflicts: ConflictCopy[] = [];
  const timers = manualTimers();
  const saver = new Autosaver(storage, { status: (s) => statuses.push(s), conflict: (c) => conflicts.push(c), saved: () => undefined }, { delayMs: 500, ...timers });
  return { storage, saver, statuses, conflicts, timers };
}

const edit = (doc: NotebookDocument, title: string): NotebookDocument => ({ ...doc, title, updatedAt: new Date().toISOString() });

describe('Autosaver', () => {
  it('debounces changes into one write, then reads it back', async () => {
    const { storage, saver, statuses, timers } = setup();
    let doc = createNotebook('A');
    for (const title of ['A1', 'A12', 'A123']) {
      doc = edit(doc, title);
      saver.schedule(doc);
    }
    expect(timers.count).toBe(1);
    expect(storage.notebooks.size).toBe(0);
    timers.fire();
    await saver.flush();
    const stored = await storage.get(doc.id);
    expect(stored?.revision).toBe(1);
    const reopened = validateNotebook(JSON.parse(stored!.json));
    expect(reopened.ok && reopened.value.title).toBe('A123');
    expect(statuses.at(-1)).toMatchObject({ state: 'saved', revision: 1 });
  });

  it('starts the next save sooner by as long as the last write took, so a crash loses about delayMs of typing', async () => {
    let clock = 0;
    /** A disk that takes 300 ms per write and 50 ms per read-back. */
    class SlowStorage extends MemoryStorage {
      override async put(...args: Parameters<MemoryStorage['put']>) {
        clock += 300;
        return super.put(...args);
      }
      override async get(id: string) {
        clock += 50;
        return super.get(id);
      }
    }
    const timers = manualTimers();
    const saver = new Autosaver(new SlowStorage(), { status: () => undefined, conflict: () => undefined, saved: () => undefined }, { delayMs: 500, ...timers, now: () => clock });
    let doc = edit(createNotebook('T'), 'T1');
    saver.schedule(doc);
    timers.fire();
    await saver.flush();
    doc = edit(doc, 'T12');
    saver.schedule(doc);
    timers.fire();
    await saver.flush();
    // First wait: the full 500 ms (no write measured yet); then 500 − (300 + 50).
    expect(timers.delays).toEqual([500, 150]);
    // A write slower than the whole delay still leaves a short pause between saves.
    clock = 0;
    class VerySlowStorage extends SlowStorage {
      override async put(...args: Parameters<MemoryStorage['put']>) {
        clock += 2000;
        return super.put(...args);
      }
    }
    const slowTimers = manualTimers();
    const slow = new Autosaver(new VerySlowStorage(), { status: () => undefined, conflict: () => undefined, saved: () => undefined }, { delayMs: 500, ...slowTimers, now: () => clock });
    slow.schedule(doc);
    slowTimers.fire();
    await slow.flush();
    slow.schedule(edit(doc, 'T123'));
    expect(slowTimers.delays).toEqual([500, MIN_AUTOSAVE_DELAY_MS]);
  });

  it('does not write when nothing changed', async () => {
    const { storage, saver } = setup();
    const doc = createNotebook('Same');
    saver.schedule(doc);
    await saver.flush();
    saver.schedule(doc);
    await saver.flush();
    expect((await storage.get(doc.id))?.revision).toBe(1);
  });

  it('reports a full disk, keeps the change, and saves it once space is back', async () => {
    const { storage, saver, statuses } = setup();
    const doc = edit(createNotebook(), 'Important');
    storage.failWrites = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    saver.schedule(doc);
    await saver.flush();
    expect(statuses.at(-1)).toMatchObject({ state: 'error', code: 'quota_exceeded' });
    expect((statuses.at(-1) as { message: string }).message).toContain('NOT saved');
    expect(saver.hasPendingChanges).toBe(true);
    storage.failWrites = null;
    await saver.flush();
    expect(JSON.parse((await storage.get(doc.id))!.json).title).toBe('Important');
  });

  it('says so when the read-back differs from what was written', async () => {
    const storage = new MemoryStorage();
    const realGet = storage.get.bind(storage);
    storage.get = async (id) => {
      const stored = await realGet(id);
      return stored && { ...stored, json: stored.json.slice(0, -5) };
    };
    const { saver, statuses } = setup(storage);
    saver.schedule(edit(createNotebook(), 'X'));
    await saver.flush();
    expect(statuses.at(-1)).toMatchObject({ state: 'error', code: 'verify_failed' });
  });

  it('keeps both versions when another tab saved the same notebook first', async () => {
    const storage = new MemoryStorage();
    const tabA = setup(storage);
    const tabB = setup(storage);
    const doc = createNotebook('Shared');
    tabA.saver.schedule(doc);
    await tabA.saver.flush();
    const stored = (await storage.get(doc.id))!;
    // Both tabs have revision 1 open.
    tabB.saver.attach(doc, stored.revision, stored.json);

    tabB.saver.schedule(edit(doc, 'Edited in B'));
    await tabB.saver.flush();
    tabA.saver.schedule(edit(doc, 'Edited in A'));
    await tabA.saver.flush();

    expect(JSON.parse((await storage.get(doc.id))!.json).title).toBe('Edited in B');
    expect(tabA.conflicts).toHaveLength(1);
    const { copy, other } = tabA.conflicts[0];
    expect(other.revision).toBe(2);
    expect(copy.id).not.toBe(doc.id);
    expect(copy.title).toBe('Edited in A (copy from this tab)');
    expect(JSON.parse((await storage.get(copy.id))!.json).title).toBe('Edited in A (copy from this tab)');
    expect(tabA.saver.attachedId).toBe(copy.id);
    expect(storage.notebooks.size).toBe(2);
  });

  it('builds on its own revisions across many saves (no false conflicts)', async () => {
    const { storage, saver, conflicts } = setup();
    let doc = createNotebook();
    for (let i = 0; i < 5; i++) {
      doc = edit(doc, `v${i}`);
      saver.schedule(doc);
      await saver.flush();
    }
    expect(conflicts).toHaveLength(0);
    expect((await storage.get(doc.id))?.revision).toBe(5);
  });
});

describe('Autosaver without storage (private browsing)', () => {
  it('keeps saying the notebook is not saved, and why', async () => {
    const { UnavailableStorage } = await import('./unavailable-storage');
    const { StorageError } = await import('./types');
    const reason = new StorageError('storage_unavailable', 'This browser does not let Tau Studio save here.');
    const statuses: SaveStatus[] = [];
    const saver = new Autosaver(new UnavailableStorage(reason), { status: (s) => statuses.push(s), conflict: () => undefined, saved: () => undefined });
    saver.schedule(edit(createNotebook(), 'Private'));
    await saver.flush();
    saver.schedule(edit(createNotebook(), 'Private 2'));
    await saver.flush();
    expect(statuses.filter((s) => s.state === 'saved')).toHaveLength(0);
    expect(statuses.at(-1)).toEqual({ state: 'error', code: 'storage_unavailable', message: 'This browser does not let Tau Studio save here.' });
  });
});
