import { describe, expect, it } from 'vitest';
import { createNotebook, type NotebookDocument } from '../document';
import { encodeNotebookLink } from '../share/link-codec';
import type { SaveStatus } from '../storage/autosave';
import { BOOT_KEY } from '../storage/boot-guard';
import type { NotebookEntry } from '../storage/types';
import { manualTimers, memoryBrowser } from './memory-ports';
import { LAST_OPEN, NotebookSession, type DeletedNotebook, type NotebookNotice, type OpenedFrom, type OpenRefusal, type SessionHost, type SessionPorts } from './session';

/** A page in memory: what the store would show, and every call the session made. */
function memoryHost(initial: NotebookDocument = createNotebook()) {
  const page = {
    notebook: initial,
    notice: null as NotebookNotice | null,
    status: { state: 'idle' } as SaveStatus,
    list: [] as NotebookEntry[],
    refusal: null as OpenRefusal | null,
    deleted: null as DeletedNotebook | null,
    ready: false,
    restored: [] as { id: string; from: OpenedFrom }[],
    unloads: 0,
  };
  const host: SessionHost = {
    current: () => page.notebook,
    leave: async () => undefined,
    show: (doc, notice, saved) => {
      page.unloads += 1;
      page.notebook = doc;
      page.notice = notice;
      if (saved) page.status = saved;
    },
    replace: (doc) => (page.notebook = doc),
    retitle: (title) => (page.notebook = { ...page.notebook, title }),
    restore: async (doc, from) => void page.restored.push({ id: doc.id, from }),
    status: (status) => (page.status = status),
    notice: (notice) => (page.notice = notice),
    list: (entries) => (page.list = entries),
    refused: (refusal) => (page.refusal = refusal),
    deleted: (deleted) => (page.deleted = deleted),
    health: () => undefined,
    ready: () => (page.ready = true),
  };
  return { page, host };
}

