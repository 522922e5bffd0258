import { useSyncExternalStore } from 'react';

/** Light, dark, or whatever the system prefers (prefers-color-scheme); remembered in localStorage. */
export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'tau:theme';
let choice: ThemeChoice = 'system';
const listeners = new Set<() => void>();

const systemDark = (): MediaQueryList | null => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null);

/**
 * The page always carries the theme in use (html[data-theme=light|dark]), so the stylesheet writes the
 * dark palette once; 'system' resolves through prefers-color-scheme and follows its changes.
 */
function apply(): void {
  const resolved = choice === 'system' ? (systemDark()?.matches ? 'dark' : 'light') : choice;
  document.documentElement.dataset.theme = resolved;
}

export function initTheme(): void {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'light' || stored === 'dark' || stored === 'system') choice = stored;
  } catch (error) {
    console.warn(`Theme preference unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
  apply();
  systemDark()?.addEventListener('change', () => {
    if (choice === 'system') apply();
  });
}

export function setTheme(next: ThemeChoice): void {
  choice = next;
  apply();
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch (error) {
    console.warn(`Could not remember the theme: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTheme(): ThemeChoice {
  return useSyncExternalStore(
    subscribe,
    () => choice,
    () => choice,
  );
}
