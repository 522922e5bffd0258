/**
 * Autosave: every change is written a moment later (debounced), then read back and compared, so
 * "Saved" means the bytes on disk are the bytes of the notebook. Writes name the revision they build
 * on; when another tab saved the same notebook first, this tab's version is kept as a copy (both
 * survive) and the caller is told. Failures are reported, never swallowed, and retried on the next change.
 */
import { newId, type NotebookDocument } from '../document';
import { explainStorageError, StorageError, type NotebookEntry, type NotebookStorage } from './types';

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'saved'; savedAt: string; revision: number; bytes: number }
  | { state: 'error'; code: StorageError['code']; message: string };

export interface ConflictCopy {
  /** This tab's version, now stored under a new id: the caller shows it instead of the original. */
  copy: NotebookDocument;
  /** The version another tab saved, still under the original id. */
  other: NotebookEntry;
}

export interface AutosaveEvents {
  status(status: SaveStatus): void;
  conflict(info: ConflictCopy): void;
  saved(entry: NotebookEntry): void;
}

export interface AutosaveOptions {
  delayMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** Milliseconds from any fixed point (tests pass a fake clock). */
  now?: () => number;
}

/**
 * The wait before a save. A change is safe once its write has finished; the bound is 0.5 s of typing
 * lost in a crash. While someone types, what a crash loses is about this wait, plus the gap to the next
 * keystroke, plus a timer delayed by a busy page (a write's own time is taken off the wait, see currentDelayMs):
 * with 350 ms the crash e2e lost up to 632 ms on a quiet machine, so the wait is 250 ms.
 */
export const DEFAULT_AUTOSAVE_DELAY_MS = 250;

/** The shortest wait before a save, however slow the last write was: typing must not turn into a write per key. */
export const MIN_AUTOSAVE_DELAY_MS = 100;

/** Performance measure of each save (serialize, write, read back), for the run-timing tools (issue 19). */
export const AUTOSAVE_MEASURE = 'tau:autosave';

export class Autosaver {
  private id: string | null = null;
  private revision = 0;
  private savedJson: string | null = null;
  private latest: NotebookDocument | null = null;
  private timer: unknown = null;
  /** The last 'saved' status: re-reported when a change turns out to equal what is stored. */
  private lastSaved: SaveStatus | null = null;
  private running: Promise<void> = Promise.resolve();
  /** A write (or its read-back) is in flight: its outcome (saved, or a conflict copy) is not known yet. */
  private writing = false;
  private readonly delayMs: number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;
  private readonly now: () => number;
  /** How long the last write and its read-back took. */
  private lastWriteMs = 0;

  constructor(
    private readonly storage: NotebookStorage,
    private readonly events: AutosaveEvents,
    {
      delayMs = DEFAULT_AUTOSAVE_DELAY_MS,
      setTimer = (run, ms) => setTimeout(run, ms),
      clearTimer = (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
      now = () => performance.now(),
    }: AutosaveOptions = {},
  ) {
    this.delayMs = delayMs;
    this.setTimer = setTimer;
    this.clearTimer = clearTimer;
    this.now = now;
  }

  /**
   * How long a change waits before its save starts. A change is safe only once its write has finished, so the
   * wait shrinks by the last write's duration: what a crash can lose stays near `delayMs` on a slow disk or a
   * busy machine too (a fixed 500 ms wait plus a 900 ms write lost ~1.4 s of typing in a crash test).
   */
  get currentDelayMs(): number {
    return Math.max(MIN_AUTOSAVE_DELAY_MS, Math.min(this.delayMs, this.delayMs - this.lastWriteMs));
  }

  /** The notebook now open, as it is stored (revision 0 and no JSON: not stored yet). */
  attach(doc: NotebookDocument, revision: number, storedJson: string | null): void {
    this.cancelTimer();
    this.latest = null;
    this.id = doc.id;
    this.revision = revision;
    this.savedJson = storedJson;
  }

  get attachedId(): string | null {
    return this.id;
  }

  get attachedRevision(): number {
    return this.revision;
  }

  /**
   * True while a change waits for its save or is being written: another tab's newer version must not be
   * followed then (this tab's write may still turn into a conflict copy, which is what the page must show).
   */
  get hasPendingChanges(): boolean {
    return this.latest !== null || this.writing;
  }

  /**
   * Call on every change of the document; the save starts `currentDelayMs` after the first unsaved change
   * (not the last: while someone types without pause a crash would otherwise lose everything typed).
   */
  schedule(doc: NotebookDocument): void {
    if (doc.id !== this.id) this.attach(doc, 0, null);
    this.latest = doc;
    this.events.status({ state: 'pending' });
    if (this.timer !== null) return;
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.flush();
    }, this.currentDelayMs);
  }

  /** Saves now whatever is pending (page hidden, switching notebooks); resolves when written and verified. */
  flush(): Promise<void> {
    this.cancelTimer();
    this.running = this.running.then(() => this.saveLatest());
    return this.running;
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private async saveLatest(): Promise<void> {
    const doc = this.latest;
    if (!doc) return;
    this.latest = null;
    if (doc.id !== this.id) this.attach(doc, 0, null);
    const startedAt = performance.now();
    const json = JSON.stringify(doc);
    if (json === this.savedJson) {
      // Nothing new to write: the stored copy is current, so say so instead of staying "pending".
      if (!this.latest && this.lastSaved) this.events.status(this.lastSaved);
      return;
    }
    this.events.status({ state: 'saving' });
    this.writing = true;
    const started = this.now();
    try {
      const result = await this.storage.put({ id: doc.id, title: doc.title, updatedAt: doc.updatedAt, json }, this.revision);
      if (!result.ok) {
        await this.keepBoth(doc, result.conflict);
        return;
      }
      // A newer change may have been scheduled meanwhile; it builds on this revision.
      if (this.id === doc.id) this.revision = result.entry.revision;
      await this.verify(doc.id, json);
      this.lastWriteMs = this.now() - started;
      if (this.id === doc.id) this.savedJson = json;
      this.events.saved(result.entry);
      this.lastSaved = { state: 'saved', savedAt: result.entry.savedAt, revision: result.entry.revision, bytes: result.entry.bytes };
      if (!this.latest) this.events.status(this.lastSaved);
      performance.measure(AUTOSAVE_MEASURE, { start: startedAt });
    } catch (error) {
      const failure = explainStorageError(error);
      // Keep the change so the next change (or flush) tries again; nothing is dropped.
      this.latest ??= doc;
      this.events.status({ state: 'error', code: failure.code, message: failure.message });
    } finally {
      this.writing = false;
    }
  }

  /** Reads back what was written; a mismatch means the disk does not hold this notebook. */
  private async verify(id: string, json: string): Promise<void> {
    const back = await this.storage.get(id);
    if (back?.json !== json) {
      throw new StorageError(
        'verify_failed',
        'The notebook was written but reading it back gave different content, so it may not be saved. Export it as .json to be safe; saving is retried on the next change.',
      );
    }
  }

  private async keepBoth(doc: NotebookDocument, other: NotebookEntry): Promise<void> {
    const copy: NotebookDocument = { ...doc, id: newId('nb'), title: `${doc.title} (copy from this tab)` };
    this.attach(copy, 0, null);
    this.latest = copy;
    this.events.conflict({ copy, other });
    await this.saveLatest();
  }
}
