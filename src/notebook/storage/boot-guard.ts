/**
 * Start-up crash guard. Each start counts itself as unconfirmed until the open notebook rendered once;
 * two starts in a row that never got that far mean something in the reopened notebook (or link) takes
 * the page down, so the next start opens an empty notebook instead and offers the previous one.
 */
export interface SmallStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const BOOT_KEY = 'tau-studio:unconfirmed-starts';
/** Starts that ended before the notebook rendered, after which the next start plays safe. */
export const CRASHED_STARTS_BEFORE_SAFE_MODE = 2;

export interface BootCheck {
  /** The previous starts crashed: open an empty notebook, offer the previous one. */
  safeMode: boolean;
  unconfirmedStarts: number;
}

function read(store: SmallStore | null): number {
  if (!store) return 0;
  try {
    const n = Number.parseInt(store.getItem(BOOT_KEY) ?? '0', 10);
    return Number.isFinite(n) && n > 0 ? n : 0;
  } catch (error) {
    console.warn('Could not read the start-up counter', error);
    return 0;
  }
}

function write(store: SmallStore | null, n: number): void {
  if (!store) return;
  try {
    store.setItem(BOOT_KEY, String(n));
  } catch (error) {
    // Storage full or blocked: the guard is off for this start, which is reported but not fatal.
    console.warn('Could not write the start-up counter', error);
  }
}

/** Call once at start-up, before reopening anything. */
export function beginStart(store: SmallStore | null): BootCheck {
  const unconfirmedStarts = read(store);
  const safeMode = unconfirmedStarts >= CRASHED_STARTS_BEFORE_SAFE_MODE;
  // In safe mode the count starts over, so one good start after it is enough to leave it.
  write(store, safeMode ? 1 : unconfirmedStarts + 1);
  return { safeMode, unconfirmedStarts };
}

/** Call when the open notebook rendered without error. */
export function confirmStart(store: SmallStore | null): void {
  if (read(store) !== 0) write(store, 0);
}

export function browserStore(): SmallStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch (error) {
    console.warn('localStorage is not available', error);
    return null;
  }
}
