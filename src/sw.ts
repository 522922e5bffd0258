/// <reference lib="webworker" />
/**
 * The studio's service worker (built by vite-plugin-pwa, strategy injectManifest). Workbox precaches
 * the app shell, the worker chunks, TF.js's WASM binaries and the sample datasets, so after one visit
 * the studio loads and trains offline. Every same-origin response it serves carries COOP/COEP
 * (src/pwa/isolation.ts), which makes the page cross-origin isolated on hosts that cannot send those
 * headers. A new version waits until the page asks it to take over ("Reload to update"): nothing is
 * swapped under running work.
 */
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import type { WorkboxPlugin } from 'workbox-core/types';
import { withIsolationHeaders } from './pwa/isolation';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<string | { url: string; revision: string | null }> };

const isolate: WorkboxPlugin = {
  handlerWillRespond: async ({ response }) => withIsolationHeaders(response),
};

addPlugins([isolate]);
// Query strings never select a different file here (notebook links travel in the fragment).
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();
// Anything else from this origin goes to the network, still with the isolation headers.
registerRoute(({ url }) => url.origin === self.location.origin, new NetworkOnly({ plugins: [isolate] }));

// The first install controls the open page at once (so it can reload into isolation); later versions
// wait for SKIP_WAITING, sent when the person chooses "Reload to update".
clientsClaim();
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
