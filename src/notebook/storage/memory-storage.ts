/** NotebookStorage in memory: the same contract as IndexedDB, for tests and as a last resort. */
import type { NotebookEntry, NotebookStorage, PutResult, StoredNotebook } from './types';

export class MemoryStorage implements NotebookStorage {
  readonly notebooks = new Map<string, StoredNotebook>();
  readonly settings = new Map<string, string>();
  /** Set to make the next writes fail, as a full disk would. */
  failWrites: Error | null = null;

  async list(): Promise<NotebookEntry[]> {
    return [...this.notebooks.values()].map(({ json: _json, ...entry }) => entry);
  }

  async get(id: string): Promise<StoredNotebook | undefined> {
    const stored = this.notebooks.get(id);
    return stored ? { ...stored } : undefined;
  }

  async put(entry: { id: string; title: string; updatedAt: string; json: string }, expectedRevision: number): Promise<PutResult> {
    if (this.failWrites) throw this.failWrites;
    const current = this.notebooks.get(entry.id);
    const { json: _json, ...currentEntry } = current ?? { json: '' };
    if ((current?.revision ?? 0) !== expectedRevision) return { ok: false, conflict: currentEntry as NotebookEntry };
    const stored: StoredNotebook = { ...entry, revision: expectedRevision + 1, savedAt: new Date().toISOString(), bytes: entry.json.length };
    this.notebooks.set(entry.id, stored);
    const { json: _written, ...written } = stored;
    return { ok: true, entry: written };
  }

  async remove(id: string): Promise<void> {
    this.notebooks.delete(id);
  }

  async getSetting(key: string): Promise<string | undefined> {
    return this.settings.get(key);
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.settings.set(key, value);
  }
}
