/**
 * The notebook session: which notebook is open in this tab and how it reaches this browser's storage.
 * Opening a link, a stored notebook, a .json file or a new one; reopening the last notebook on start
 * (with the crash guard); autosave; following another tab's save; conflict copies; rename, delete with
 * undo; the storage health check. Plain TypeScript over small ports (storage, a small key-value store,
 * a broadcast channel, a clock, the quota API) so every flow runs in Node with in-memory ports.
 * The page's store (store/persistence-slice.ts) implements `SessionHost` with its slices' actions and
 * only calls this; browser wiring (IndexedDB, BroadcastChannel, the address bar) is in store/startup.ts.
 */
import { createNotebook, newId, type NotebookDocument } from '../document';
import { MAX_NOTEBOOK_FILE_BYTES, parseNotebookFile } from '../notebook-file';
import { Autosaver, type AutosaveOptions, type SaveStatus } from '../storage/autosave';
import { beginStart, confirmStart, type SmallStore } from '../storage/boot-guard';
import { MemoryStorage } from '../storage/memory-storage';
import { explainStorageError, type NotebookEntry, type NotebookStorage, type StoredNotebook } from '../storage/types';
import { UnavailableStorage } from '../storage/unavailable-storage';
import { validateNotebook, type NotebookValidation } from '../validate';

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

export interface StorageHealth {
  persisted: boolean;
  usage: number;
  quota: number;
}

/** Why a link or a notebook file was not opened (the open notebook is unchanged). */
export interface OpenRefusal {
  code: string;
  message: string;
}

/** Where an opened document came from: a link's heavy parts wait for a click; stored ones count as saved. */
export type OpenedFrom = 'link' | 'file' | 'storage' | 'new';

/** What one tab tells the others after each save. */
export interface SavedMessage {
  tab: string;
  id: string;
  revision: number;
}

export interface SessionChannel {
  post(message: SavedMessage): void;
  listen(handler: (message: SavedMessage) => void): void;
}

/** navigator.storage, or a stand-in. */
export interface StorageQuota {
  persisted(): Promise<boolean>;
  persist(): Promise<boolean>;
  estimate(): Promise<{ usage?: number; quota?: number }>;
}

/** The browser's side of the session, given at start (in-memory twins in tests). */
export interface SessionPorts {
  /** Opens the notebook store (IndexedDB in the page); a failure leaves the app working with saves refused. */
  openStorage(): Promise<NotebookStorage>;
  /** localStorage (the start-up crash guard and the count of stored notebooks), or null. */
  small: SmallStore | null;
  /** Other tabs of this app (BroadcastChannel), or null. */
  channel: SessionChannel | null;
  quota?: StorageQuota | null;
}

export interface SessionOptions {
  now?: () => Date;
  formatDate?: (date: Date) => string;
  autosave?: AutosaveOptions;
  tabId?: string;
}

/** What the session asks of the page; the store implements it with its slices' actions. */
export interface SessionHost {
  current(): NotebookDocument;
  /** Before another notebook opens: a run in progress finishes into the notebook that started it. */
  leave(): Promise<void>;
  /** Shows `doc` as the open notebook, with the previous notebook's data and run unloaded. */
  show(doc: NotebookDocument, notice: NotebookNotice | null, saved: SaveStatus | null): void;
  /** Replaces the open document in place (another tab's newer version, this tab's conflict copy). */
  replace(doc: NotebookDocument): void;
  retitle(title: string): void;
  /** After a notebook is shown: restores its weights and data. */
  restore(doc: NotebookDocument, from: OpenedFrom): Promise<void>;
  status(status: SaveStatus): void;
  notice(notice: NotebookNotice | null): void;
  list(entries: NotebookEntry[]): void;
  refused(refusal: OpenRefusal | null): void;
  deleted(deleted: DeletedNotebook | null): void;
  health(health: StorageHealth): void;
  ready(): void;
}

export const LAST_OPEN = 'lastOpenId';
/** How many notebooks were stored at the last start (localStorage), to notice an eviction. */
export const STORED_COUNT = 'tau-studio:stored-notebooks';

/** Stored text is untrusted too (another version, a damaged disk): a parse error becomes a refusal, never a crash. */
export function parseStored(json: string): NotebookValidation {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const message = `its stored text is damaged (${error instanceof Error ? error.message : String(error)}).`;
    return { ok: false, code: 'notebook_damaged', message, errors: [message] };
  }
  return validateNotebook(value);
}

