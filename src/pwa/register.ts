/**
 * Registers the service worker (loaded lazily after the first paint, so it costs the initial
 * JavaScript nothing) and handles the two things it changes for the page:
 * - updates: a new version installs in the background and waits; the header offers "Reload to update"
 *   (registerType 'prompt'), so a running training or an unsaved edit is never swapped out;
 * - cross-origin isolation: when the host sent no COOP/COEP headers, the service worker adds them, and
 *   the page reloads once — only while nothing is loaded or running — to become isolated.
 */
import { Workbox } from 'workbox-window';
import { setPwaState } from './pwa-state';

const RELOADED_FOR_ISOLATION = 'tau:reloaded-for-isolation';

export interface RegisterOptions {
  /** True when reloading now loses nothing (no data loaded, nothing running). */
  canReloadNow: () => boolean;
}

export async function registerServiceWorker({ canReloadNow }: RegisterOptions): Promise<void> {
  const isolated = globalThis.crossOriginIsolated === true;
  if (!window.isSecureContext) {
    if (!isolated) setPwaState({ isolationProblem: 'insecure-context' });
    return;
  }
  if (!('serviceWorker' in navigator)) {
    if (!isolated) setPwaState({ isolationProblem: 'no-service-worker' });
    return;
  }
  const workbox = new Workbox(new URL('sw.js', document.baseURI).href, { scope: './' });
  workbox.addEventListener('waiting', () => {
    setPwaState({
      applyUpdate: () => {
        workbox.addEventListener('controlling', () => window.location.reload());
        workbox.messageSkipWaiting();
      },
    });
  });
  try {
    await workbox.register();
  } catch (error) {
    console.warn(`Service worker registration failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!isolated) setPwaState({ isolationProblem: 'registration-failed' });
    return;
  }
  if (isolated) {
    sessionStorage.removeItem(RELOADED_FOR_ISOLATION);
    return;
  }
  await controlled();
  if (sessionStorage.getItem(RELOADED_FOR_ISOLATION) !== null) {
    // Reloaded under the service worker and still not isolated: this browser does not allow it.
    setPwaState({ isolationProblem: 'isolation-refused' });
    return;
  }
  if (canReloadNow()) {
    sessionStorage.setItem(RELOADED_FOR_ISOLATION, '1');
    window.location.reload();
  } else {
    setPwaState({ isolationProblem: 'reload-needed' });
  }
}

/** Resolves once a service worker controls this page (the first install claims it). */
function controlled(): Promise<void> {
  if (navigator.serviceWorker.controller) return Promise.resolve();
  return new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
}
