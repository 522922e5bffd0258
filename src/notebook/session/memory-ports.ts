/**
 * In-memory ports for NotebookSession (tests of the session and of the store): a shared storage, a
 * localStorage twin, a broadcast hub that delivers to every other tab, and timers fired by hand.
 */
import type { AutosaveOptions } from '../storage/autosave';
import type { SmallStore } from '../storage/boot-guard';
import { MemoryStorage } from '../storage/memory-storage';
import type { SavedMessage, SessionChannel, SessionPorts } from './session';

export class MemorySmallStore implements SmallStore {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** Delivers each tab's messages to every other tab (asynchronously, as BroadcastChannel does). */
export class MemoryBroadcastHub {
  private readonly handlers = new Set<(message: SavedMessage) => void>();
  readonly sent: SavedMessage[] = [];
  channel(): SessionChannel {
    let own: ((message: SavedMessage) => void) | null = null;
    return {
      post: (message) => {
        this.sent.push(message);
        for (const handler of this.handlers) if (handler !== own) queueMicrotask(() => handler(message));
      },
      listen: (handler) => {
        own = handler;
        this.handlers.add(handler);
      },
    };
  }
}

/** Timers the test fires by hand, so autosave's debounce is exact and instant. */
export function manualTimers(): Required<Pick<AutosaveOptions, 'setTimer' | 'clearTimer'>> & { readonly count: number; fire(): void } {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    setTimer: (run) => {
      pending.set(next, run);
      return next++;
    },
    clearTimer: (id) => void pending.delete(id as number),
    get count() {
      return pending.size;
    },
    fire() {
      const runs = [...pending.values()];
      pending.clear();
      runs.forEach((run) => run());
    },
  };
}

/** One browser profile: its storage and localStorage, shared by the tabs opened on it. */
export function memoryBrowser() {
  const storage = new MemoryStorage();
  const small = new MemorySmallStore();
  const hub = new MemoryBroadcastHub();
  return {
    storage,
    small,
    hub,
    /** The ports of one more tab of this browser. */
    tab: (): SessionPorts => ({ openStorage: async () => storage, small, channel: hub.channel(), quota: null }),
  };
}