const byUpdated = (entries: NotebookEntry[]) => entries.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

export class NotebookSession {
  private storage: NotebookStorage = new MemoryStorage();
  private autosaver: Autosaver | null = null;
  private started: Promise<void> | null = null;
  private isReady = false;
  private lastStatus: SaveStatus = { state: 'idle' };
  private deletedNotebook: DeletedNotebook | null = null;
  private notice: NotebookNotice | null = null;
  /** Notebooks that rendered in this page; only these become the one reopened on start. */
  private readonly rendered = new Set<string>();
  private readonly failedToRender = new Set<string>();
  /** Before start: no localStorage (the crash guard), no other tabs. */
  private ports: SessionPorts = { openStorage: async () => new MemoryStorage(), small: null, channel: null };
  private readonly tabId: string;
  private readonly now: () => Date;
  private readonly formatDate: (date: Date) => string;

  constructor(
    private readonly host: SessionHost,
    private readonly options: SessionOptions = {},
  ) {
    this.tabId = options.tabId ?? newId('tab');
    this.now = options.now ?? (() => new Date());
    this.formatDate = options.formatDate ?? ((date) => date.toISOString());
  }

  get ready(): boolean {
    return this.isReady;
  }

  /** Starts autosave and opens the link given (read from the address) or reopens the last notebook; once. */
  start(ports: SessionPorts, options: { link: string | null }): Promise<void> {
    if (this.started) return this.started;
    this.ports = ports;
    this.started = this.run(options.link);
    return this.started;
  }

  /** Every change of the open document (the store's subscription). */
  changed(doc: NotebookDocument): void {
    if (this.isReady) this.autosaver?.schedule(doc);
  }

  /** Writes pending changes now (page hidden, before opening another notebook). */
  async flush(): Promise<void> {
    await this.autosaver?.flush();
  }

  /** Shows `doc` as the open notebook: saves the previous one first, unloads its data. */
  async open(doc: NotebookDocument, { stored, notice = null, from = stored ? 'storage' : 'new' }: { stored?: StoredNotebook; notice?: NotebookNotice | null; from?: OpenedFrom } = {}): Promise<void> {
    await this.host.leave();
    await this.flush();
    // Stored documents count as saved in their validated form (key order may differ from the stored text),
    // so merely opening a notebook never writes it — a second tab opening it must not cause a conflict.
    this.autosaver?.attach(doc, stored?.revision ?? 0, stored ? JSON.stringify(doc) : null);
    const saved: SaveStatus | null = stored && this.lastStatus.state !== 'error' ? { state: 'saved', savedAt: stored.savedAt, revision: stored.revision, bytes: stored.bytes } : null;
    if (saved) this.lastStatus = saved;
    this.notice = notice;
    this.host.show(doc, notice, saved);
    this.rememberLastOpen(doc.id);
    // A document that is not stored yet (a link, an import, a copy) is saved right away.
    if (!stored) this.autosaver?.schedule(doc);
    await this.host.restore(doc, from);
  }

  /** Opens a link (full URL, `#nb=…` or `nb=…`) as a new notebook of this browser; false (and a refusal) when it is bad. */
  async openLink(text: string): Promise<boolean> {
    // Loaded for a link only: the decoder brings fflate, whose tables cost start-up time on every page.
    const { decodeNotebookLink } = await import('../share/link-codec');
    const decoded = decodeNotebookLink(text);
    if (!decoded.ok) {
      this.host.refused({ code: decoded.code, message: `${decoded.message} Your current notebook is unchanged.` });
      return false;
    }
    this.host.refused(null);
    // A new id: the shared notebook becomes the recipient's own copy, never overwriting one of theirs.
    const doc: NotebookDocument = { ...decoded.value, id: newId('nb') };
    const older = decoded.migratedFrom < doc.version ? ` It was made by an older Tau Studio (notebook version ${decoded.migratedFrom}) and has been updated.` : '';
    const results = doc.results ? ' Its stored results are shown below; retrain to check them.' : '';
    await this.open(doc, { from: 'link', notice: { kind: 'info', message: `Opened the shared notebook “${doc.title}” and saved it in this browser.${results}${older}` } });
    return true;
  }

