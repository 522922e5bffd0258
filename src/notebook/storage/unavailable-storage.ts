/**
 * The storage used when IndexedDB cannot be opened (private browsing, blocked site data): reads find
 * nothing, and every write fails with the reason, so the save status keeps saying "Not saved"
 * instead of pretending. Work continues in the tab; export .json keeps it.
 */
import type { NotebookEntry, NotebookStorage, PutResult, StorageError, StoredNotebook } from './types';

export class UnavailableStorage implements NotebookStorage {
  constructor(private readonly reason: StorageError) {}

  async list(): Promise<NotebookEntry[]> {
    return [];
  }

  async get(): Promise<StoredNotebook | undefined> {
    return undefined;
  }

  async put(): Promise<PutResult> {
    throw this.reason;
  }

  async remove(): Promise<void> {
    throw this.reason;
  }

  async getSetting(): Promise<string | undefined> {
    return undefined;
  }

  async setSetting(): Promise<void> {
    // Nothing can be remembered; the failed saves already tell the user why.
  }
}
