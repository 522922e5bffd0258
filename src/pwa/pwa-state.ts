import { useSyncExternalStore } from 'react';

/** What the page knows about its service worker: an update waiting, and why threads may be missing. */
export interface PwaState {
  /** A new version is downloaded and waiting; calling this activates it and reloads. */
  applyUpdate: (() => void) | null;
  /** Why this page is not cross-origin isolated (so WASM runs single-threaded); null when it is or while unknown. */
  isolationProblem: IsolationProblem | null;
}

export type IsolationProblem = 'no-service-worker' | 'insecure-context' | 'reload-needed' | 'isolation-refused' | 'registration-failed';

let state: PwaState = { applyUpdate: null, isolationProblem: null };
const listeners = new Set<() => void>();

export function setPwaState(patch: Partial<PwaState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function getPwaState(): PwaState {
  return state;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePwaState(): PwaState {
  return useSyncExternalStore(subscribe, getPwaState, getPwaState);
}
