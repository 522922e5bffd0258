import { describe, expect, it } from 'vitest';
import { createNotebook, type NotebookDocument } from '../document';
import { memoryBrowser } from './memory-ports';
import { NotebookSession, STORED_COUNT, type NotebookNotice, type SessionHost, type SessionPorts } from './session';

/** What the page is told about storage at start-up: persistence asked for, quota and eviction reported. */
function startWith(quota: SessionPorts['quota'], setUp?: (browser: ReturnType<typeof memoryBrowser>) => void) {
  const browser = memoryBrowser();
  setUp?.(browser);
  const seen = { notices: [] as (NotebookNotice | null)[], health: [] as { persisted: boolean; usage: number; quota: number }[], notebook: createNotebook() as NotebookDocument };
  const host: SessionHost = {
    current: () => seen.notebook,
    leave: async () => undefined,
    show: (doc, notice) => {
      seen.notebook = doc;
      seen.notices.push(notice);
    },
    replace: (doc) => (seen.notebook = doc),
    retitle: () => undefined,
    restore: async () => undefined,
    status: () => undefined,
    notice: (notice) => seen.notices.push(notice),
    list: () => undefined,
    refused: () => undefined,
    deleted: () => undefined,
    health: (health) => seen.health.push(health),
    ready: () => undefined,
  };
  const session = new NotebookSession(host, {});
  const started = session.start({ ...browser.tab(), quota }, { link: null });
  return { seen, started, browser };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function fakeQuota(persisted: boolean, grant: boolean, usage: number, quota: number) {
  const asked = { persist: 0 };
  const port: NonNullable<SessionPorts['quota']> = {
    persisted: async () => persisted,
    persist: async () => {
      asked.persist += 1;
      return grant;
    },
    estimate: async () => ({ usage, quota }),
  };
  return { port, asked };
}

describe('storage health at start-up', () => {
  it('asks for persistent storage when it is not granted yet, and reports the answer and the usage', async () => {
    const { port, asked } = fakeQuota(false, true, 5e6, 1e9);
    const { seen, started } = startWith(port);
    await started;
    await settle();
    expect(asked.persist).toBe(1);
    expect(seen.health).toEqual([{ persisted: true, usage: 5e6, quota: 1e9 }]);
    expect(seen.notices.filter(Boolean)).toEqual([]);
  });

  it('does not ask again once persistence is granted; a refusal is reported as not persisted', async () => {
    const granted = fakeQuota(true, true, 0, 1e9);
    await startWith(granted.port).started;
    await settle();
    expect(granted.asked.persist).toBe(0);
    const refused = fakeQuota(false, false, 0, 1e9);
    const { seen, started } = startWith(refused.port);
    await started;
    await settle();
    expect(seen.health[0]?.persisted).toBe(false);
  });

  it('warns when the quota is over 90% used', async () => {
    const { port } = fakeQuota(true, true, 950e6, 1e9);
    const { seen, started } = startWith(port);
    await started;
    await settle();
    expect(seen.notices.at(-1)?.message).toMatch(/Storage for this site is 95% full \(906 of 954 MB\)/);
  });

  it('reports notebooks that the browser evicted since the last start', async () => {
    const { port } = fakeQuota(true, true, 0, 1e9);
    const { seen, started } = startWith(port, (browser) => browser.small.setItem(STORED_COUNT, '3'));
    await started;
    await settle();
    expect(seen.notices.at(-1)?.message).toMatch(/removed the 3 notebooks stored here \(site data cleared or storage evicted\)/);
  });
});
