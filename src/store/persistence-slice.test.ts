import { describe, expect, it } from 'vitest';
import { createNotebook, type NotebookDocument } from '../notebook/document';
import { memoryBrowser } from '../notebook/session/memory-ports';
import { LAST_OPEN } from '../notebook/session/session';
import { encodeNotebookLink } from '../notebook/share/link-codec';
import type { CallName, DatasetSummary } from '../workers/protocol';
import type { Job, WorkerCaller } from '../workers/worker-client';
import { wire, type StartupEnvironment } from './startup';
import { createStudioStore } from './studio-store';
import { setWorkerCaller } from './worker-access';

/** An in-memory worker: records every call and answers the few a notebook opening makes. */
function memoryWorker() {
  const calls: CallName[] = [];
  const caller: WorkerCaller = {
    call<K extends CallName>(call: K): Job<never> {
      calls.push(call);
      const answers: Partial<Record<CallName, unknown>> = { 'forget-model': null, 'model-info': null };
      const promise = call in answers ? Promise.resolve(answers[call] as never) : Promise.reject(new Error(`no answer for ${call} in this test`));
      return { id: calls.length, promise, cancel: () => undefined };
    },
  };
  return { calls, caller };
}

/** The page's address and life cycle in memory; `fire` plays the browser's events. */
function memoryPage(browser: ReturnType<typeof memoryBrowser>, hash = '') {
  const listeners = { hashchange: [] as (() => void)[], hide: [] as (() => void)[] };
  const page: { hash: string; environment: StartupEnvironment; fire(event: keyof typeof listeners): void } = {
    hash,
    environment: {
      ports: browser.tab(),
      hash: () => page.hash,
      clearHash: () => (page.hash = ''),
      onHashChange: (listener) => listeners.hashchange.push(listener),
      onHide: (listener) => listeners.hide.push(listener),
    },
    fire: (event) => listeners[event].forEach((listener) => listener()),
  };
  return page;
}

const linkTo = (doc: NotebookDocument) => `#${encodeNotebookLink(doc).fragment}`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const table = { id: 'table-1', kind: 'table', name: 'old.csv' } as DatasetSummary;

describe('store: the persistence slice over the notebook session (Node, in-memory ports)', () => {
  it('start-up opens the link in the address: notebook set, notice shown, link removed from the address, saved', async () => {
    const worker = memoryWorker();
    setWorkerCaller(worker.caller);
    const browser = memoryBrowser();
    const store = createStudioStore();
    const page = memoryPage(browser, linkTo({ ...createNotebook(), title: 'Shared churn' }));
    await wire(store, page.environment);

    const state = store.getState();
    expect(state.persistenceReady).toBe(true);
    expect(state.notebook.title).toBe('Shared churn');
    expect(state.notebookNotice?.message).toMatch(/^Opened the shared notebook “Shared churn” and saved it in this browser\./);
    expect(state.linkError).toBeNull();
    expect(page.hash).toBe('');
    // The previous notebook's trained model is dropped in the worker (the link had none).
    expect(worker.calls).toContain('forget-model');
    await state.flushSave();
    expect(JSON.parse(browser.storage.notebooks.get(state.notebook.id)?.json ?? '{}').title).toBe('Shared churn');
    expect(store.getState().saveStatus).toMatchObject({ state: 'saved', revision: 1 });
    expect(store.getState().notebookList.map((e) => e.title)).toEqual(['Shared churn']);
  });

  it('opening another notebook unloads the data and the last run through the other slices’ actions', async () => {
    setWorkerCaller(memoryWorker().caller);
    const browser = memoryBrowser();
    const store = createStudioStore();
    const page = memoryPage(browser);
    await wire(store, page.environment);
    store.setState({ dataset: table, loadError: { code: 'x', message: 'old error' }, backendInUse: { name: 'cpu', reason: 'test' } });

    page.hash = linkTo({ ...createNotebook(), title: 'Pasted into the address bar' });
    page.fire('hashchange');
    await settle();
    const state = store.getState();
    expect(state.notebook.title).toBe('Pasted into the address bar');
    expect([state.dataset, state.loadError, state.backendInUse]).toEqual([null, null, null]);
    expect(state.training.status).toBe('idle');
    expect(page.hash).toBe('');
  });

  it('a bad link or file changes nothing but linkError; a good file clears it', async () => {
    setWorkerCaller(memoryWorker().caller);
    const browser = memoryBrowser();
    const store = createStudioStore();
    await wire(store, memoryPage(browser).environment);
    store.getState().setTitle('My work');
    const before = store.getState().notebook;

    expect(await store.getState().openLink('#nb=1.garbage.00000000')).toBe(false);
    expect(store.getState().linkError?.message).toMatch(/Your current notebook is unchanged\.$/);
    expect(store.getState().notebook).toBe(before);

    expect(await store.getState().importNotebookJson(new File(['not json'], 'x.json'))).toBe(false);
    expect(store.getState().linkError?.code).toBe('not_json');
    expect(store.getState().notebook).toBe(before);

    const file = new File([JSON.stringify({ ...createNotebook(), title: 'From a file' })], 'nb.json');
    expect(await store.getState().importNotebookJson(file)).toBe(true);
    expect(store.getState().linkError).toBeNull();
    expect(store.getState().notebook.title).toBe('From a file');
    expect(store.getState().notebookNotice?.message).toBe('Imported “From a file” from nb.json.');
  });

  it('autosaves edits, writes them when the page is hidden, and reopens the rendered notebook in the next tab', async () => {
    setWorkerCaller(memoryWorker().caller);
    const browser = memoryBrowser();
    const store = createStudioStore();
    const page = memoryPage(browser);
    await wire(store, page.environment);
    store.getState().setTitle('Typed just now');
    expect(store.getState().saveStatus.state).toBe('pending');
    page.fire('hide');
    await store.getState().flushSave();
    const id = store.getState().notebook.id;
    expect(JSON.parse(browser.storage.notebooks.get(id)?.json ?? '{}').title).toBe('Typed just now');
    store.getState().confirmRendered(id);
    await settle();
    expect(browser.storage.settings.get(LAST_OPEN)).toBe(id);

    const next = createStudioStore();
    await wire(next, memoryPage(browser).environment);
    expect(next.getState().notebook.id).toBe(id);
    expect(next.getState().notebookNotice?.message).toMatch(/^Reopened “Typed just now”/);
    expect(next.getState().saveStatus.state).toBe('saved');
  });

  it('deleting the open notebook opens a new one and undo brings it back', async () => {
    setWorkerCaller(memoryWorker().caller);
    const browser = memoryBrowser();
    const store = createStudioStore();
    await wire(store, memoryPage(browser).environment);
    store.getState().setTitle('To delete');
    await store.getState().flushSave();
    const id = store.getState().notebook.id;

    await store.getState().deleteNotebook(id);
    expect(store.getState().deletedNotebook).toMatchObject({ entry: { id, title: 'To delete' }, wasOpen: true });
    expect(store.getState().notebook.id).not.toBe(id);
    await store.getState().undoDelete();
    expect(store.getState().deletedNotebook).toBeNull();
    expect(store.getState().notebook.id).toBe(id);
    expect(store.getState().notebookList.map((e) => e.title)).toContain('To delete');
  });
});
