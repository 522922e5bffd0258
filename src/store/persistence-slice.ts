/**
 * Notebooks kept in this browser: autosave of the open document, the notebook list (open, rename,
 * duplicate, delete with undo), recovery on start, other tabs, and .json export/import.
 * The storage and autosave logic live in src/notebook/storage; this slice wires them to the store.
 */
import { createNotebook, newId, type NotebookDocument } from '../notebook/document';
import { MAX_NOTEBOOK_FILE_BYTES, notebookFileName, notebookFileText, parseNotebookFile } from '../notebook/notebook-file';
import { findLinkPayload } from '../notebook/share/link-codec';
import { Autosaver, type SaveStatus } from '../notebook/storage/autosave';
import { IdbStorage } from '../notebook/storage/idb-storage';
import { MemoryStorage } from '../notebook/storage/memory-storage';
import { UnavailableStorage } from '../notebook/storage/unavailable-storage';
import { explainStorageError, type NotebookEntry, type NotebookStorage, type StoredNotebook } from '../notebook/storage/types';
import { validateNotebook } from '../notebook/validate';
import { beginStart, browserStore, confirmStart } from '../notebook/storage/boot-guard';
import type { SliceCreator } from './types';
import { formatDateTime } from '../i18n/locale';

export interface NotebookNotice {
  kind: 'info' | 'warning' | 'error';
  message: string;
  /** One thing the person can do about it (e.g. open the previous notebook after a crashed start). */
  action?: { label: string; run: () => void };
}

export interface DeletedNotebook {
  entry: NotebookEntry;
  json: string;
  wasOpen: boolean;
}

export interface OpenOptions {
  /** Set when the document comes from this browser's storage (its revision and exact JSON). */
  stored?: StoredNotebook;
  notice?: NotebookNotice | null;
}

export interface PersistenceSlice {
  saveStatus: SaveStatus;
  notebookList: NotebookEntry[];
  /** What happened to the open notebook (reopened, updated from another tab, kept as a copy…). */
  notebookNotice: NotebookNotice | null;
  deletedNotebook: DeletedNotebook | null;
  persistenceReady: boolean;
  /** Whether the browser granted persistent storage, and how full it is (null until checked). */
  storageHealth: { persisted: boolean; usage: number; quota: number } | null;
  /** Starts autosave and reopens the last notebook (or the one in the link); safe to call twice. */
  startPersistence(): Promise<void>;
  /** Shows `doc` as the open notebook: saves the previous one first, unloads its data. */
  openDocument(doc: NotebookDocument, options?: OpenOptions): Promise<void>;
  openStoredNotebook(id: string): Promise<boolean>;
  newNotebook(): Promise<void>;
  duplicateNotebook(id: string): Promise<void>;
  renameNotebook(id: string, title: string): Promise<void>;
  deleteNotebook(id: string): Promise<void>;
  undoDelete(): Promise<void>;
  refreshNotebookList(): Promise<void>;
  /** Writes pending changes now (page hidden, before opening another notebook). */
  flushSave(): Promise<void>;
  exportNotebookJson(): { fileName: string; text: string };
  importNotebookJson(file: File): Promise<boolean>;
  setNotebookNotice(notice: NotebookNotice | null): void;
  /** The open notebook rendered once: from now on it is the one reopened on start. */
  confirmRendered(id: string): void;
  /** A part of notebook `id` failed to render: it is not made the notebook reopened on start. */
  noteRenderFailure(id: string): void;
}

const LAST_OPEN = 'lastOpenId';
/** How many notebooks were stored at the last start (localStorage), to notice an eviction. */
const STORED_COUNT = 'tau-studio:stored-notebooks';
const CHANNEL = 'tau-studio-notebooks';

let storage: NotebookStorage = new MemoryStorage();
let autosaver: Autosaver | null = null;
let started: Promise<void> | null = null;
const tabId = newId('tab');
/** Notebooks that rendered in this page; only these become the one reopened on start. */
const rendered = new Set<string>();
const failedToRender = new Set<string>();

/** Stored text is untrusted too (another version, a damaged disk): a parse error becomes a refusal, never a crash. */
function parseStored(json: string): ReturnType<typeof validateNotebook> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const message = `its stored text is damaged (${error instanceof Error ? error.message : String(error)}).`;
    return { ok: false, code: 'notebook_damaged', message, errors: [message] };
  }
  return validateNotebook(value);
}

const when = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'earlier' : formatDateTime(date);
};

