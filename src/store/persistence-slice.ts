/**
 * Notebooks kept in this browser, as the page sees them: the save status, the notebook list, notices,
 * the deleted notebook waiting for undo. Every flow (open a link, a stored notebook or a file, reopen
 * on start, autosave, other tabs, conflict copies, delete with undo) is `NotebookSession`
 * (src/notebook/session); this slice only calls it and writes its own keys. What the session needs from
 * other slices it asks through their actions (`unloadDataset`, `forgetRun`, `replaceNotebook`, `afterOpen`).
 * Browser wiring (IndexedDB, BroadcastChannel, the address bar, page hide) is store/startup.ts.
 */
import type { NotebookDocument } from '../notebook/document';
import { notebookFileName, notebookFileText } from '../notebook/notebook-file';
import { NotebookSession, type DeletedNotebook, type NotebookNotice, type OpenRefusal, type SessionPorts, type StorageHealth } from '../notebook/session/session';
import type { SaveStatus } from '../notebook/storage/autosave';
import type { NotebookEntry, StoredNotebook } from '../notebook/storage/types';
import type { SliceCreator } from './types';
import { formatDateTime } from '../i18n/locale';

export type { DeletedNotebook, NotebookNotice };

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
  storageHealth: StorageHealth | null;
  /** Why a link or an imported file was not opened (the open notebook is unchanged). */
  linkError: OpenRefusal | null;
  /**
   * Starts autosave and opens `link` (read from the address) or reopens the last notebook; the first
   * call's ports are used, later calls wait for the same start. Called from store/startup.ts.
   */
  startPersistence(ports?: SessionPorts, link?: string | null): Promise<void>;
  /** Shows `doc` as the open notebook: saves the previous one first, unloads its data. */
  openDocument(doc: NotebookDocument, options?: OpenOptions): Promise<void>;
  /** Opens a link (full URL, `#nb=…` or `nb=…`) as a new notebook; false (and linkError) when it is bad. */
  openLink(text: string): Promise<boolean>;
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
  dismissLinkError(): void;
  /** The open notebook rendered once: from now on it is the one reopened on start. */
  confirmRendered(id: string): void;
  /** A part of notebook `id` failed to render: it is not made the notebook reopened on start. */
  noteRenderFailure(id: string): void;
}

export const createPersistenceSlice: SliceCreator<PersistenceSlice> = (set, get, api) => {
  let session: NotebookSession | null = null;
  let started: Promise<void> | null = null;
  let announceStart: () => void = () => undefined;
  /** Resolves when startPersistence was first called with ports (automation may ask before start-up did). */
  const startRequested = new Promise<void>((resolve) => (announceStart = resolve));

  /** Before start-up the session works on memory storage (tests, and anything clicked in the first milliseconds). */
  const ensureSession = (): NotebookSession => {
    session ??= new NotebookSession(
      {
        current: () => get().notebook,
        leave: () => get().finishRunBeforeLeaving(),
        show: (doc, notice, saved) => {
          // The loaded data and the last run belong to the previous notebook: unload them with it.
          get().unloadDataset();
          get().forgetRun();
          get().replaceNotebook(doc);
          set({ notebookNotice: notice, ...(saved ? { saveStatus: saved } : {}) });
        },
        replace: (doc) => get().replaceNotebook(doc),
        retitle: (title) => get().setTitle(title),
        restore: (doc, from) => get().afterOpen(doc, { fromLink: from === 'link' }),
        status: (saveStatus) => set({ saveStatus }),
        notice: (notebookNotice) => set({ notebookNotice }),
        list: (notebookList) => set({ notebookList }),
        refused: (linkError) => set({ linkError }),
        deleted: (deletedNotebook) => set({ deletedNotebook }),
        health: (storageHealth) => set({ storageHealth }),
        ready: () => set({ persistenceReady: true }),
      },
      { formatDate: (date) => formatDateTime(date) },
    );
    return session;
  };

  return {
    saveStatus: { state: 'idle' },
    notebookList: [],
    notebookNotice: null,
    deletedNotebook: null,
    persistenceReady: false,
    storageHealth: null,
    linkError: null,

    startPersistence(ports, link = null) {
      if (!ports) return started ?? startRequested.then(() => started ?? undefined);
      if (started) return started;
      const current = ensureSession();
      // Every change of the open document is autosaved (after start; the session checks).
      api.subscribe((state, previous) => {
        if (state.notebook !== previous.notebook) current.changed(state.notebook);
      });
      started = current.start(ports, { link });
      announceStart();
      return started;
    },

    openDocument: (doc, { stored, notice = null } = {}) => ensureSession().open(doc, { stored, notice }),
    openLink: (text) => ensureSession().openLink(text),
    openStoredNotebook: (id) => ensureSession().openStored(id),
    newNotebook: () => ensureSession().openNew(),
    duplicateNotebook: (id) => ensureSession().duplicate(id),
    renameNotebook: (id, title) => ensureSession().rename(id, title),
    deleteNotebook: (id) => ensureSession().remove(id),
    undoDelete: () => ensureSession().undoRemove(),
    refreshNotebookList: () => ensureSession().refreshList(),
    flushSave: () => ensureSession().flush(),

    exportNotebookJson() {
      const doc = get().notebook;
      return { fileName: notebookFileName(doc.title), text: notebookFileText(doc) };
    },

    importNotebookJson: (file) => ensureSession().importFile(file),
    setNotebookNotice: (notice) => ensureSession().setNotice(notice),
    dismissLinkError: () => set({ linkError: null }),
    confirmRendered: (id) => ensureSession().confirmRendered(id),
    noteRenderFailure: (id) => ensureSession().noteRenderFailure(id),
  };
};