/** A tab: a session over the browser's ports, with its page; edits go through `edit` as the store's subscription does. */
function openTab(browser: ReturnType<typeof memoryBrowser>, initial?: NotebookDocument) {
  const { page, host } = memoryHost(initial);
  const timers = manualTimers();
  const session = new NotebookSession(host, { autosave: { delayMs: 10, ...timers } });
  const edit = (change: (doc: NotebookDocument) => NotebookDocument) => {
    page.notebook = { ...change(page.notebook), updatedAt: new Date(Date.now() + 1000).toISOString() };
    session.changed(page.notebook);
  };
  /** Fires the debounce and waits for the write, its read-back and the other tabs' messages. */
  const save = async () => {
    timers.fire();
    await session.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { page, session, timers, edit, save, ports: browser.tab() };
}

/** A tab that started, titled its notebook, saved it and rendered it (so it is the one reopened next). */
async function savedTab(browser: ReturnType<typeof memoryBrowser>, title: string, ports?: Partial<SessionPorts>) {
  const tab = openTab(browser);
  await tab.session.start({ ...tab.ports, ...ports }, { link: null });
  tab.edit((doc) => ({ ...doc, title }));
  await tab.save();
  tab.session.confirmRendered(tab.page.notebook.id);
  await Promise.resolve();
  return tab;
}

describe('NotebookSession (Node, in-memory ports)', () => {
  it('starts with the open notebook, saves the first change after the debounce, and reopens only a notebook that rendered', async () => {
    const browser = memoryBrowser();
    const tab = openTab(browser);
    await tab.session.start(tab.ports, { link: null });
    expect(tab.page.ready).toBe(true);
    expect(browser.storage.notebooks.size).toBe(0);
    tab.edit((doc) => ({ ...doc, title: 'Churn' }));
    expect(tab.page.status.state).toBe('pending');
    await tab.save();
    expect(tab.page.status).toMatchObject({ state: 'saved', revision: 1 });
    expect(JSON.parse(browser.storage.notebooks.get(tab.page.notebook.id)?.json ?? '{}').title).toBe('Churn');
    expect(tab.page.list.map((e) => e.title)).toEqual(['Churn']);
    // Saved but never rendered: not the one to reopen (a notebook that crashes the page must not reopen forever).
    expect(browser.storage.settings.get(LAST_OPEN)).toBeUndefined();
    tab.session.confirmRendered(tab.page.notebook.id);
    await Promise.resolve();
    expect(browser.storage.settings.get(LAST_OPEN)).toBe(tab.page.notebook.id);
    expect(browser.small.getItem(BOOT_KEY)).toBe('0');
  });

  it('reopens the last notebook on start as saved, without writing it again', async () => {
    const browser = memoryBrowser();
    const first = await savedTab(browser, 'Kept');

    const second = openTab(browser);
    await second.session.start(second.ports, { link: null });
    expect(second.page.notebook.id).toBe(first.page.notebook.id);
    expect(second.page.notice?.message).toMatch(/^Reopened “Kept”/);
    expect(second.page.status).toMatchObject({ state: 'saved', revision: 1 });
    expect(second.page.restored).toEqual([{ id: first.page.notebook.id, from: 'storage' }]);
    await second.save();
    expect(browser.storage.notebooks.get(first.page.notebook.id)?.revision).toBe(1);
  });

  it('opens a link in the address as a new notebook of this browser and saves it; a bad link is refused and changes nothing', async () => {
    const browser = memoryBrowser();
    const shared = { ...createNotebook(), title: 'Shared iris' };
    const tab = openTab(browser);
    await tab.session.start(tab.ports, { link: `#${encodeNotebookLink(shared).fragment}` });
    expect(tab.page.notebook.title).toBe('Shared iris');
    expect(tab.page.notebook.id).not.toBe(shared.id);
    expect(tab.page.notice?.message).toMatch(/Opened the shared notebook “Shared iris”/);
    expect(tab.page.restored).toEqual([{ id: tab.page.notebook.id, from: 'link' }]);
    await tab.save();
    expect(browser.storage.notebooks.has(tab.page.notebook.id)).toBe(true);

    const before = tab.page.notebook;
    expect(await tab.session.openLink('#nb=1.not-a-notebook.0')).toBe(false);
    expect(tab.page.refusal?.message).toMatch(/Your current notebook is unchanged\.$/);
    expect(tab.page.notebook).toBe(before);
  });

  it('after two starts that never rendered, opens an empty notebook, not the link, and offers the previous one', async () => {
    const browser = memoryBrowser();
    await savedTab(browser, 'Crashes the page');
    browser.small.setItem(BOOT_KEY, '2');

    const tab = openTab(browser);
    const link = `#${encodeNotebookLink({ ...createNotebook(), title: 'From link' }).fragment}`;
    await tab.session.start(tab.ports, { link });
    expect(tab.page.notebook.title).not.toMatch(/Crashes|From link/);
    expect(tab.page.notice?.message).toMatch(/did not finish starting the last 2 times.*did not open the link/);
    tab.page.notice?.action?.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tab.page.notebook.title).toBe('Crashes the page');
  });

  it('follows another tab’s save when nothing is unsaved here', async () => {
    const browser = memoryBrowser();
    const a = await savedTab(browser, 'v1');
    const b = openTab(browser);
    await b.session.start(b.ports, { link: null });
    expect(b.page.notebook.id).toBe(a.page.notebook.id);

    a.edit((doc) => ({ ...doc, title: 'v2' }));
    await a.save();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(b.page.notebook.title).toBe('v2');
    expect(b.page.notice?.message).toBe('Updated with changes saved in another tab.');
  });

  it('keeps both versions when two tabs edit the same notebook: the later writer continues as a copy', async () => {
    const browser = memoryBrowser();
    const a = await savedTab(browser, 'base');
    const b = openTab(browser);
    await b.session.start(b.ports, { link: null });
    const id = a.page.notebook.id;

    a.edit((doc) => ({ ...doc, title: 'edited in A' }));
    b.edit((doc) => ({ ...doc, title: 'edited in B' }));
    await a.save();
    await b.save();
    expect(b.page.notebook.id).not.toBe(id);
    expect(b.page.notebook.title).toBe('edited in B (copy from this tab)');
    expect(b.page.notice).toMatchObject({ kind: 'warning' });
    expect(b.page.notice?.message).toMatch(/Both versions are kept/);
    const titles = [...browser.storage.notebooks.values()].map((n) => n.title).sort();
    expect(titles).toEqual(['edited in A', 'edited in B (copy from this tab)']);
  });

  it('does not follow another tab while its own write is in flight: the conflict copy stays on screen', async () => {
    const browser = memoryBrowser();
    // Tab A's writes wait for the test, so tab B's save and message land while A's write is in flight.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = Object.create(browser.storage) as typeof browser.storage;
    let gateWrites = false;
    gated.put = async (entry, revision) => {
      if (gateWrites) await gate;
      return browser.storage.put(entry, revision);
    };
    const a = await savedTab(browser, 'base', { openStorage: async () => gated });
    const b = openTab(browser);
    await b.session.start(b.ports, { link: null });

    gateWrites = true;
    a.edit((doc) => ({ ...doc, title: 'edited in A' }));
    a.timers.fire();
    const aWrite = a.session.flush();
    b.edit((doc) => ({ ...doc, title: 'edited in B' }));
    await b.save();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // B's message arrived while A was writing: A does not jump to B's version.
    expect(a.page.notebook.title).toBe('edited in A');
    release();
    await aWrite;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(a.page.notebook.title).toBe('edited in A (copy from this tab)');
    expect(a.page.notice?.message).toMatch(/Both versions are kept/);
    expect([...browser.storage.notebooks.values()].map((n) => n.title).sort()).toEqual(['edited in A (copy from this tab)', 'edited in B']);
  });

  it('deletes the open notebook, opens the next one, and undo brings it back', async () => {
    const browser = memoryBrowser();
    const tab = openTab(browser);
    await tab.session.start(tab.ports, { link: null });
    tab.edit((doc) => ({ ...doc, title: 'older' }));
    await tab.save();
    const older = tab.page.notebook.id;
    await tab.session.openNew();
    tab.edit((doc) => ({ ...doc, title: 'newer' }));
    await tab.save();
    const newer = tab.page.notebook.id;

    await tab.session.remove(newer);
    expect(tab.page.deleted).toMatchObject({ entry: { id: newer, title: 'newer' }, wasOpen: true });
    expect(tab.page.notebook.id).toBe(older);
    expect(tab.page.list.map((e) => e.id)).toEqual([older]);
    await tab.session.undoRemove();
    expect(tab.page.deleted).toBeNull();
    expect(tab.page.notebook.id).toBe(newer);
    expect(tab.page.list.map((e) => e.title).sort()).toEqual(['newer', 'older']);
  });

  it('refuses files that are too large or not notebooks, and a damaged stored notebook, with the reason', async () => {
    const browser = memoryBrowser();
    const tab = openTab(browser);
    await tab.session.start(tab.ports, { link: null });
    const before = tab.page.notebook;
    expect(await tab.session.importFile({ name: 'huge.json', size: 200 * 1024 * 1024, text: async () => '' })).toBe(false);
    expect(tab.page.refusal).toMatchObject({ code: 'file_too_large' });
    expect(await tab.session.importFile({ name: 'x.json', size: 3, text: async () => '{x' })).toBe(false);
    expect(tab.page.refusal).toMatchObject({ code: 'not_json' });
    expect(tab.page.notebook).toBe(before);

    const good = { ...createNotebook(), title: 'Imported' };
    expect(await tab.session.importFile({ name: 'good.json', size: 10, text: async () => JSON.stringify(good) })).toBe(true);
    expect(tab.page.refusal).toBeNull();
    expect(tab.page.notebook.title).toBe('Imported');
    expect(tab.page.notebook.id).not.toBe(good.id);

    await browser.storage.put({ id: 'nb-damaged', title: 'Damaged', updatedAt: new Date().toISOString(), json: '{"version":' }, 0);
    expect(await tab.session.openStored('nb-damaged')).toBe(false);
    expect(tab.page.notice?.message).toMatch(/^“Damaged” could not be opened: its stored text is damaged/);
    expect(tab.page.notebook.title).toBe('Imported');
  });
});