export const createPersistenceSlice: SliceCreator<PersistenceSlice> = (set, get, api) => {
  const setNotice = (notice: NotebookNotice | null) => set({ notebookNotice: notice });
  const reportStorageError = (error: unknown) => {
    const failure = explainStorageError(error);
    set({ saveStatus: { state: 'error', code: failure.code, message: failure.message } });
  };
  /** A link or file that takes the page down must not be reopened by every reload: remember only what rendered. */
  const rememberLastOpen = (id: string) => {
    if (rendered.has(id)) storage.setSetting(LAST_OPEN, id).catch(reportStorageError);
  };

  async function start(): Promise<void> {
    try {
      storage = await IdbStorage.open();
    } catch (error) {
      // The app still works; every save fails with the reason, so the status never claims "Saved".
      reportStorageError(error);
      storage = new UnavailableStorage(explainStorageError(error));
    }
    const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
    autosaver = new Autosaver(storage, {
      status: (saveStatus) => set({ saveStatus }),
      saved: (entry) => {
        channel?.postMessage({ tab: tabId, id: entry.id, revision: entry.revision });
        // The notebook written last is the one to reopen after a crash or a closed tab.
        rememberLastOpen(entry.id);
        void get().refreshNotebookList();
      },
      conflict: ({ copy, other }) => {
        set({ notebook: copy });
        setNotice({
          kind: 'warning',
          message:
            other.revision === 0
              ? `Another tab deleted this notebook while you were editing here. Your version is kept as “${copy.title}”.`
              : `Another tab saved this notebook (${when(other.savedAt)}) while you were editing here. Both versions are kept: yours continues as “${copy.title}”; the other tab’s is in the notebook list.`,
        });
      },
    });
    if (channel) channel.onmessage = (event: MessageEvent<{ tab: string; id: string; revision: number }>) => void onOtherTabSaved(event.data);

    api.subscribe((state, previous) => {
      if (state.notebook !== previous.notebook && get().persistenceReady) autosaver?.schedule(state.notebook);
    });
    const flushOnHide = () => void get().flushSave();
    window.addEventListener('pagehide', flushOnHide);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flushOnHide();
    });

    const openLinkInAddress = async () => {
      if (findLinkPayload(location.hash) === null) return false;
      const link = location.hash;
      // The link is read once; reloading the page reopens the saved notebook, not the link again.
      history.replaceState(null, '', `${location.pathname}${location.search}`);
      return get().openLink(link);
    };
    // A link pasted into the address bar of an open Tau Studio tab changes only the fragment.
    window.addEventListener('hashchange', () => void openLinkInAddress());
    const boot = beginStart(browserStore());
    let opened = false;
    if (boot.safeMode) {
      // Two starts in a row ended before anything rendered: do not reopen what did that.
      const hadLink = findLinkPayload(location.hash) !== null;
      if (hadLink) history.replaceState(null, '', `${location.pathname}${location.search}`);
      const previousId = await storage.getSetting(LAST_OPEN).catch((error: unknown) => {
        reportStorageError(error);
        return null;
      });
      setNotice({
        kind: 'warning',
        message: `Tau Studio did not finish starting the last ${boot.unconfirmedStarts} times, so it opened an empty notebook${hadLink ? ' and did not open the link in the address' : ''}. Your notebooks are still stored.`,
        ...(previousId ? { action: { label: 'Open the previous notebook', run: () => void get().openStoredNotebook(previousId) } } : {}),
      });
    } else {
      opened = await openLinkInAddress();
      if (!opened) opened = await reopenLast();
    }
    if (!opened) autosaver.attach(get().notebook, 0, null);
    set({ persistenceReady: true });
    void checkStorageHealth();
    // A change made while starting (e.g. a sample picked at once) is saved too.
    if (get().notebook.updatedAt !== get().notebook.createdAt) autosaver.schedule(get().notebook);
    await get().refreshNotebookList();
  }

  /**
   * Asks for persistent storage (so the browser does not evict notebooks under pressure), and reports
   * a nearly full quota and an eviction that already happened (notebooks stored before, none now).
   */
  async function checkStorageHealth(): Promise<void> {
    const small = browserStore();
    try {
      const list = await storage.list();
      const had = Number(small?.getItem(STORED_COUNT) ?? '0');
      if (list.length === 0 && had > 0 && !get().notebookNotice) {
        setNotice({
          kind: 'warning',
          message: `This browser removed the ${had} notebook${had === 1 ? '' : 's'} stored here (site data cleared or storage evicted). Notebooks exported as .json can be imported again.`,
        });
      }
      small?.setItem(STORED_COUNT, String(list.length));
      const manager = typeof navigator === 'undefined' ? undefined : navigator.storage;
      if (!manager?.persist) return;
      const persisted = (await manager.persisted()) || (await manager.persist());
      const { usage = 0, quota = 0 } = await manager.estimate();
      set({ storageHealth: { persisted, usage, quota } });
      if (quota > 0 && usage / quota > 0.9) {
        setNotice({
          kind: 'warning',
          message: `Storage for this site is ${((usage / quota) * 100).toFixed(0)}% full (${(usage / 1024 / 1024).toFixed(0)} of ${(quota / 1024 / 1024).toFixed(0)} MB); saves may start failing. Delete notebooks you no longer need or export them as .json.`,
        });
      }
    } catch (error) {
      console.warn('Could not check storage health', error);
    }
  }

  async function reopenLast(): Promise<boolean> {
    try {
      const lastId = await storage.getSetting(LAST_OPEN);
      if (!lastId) return false;
      const stored = await storage.get(lastId);
      if (!stored) return false;
      const checked = parseStored(stored.json);
      if (!checked.ok) {
        setNotice({ kind: 'error', message: `The last notebook (“${stored.title}”) could not be reopened: ${checked.message} It is still stored; a new notebook was started instead.` });
        return false;
      }
      await get().openDocument(checked.value, {
        stored,
        notice: { kind: 'info', message: `Reopened “${checked.value.title}”, last saved ${when(stored.savedAt)}.` },
      });
      return true;
    } catch (error) {
      reportStorageError(error);
      return false;
    }
  }

  async function onOtherTabSaved(message: { tab: string; id: string; revision: number }): Promise<void> {
    if (message.tab === tabId) return;
    await get().refreshNotebookList();
    if (!autosaver || message.id !== autosaver.attachedId || message.revision <= autosaver.attachedRevision || autosaver.hasPendingChanges) return;
    // Nothing unsaved here: follow the other tab's newer version instead of diverging from it.
    const stored = await storage.get(message.id);
    if (!stored) return;
    const checked = parseStored(stored.json);
    if (!checked.ok || autosaver.hasPendingChanges) return;
    autosaver.attach(checked.value, stored.revision, JSON.stringify(checked.value));
    set({ notebook: checked.value });
    setNotice({ kind: 'info', message: 'Updated with changes saved in another tab.' });
  }

  /** A stored notebook as a document, or a notice saying why it cannot be opened. */
  async function readStored(id: string): Promise<{ doc: NotebookDocument; stored: StoredNotebook } | null> {
    try {
      const stored = await storage.get(id);
      if (!stored) {
        setNotice({ kind: 'error', message: 'That notebook is no longer stored in this browser (deleted in another tab?).' });
        return null;
      }
      const checked = parseStored(stored.json);
      if (!checked.ok) {
        setNotice({ kind: 'error', message: `“${stored.title}” could not be opened: ${checked.message}` });
        return null;
      }
      return { doc: checked.value, stored };
    } catch (error) {
      reportStorageError(error);
      return null;
    }
  }

  return {
    saveStatus: { state: 'idle' },
    notebookList: [],
    notebookNotice: null,
    deletedNotebook: null,
    persistenceReady: false,
    storageHealth: null,

    startPersistence() {
      started ??= start();
      return started;
    },

    async openDocument(doc, { stored, notice = null } = {}) {
      // A run in progress finishes into the notebook that started it (its best model so far), not the next one.
      if (get().training.status !== 'idle') {
        get().stopTraining();
        await new Promise<void>((resolve) => {
          const unsubscribe = api.subscribe((state) => {
            if (state.training.status === 'idle') {
              unsubscribe();
              resolve();
            }
          });
          if (get().training.status === 'idle') {
            unsubscribe();
            resolve();
          }
        });
      }
      await get().flushSave();
      get().cancelLoad();
      get().resetTraining();
      // Stored documents count as saved in their validated form (key order may differ from the stored text),
      // so merely opening a notebook never writes it — a second tab opening it must not cause a conflict.
      autosaver?.attach(doc, stored?.revision ?? 0, stored ? JSON.stringify(doc) : null);
      // The loaded data and the last run belong to the previous notebook: unload them with it.
      set({
        notebook: doc,
        dataset: null,
        loadError: null,
        backendInUse: null,
        notebookNotice: notice,
        ...(stored && get().saveStatus.state !== 'error' ? { saveStatus: { state: 'saved' as const, savedAt: stored.savedAt, revision: stored.revision, bytes: stored.bytes } } : {}),
      });
      rememberLastOpen(doc.id);
      // A document that is not stored yet (a link, an import, a copy) is saved right away.
      if (!stored) autosaver?.schedule(doc);
      await get().afterOpen(doc);
    },

    async openStoredNotebook(id) {
      if (id === get().notebook.id) return true;
      const found = await readStored(id);
      if (!found) return false;
      await get().openDocument(found.doc, { stored: found.stored });
      return true;
    },

    async newNotebook() {
      await get().openDocument(createNotebook());
    },

    async duplicateNotebook(id) {
      await get().flushSave();
      const source = id === get().notebook.id ? { doc: get().notebook } : await readStored(id);
      if (!source) return;
      const now = new Date().toISOString();
      const copy: NotebookDocument = { ...source.doc, id: newId('nb'), title: `${source.doc.title} (copy)`, createdAt: now, updatedAt: now };
      await get().openDocument(copy, { notice: { kind: 'info', message: `Opened a copy of “${source.doc.title}”.` } });
    },

    async renameNotebook(id, title) {
      if (id === get().notebook.id) {
        get().setTitle(title);
        return;
      }
      const found = await readStored(id);
      if (!found) return;
      try {
        const doc = { ...found.doc, title, updatedAt: new Date().toISOString() };
        const result = await storage.put({ id, title, updatedAt: doc.updatedAt, json: JSON.stringify(doc) }, found.stored.revision);
        if (!result.ok) setNotice({ kind: 'warning', message: `“${found.doc.title}” changed in another tab just now; rename it again.` });
      } catch (error) {
        reportStorageError(error);
      }
      await get().refreshNotebookList();
    },

    async deleteNotebook(id) {
      await get().flushSave();
      const wasOpen = id === get().notebook.id;
      try {
        const stored = await storage.get(id);
        if (stored) {
          await storage.remove(id);
          const { json, ...entry } = stored;
          set({ deletedNotebook: { entry, json, wasOpen } });
        } else if (wasOpen) {
          // Never saved (no changes yet): nothing to undo beyond reopening it.
          set({
            deletedNotebook: { entry: { id, title: get().notebook.title, updatedAt: get().notebook.updatedAt, savedAt: '', revision: 0, bytes: 0 }, json: JSON.stringify(get().notebook), wasOpen },
          });
        }
      } catch (error) {
        reportStorageError(error);
        return;
      }
      if (wasOpen) {
        const next = (await storage.list()).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
        if (!next || !(await get().openStoredNotebook(next.id))) await get().openDocument(createNotebook());
      }
      await get().refreshNotebookList();
    },

    async undoDelete() {
      const deleted = get().deletedNotebook;
      if (!deleted) return;
      set({ deletedNotebook: null });
      const checked = parseStored(deleted.json);
      if (!checked.ok) {
        setNotice({ kind: 'error', message: `The deleted notebook could not be restored: ${checked.message}` });
        return;
      }
      try {
        const result = await storage.put({ id: deleted.entry.id, title: checked.value.title, updatedAt: checked.value.updatedAt, json: deleted.json }, 0);
        if (!result.ok) {
          setNotice({ kind: 'warning', message: 'Another tab already restored that notebook.' });
        } else if (deleted.wasOpen) {
          await get().openStoredNotebook(deleted.entry.id);
        }
      } catch (error) {
        reportStorageError(error);
      }
      await get().refreshNotebookList();
    },

    async refreshNotebookList() {
      try {
        const list = await storage.list();
        if (get().persistenceReady) browserStore()?.setItem(STORED_COUNT, String(list.length));
        set({ notebookList: list.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) });
      } catch (error) {
        reportStorageError(error);
      }
    },

    async flushSave() {
      await autosaver?.flush();
    },

    exportNotebookJson() {
      const doc = get().notebook;
      return { fileName: notebookFileName(doc.title), text: notebookFileText(doc) };
    },

    async importNotebookJson(file) {
      if (file.size > MAX_NOTEBOOK_FILE_BYTES) {
        set({
          linkError: {
            code: 'file_too_large',
            message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB; notebook files are at most ${MAX_NOTEBOOK_FILE_BYTES / 1024 / 1024} MB. Your current notebook is unchanged.`,
          },
        });
        return false;
      }
      const checked = parseNotebookFile(await file.text(), file.name);
      if (!checked.ok) {
        set({ linkError: { code: checked.code, message: `${checked.message} Your current notebook is unchanged.` } });
        return false;
      }
      set({ linkError: null });
      // A fresh id: importing the same file twice (or into the browser that exported it) never overwrites.
      const doc = { ...checked.value, id: newId('nb') };
      await get().openDocument(doc, {
        notice: {
          kind: 'info',
          message: `Imported “${doc.title}” from ${file.name}${checked.migratedFrom < checked.value.version ? ` (made by an older version ${checked.migratedFrom}, updated)` : ''}.`,
        },
      });
      return true;
    },

    setNotebookNotice: setNotice,

    confirmRendered(id) {
      if (failedToRender.has(id) || rendered.has(id)) return;
      rendered.add(id);
      confirmStart(browserStore());
      if (get().persistenceReady && autosaver) storage.setSetting(LAST_OPEN, id).catch(reportStorageError);
    },

    noteRenderFailure(id) {
      failedToRender.add(id);
      // The page itself is alive (the boundary caught it), so the start counts as good.
      confirmStart(browserStore());
    },
  };
};
