/**
 * App start-up, once, from main.tsx: the browser's side of the notebook session (IndexedDB, the
 * BroadcastChannel between tabs, localStorage, navigator.storage), the link in the address (read once,
 * then removed so a reload reopens the saved notebook, not the link), a link pasted into the address bar
 * of an open tab (`hashchange`), saving when the page is hidden, and the sharing sync. The flows
 * themselves are src/notebook/session; nothing here decides what opens.
 */
import { findLinkPayload } from '../notebook/share/link-format';
import type { SavedMessage, SessionChannel, SessionPorts } from '../notebook/session/session';
import { browserStore } from '../notebook/storage/boot-guard';
import { IdbStorage } from '../notebook/storage/idb-storage';
import type { StudioStore } from './types';

const CHANNEL = 'tau-studio-notebooks';

/** The page's address and life cycle, as start-up uses them (a fake in tests). */
export interface StartupEnvironment {
  ports: SessionPorts;
  /** The address fragment, e.g. `#nb=…`. */
  hash(): string;
  /** Removes the fragment without a navigation (history.replaceState). */
  clearHash(): void;
  onHashChange(listener: () => void): void;
  /** The page is hidden or being left: pending changes are written now. */
  onHide(listener: () => void): void;
}

export interface StoreAccess {
  getState(): StudioStore;
}

let started: Promise<void> | null = null;

/** Starts the studio once; later calls return the same promise. */
export function startApp(store: StoreAccess, environment: StartupEnvironment = browserEnvironment()): Promise<void> {
  started ??= wire(store, environment);
  return started;
}

/** Starts with a fresh environment every call (tests; the page uses startApp). */
export function wire(store: StoreAccess, environment: StartupEnvironment): Promise<void> {
  const state = store.getState();
  state.startSharingSync();
  /** The link in the address, removed from it: it is read once. */
  const takeLink = (): string | null => {
    const hash = environment.hash();
    if (findLinkPayload(hash) === null) return null;
    environment.clearHash();
    return hash;
  };
  environment.onHashChange(() => {
    const link = takeLink();
    if (link !== null) void store.getState().openLink(link);
  });
  environment.onHide(() => void store.getState().flushSave());
  return state.startPersistence(environment.ports, takeLink());
}

function broadcastChannel(): SessionChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(CHANNEL);
  return {
    post: (message) => channel.postMessage(message),
    listen: (handler) => {
      channel.onmessage = (event: MessageEvent<SavedMessage>) => handler(event.data);
    },
  };
}

export function browserEnvironment(): StartupEnvironment {
  const manager = typeof navigator === 'undefined' ? undefined : navigator.storage;
  return {
    ports: {
      openStorage: () => IdbStorage.open(),
      small: browserStore(),
      channel: broadcastChannel(),
      quota: manager?.persist ? { persisted: () => manager.persisted(), persist: () => manager.persist(), estimate: () => manager.estimate() } : null,
    },
    hash: () => location.hash,
    clearHash: () => history.replaceState(null, '', `${location.pathname}${location.search}`),
    onHashChange: (listener) => window.addEventListener('hashchange', listener),
    onHide(listener) {
      window.addEventListener('pagehide', listener);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') listener();
      });
    },
  };
}