  /** Opens an exported .json notebook as a new notebook; false (and a refusal) when it is too large or not a notebook. */
  async importFile(file: { name: string; size: number; text(): Promise<string> }): Promise<boolean> {
    if (file.size > MAX_NOTEBOOK_FILE_BYTES) {
      this.host.refused({
        code: 'file_too_large',
        message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB; notebook files are at most ${MAX_NOTEBOOK_FILE_BYTES / 1024 / 1024} MB. Your current notebook is unchanged.`,
      });
      return false;
    }
    const checked = parseNotebookFile(await file.text(), file.name);
    if (!checked.ok) {
      this.host.refused({ code: checked.code, message: `${checked.message} Your current notebook is unchanged.` });
      return false;
    }
    this.host.refused(null);
    // A fresh id: importing the same file twice (or into the browser that exported it) never overwrites.
    const doc = { ...checked.value, id: newId('nb') };
    const older = checked.migratedFrom < checked.value.version ? ` (made by an older version ${checked.migratedFrom}, updated)` : '';
    await this.open(doc, { from: 'file', notice: { kind: 'info', message: `Imported “${doc.title}” from ${file.name}${older}.` } });
    return true;
  }

  async openStored(id: string): Promise<boolean> {
    if (id === this.host.current().id) return true;
    const found = await this.readStored(id);
    if (!found) return false;
    await this.open(found.doc, { stored: found.stored });
    return true;
  }

  async openNew(): Promise<void> {
    await this.open(createNotebook());
  }

  async duplicate(id: string): Promise<void> {
    await this.flush();
    const source = id === this.host.current().id ? { doc: this.host.current() } : await this.readStored(id);
    if (!source) return;
    const now = this.now().toISOString();
    const copy: NotebookDocument = { ...source.doc, id: newId('nb'), title: `${source.doc.title} (copy)`, createdAt: now, updatedAt: now };
    await this.open(copy, { notice: { kind: 'info', message: `Opened a copy of “${source.doc.title}”.` } });
  }

  async rename(id: string, title: string): Promise<void> {
    if (id === this.host.current().id) {
      this.host.retitle(title);
      return;
    }
    const found = await this.readStored(id);
    if (!found) return;
    try {
      const doc = { ...found.doc, title, updatedAt: this.now().toISOString() };
      const result = await this.storage.put({ id, title, updatedAt: doc.updatedAt, json: JSON.stringify(doc) }, found.stored.revision);
      if (!result.ok) this.setNotice({ kind: 'warning', message: `“${found.doc.title}” changed in another tab just now; rename it again.` });
    } catch (error) {
      this.reportStorageError(error);
    }
    await this.refreshList();
  }

  async remove(id: string): Promise<void> {
    await this.flush();
    const current = this.host.current();
    const wasOpen = id === current.id;
    try {
      const stored = await this.storage.get(id);
      if (stored) {
        await this.storage.remove(id);
        const { json, ...entry } = stored;
        this.setDeleted({ entry, json, wasOpen });
      } else if (wasOpen) {
        // Never saved (no changes yet): nothing to undo beyond reopening it.
        this.setDeleted({ entry: { id, title: current.title, updatedAt: current.updatedAt, savedAt: '', revision: 0, bytes: 0 }, json: JSON.stringify(current), wasOpen });
      }
    } catch (error) {
      this.reportStorageError(error);
      return;
    }
    if (wasOpen) {
      const next = byUpdated(await this.storage.list())[0];
      if (!next || !(await this.openStored(next.id))) await this.openNew();
    }
    await this.refreshList();
  }

  async undoRemove(): Promise<void> {
    const deleted = this.deletedNotebook;
    if (!deleted) return;
    this.setDeleted(null);
    const checked = parseStored(deleted.json);
    if (!checked.ok) {
      this.setNotice({ kind: 'error', message: `The deleted notebook could not be restored: ${checked.message}` });
      return;
    }
    try {
      const result = await this.storage.put({ id: deleted.entry.id, title: checked.value.title, updatedAt: checked.value.updatedAt, json: deleted.json }, 0);
      if (!result.ok) this.setNotice({ kind: 'warning', message: 'Another tab already restored that notebook.' });
      else if (deleted.wasOpen) await this.openStored(deleted.entry.id);
    } catch (error) {
      this.reportStorageError(error);
    }
    await this.refreshList();
  }

  async refreshList(): Promise<void> {
    try {
      const list = await this.storage.list();
      if (this.isReady) this.writeSmall(STORED_COUNT, String(list.length));
      this.host.list(byUpdated(list));
    } catch (error) {
      this.reportStorageError(error);
    }
  }

  setNotice(notice: NotebookNotice | null): void {
    this.notice = notice;
    this.host.notice(notice);
  }

  /** The open notebook rendered once: from now on it is the one reopened on start. */
  confirmRendered(id: string): void {
    if (this.failedToRender.has(id) || this.rendered.has(id)) return;
    this.rendered.add(id);
    confirmStart(this.ports.small);
    if (this.isReady && this.autosaver) this.storage.setSetting(LAST_OPEN, id).catch((error: unknown) => this.reportStorageError(error));
  }

  /** A part of notebook `id` failed to render: it is not made the notebook reopened on start. */
  noteRenderFailure(id: string): void {
    this.failedToRender.add(id);
    // The page itself is alive (the boundary caught it), so the start counts as good.
    confirmStart(this.ports.small);
  }

  private async run(link: string | null): Promise<void> {
    try {
      this.storage = await this.ports.openStorage();
    } catch (error) {
      // The app still works; every save fails with the reason, so the status never claims "Saved".
      this.reportStorageError(error);
      this.storage = new UnavailableStorage(explainStorageError(error));
    }
    const channel = this.ports.channel;
    const autosaver = new Autosaver(
      this.storage,
      {
        status: (status) => this.setStatus(status),
        saved: (entry) => {
          channel?.post({ tab: this.tabId, id: entry.id, revision: entry.revision });
          // The notebook written last is the one to reopen after a crash or a closed tab.
          this.rememberLastOpen(entry.id);
          void this.refreshList();
        },
        conflict: ({ copy, other }) => {
          this.host.replace(copy);
          this.setNotice({
            kind: 'warning',
            message:
              other.revision === 0
                ? `Another tab deleted this notebook while you were editing here. Your version is kept as “${copy.title}”.`
                : `Another tab saved this notebook (${this.when(other.savedAt)}) while you were editing here. Both versions are kept: yours continues as “${copy.title}”; the other tab’s is in the notebook list.`,
          });
        },
      },
      this.options.autosave,
    );
    this.autosaver = autosaver;
    channel?.listen((message) => void this.followOtherTab(message));

    const boot = beginStart(this.ports.small);
    let opened = false;
    if (boot.safeMode) {
      // Two starts in a row ended before anything rendered: do not reopen what did that.
      const previousId = await this.storage.getSetting(LAST_OPEN).catch((error: unknown) => {
        this.reportStorageError(error);
        return null;
      });
      this.setNotice({
        kind: 'warning',
        message: `Tau Studio did not finish starting the last ${boot.unconfirmedStarts} times, so it opened an empty notebook${link !== null ? ' and did not open the link in the address' : ''}. Your notebooks are still stored.`,
        ...(previousId ? { action: { label: 'Open the previous notebook', run: () => void this.openStored(previousId) } } : {}),
      });
    } else {
      if (link !== null) opened = await this.openLink(link);
      if (!opened) opened = await this.reopenLast();
    }
    if (!opened) autosaver.attach(this.host.current(), 0, null);
    this.isReady = true;
    this.host.ready();
    void this.checkStorageHealth();
    // A change made to the new notebook while starting (e.g. a sample picked at once) is saved too; an opened
    // notebook is already stored (or scheduled, from a link), so it is not written again.
    const current = this.host.current();
    if (!opened && current.updatedAt !== current.createdAt) autosaver.schedule(current);
    await this.refreshList();
  }

  private async reopenLast(): Promise<boolean> {
    try {
      const lastId = await this.storage.getSetting(LAST_OPEN);
      if (!lastId) return false;
      const stored = await this.storage.get(lastId);
      if (!stored) return false;
      const checked = parseStored(stored.json);
      if (!checked.ok) {
        this.setNotice({ kind: 'error', message: `The last notebook (“${stored.title}”) could not be reopened: ${checked.message} It is still stored; a new notebook was started instead.` });
        return false;
      }
      await this.open(checked.value, { stored, notice: { kind: 'info', message: `Reopened “${checked.value.title}”, last saved ${this.when(stored.savedAt)}.` } });
      return true;
    } catch (error) {
      this.reportStorageError(error);
      return false;
    }
  }

  /** Another tab saved: with nothing unsaved here, follow its newer version of the open notebook instead of diverging. */
  async followOtherTab(message: SavedMessage): Promise<void> {
    if (message.tab === this.tabId) return;
    await this.refreshList();
    const autosaver = this.autosaver;
    if (!autosaver || message.id !== autosaver.attachedId || message.revision <= autosaver.attachedRevision || autosaver.hasPendingChanges) return;
    const stored = await this.storage.get(message.id);
    if (!stored) return;
    const checked = parseStored(stored.json);
    // Meanwhile this tab may have started a write, or moved to another notebook (a conflict copy, a click).
    if (!checked.ok || autosaver.hasPendingChanges || autosaver.attachedId !== message.id || stored.revision <= autosaver.attachedRevision) return;
    autosaver.attach(checked.value, stored.revision, JSON.stringify(checked.value));
    this.host.replace(checked.value);
    this.setNotice({ kind: 'info', message: 'Updated with changes saved in another tab.' });
  }

  /**
   * Asks for persistent storage (so the browser does not evict notebooks under pressure), and reports
   * a nearly full quota and an eviction that already happened (notebooks stored before, none now).
   */
  private async checkStorageHealth(): Promise<void> {
    try {
      const list = await this.storage.list();
      const had = Number(this.readSmall(STORED_COUNT) ?? '0');
      if (list.length === 0 && had > 0 && !this.notice) {
        this.setNotice({
          kind: 'warning',
          message: `This browser removed the ${had} notebook${had === 1 ? '' : 's'} stored here (site data cleared or storage evicted). Notebooks exported as .json can be imported again.`,
        });
      }
      this.writeSmall(STORED_COUNT, String(list.length));
      const quota = this.ports.quota;
      if (!quota) return;
      const persisted = (await quota.persisted()) || (await quota.persist());
      const { usage = 0, quota: total = 0 } = await quota.estimate();
      this.host.health({ persisted, usage, quota: total });
      if (total > 0 && usage / total > 0.9) {
        this.setNotice({
          kind: 'warning',
          message: `Storage for this site is ${((usage / total) * 100).toFixed(0)}% full (${(usage / 1024 / 1024).toFixed(0)} of ${(total / 1024 / 1024).toFixed(0)} MB); saves may start failing. Delete notebooks you no longer need or export them as .json.`,
        });
      }
    } catch (error) {
      console.warn('Could not check storage health', error);
    }
  }

  /** A stored notebook as a document, or a notice saying why it cannot be opened. */
  private async readStored(id: string): Promise<{ doc: NotebookDocument; stored: StoredNotebook } | null> {
    try {
      const stored = await this.storage.get(id);
      if (!stored) {
        this.setNotice({ kind: 'error', message: 'That notebook is no longer stored in this browser (deleted in another tab?).' });
        return null;
      }
      const checked = parseStored(stored.json);
      if (!checked.ok) {
        this.setNotice({ kind: 'error', message: `“${stored.title}” could not be opened: ${checked.message}` });
        return null;
      }
      return { doc: checked.value, stored };
    } catch (error) {
      this.reportStorageError(error);
      return null;
    }
  }

  /** A link or file that takes the page down must not be reopened by every reload: remember only what rendered. */
  private rememberLastOpen(id: string): void {
    if (this.rendered.has(id)) this.storage.setSetting(LAST_OPEN, id).catch((error: unknown) => this.reportStorageError(error));
  }

  private reportStorageError(error: unknown): void {
    const failure = explainStorageError(error);
    this.setStatus({ state: 'error', code: failure.code, message: failure.message });
  }

  private setStatus(status: SaveStatus): void {
    this.lastStatus = status;
    this.host.status(status);
  }

  private setDeleted(deleted: DeletedNotebook | null): void {
    this.deletedNotebook = deleted;
    this.host.deleted(deleted);
  }

  private when(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? 'earlier' : this.formatDate(date);
  }

  private readSmall(key: string): string | null {
    try {
      return this.ports.small?.getItem(key) ?? null;
    } catch (error) {
      console.warn(`Could not read ${key}`, error);
      return null;
    }
  }

  private writeSmall(key: string, value: string): void {
    try {
      this.ports.small?.setItem(key, value);
    } catch (error) {
      console.warn(`Could not write ${key}`, error);
    }
  }
}
