import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
// The same policy string the preview server sends as a header.
// @ts-expect-error no type declarations for the .mjs server
import { CONTENT_SECURITY_POLICY } from './scripts/serve.mjs';

/** The built app's Content-Security-Policy as a meta tag (build only: the dev server injects inline scripts). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'tau:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY as string }, injectTo: 'head-prepend' }],
    },
  };
}

/**
 * The threaded Emscripten glue reports `navigator.hardwareConcurrency` as the logical core count, and
 * tfjs-backend-wasm's C++ halves it (a guess at hyperthreading) and caps every thread count at that half:
 * on a 2-core machine XNNPACK ran on one thread whatever `setThreadsCount` asked. Reporting twice the
 * count cancels the halving, so the studio's own choice (src/runtime/wasm-threads.ts) is what runs.
 */
const LOGICAL_CORES = 'return navigator["hardwareConcurrency"]}';
const LOGICAL_CORES_UNHALVED = 'return 2*navigator["hardwareConcurrency"]}';

function unhalveCores(code: string, where: string): string {
  if (!code.includes(LOGICAL_CORES)) throw new Error(`tfjs-backend-wasm changed: the core-count patch no longer applies to ${where} (see vite.config.ts).`);
  return code.replace(LOGICAL_CORES, LOGICAL_CORES_UNHALVED);
}

/**
 * tfjs-backend-wasm starts its pthread workers from `wasmFactoryThreadedSimd.toString()`. Once bundled
 * and minified, that function refers to renamed outer variables and the threads die with
 * "e is not defined". Embed the untouched Emscripten glue instead, so multi-threaded WASM works.
 */
function tfjsWasmThreads(): Plugin {
  const gluePath = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
  const glue = unhalveCores(readFileSync(gluePath, 'utf8'), 'the pthread glue');
  const pattern = /`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)/;
  return {
    name: 'tau:tfjs-wasm-threads',
    transform(code, id) {
      const path = id.replace(/\\/g, '/');
      if (path.includes('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js')) {
        return { code: unhalveCores(code, 'the threaded factory'), map: null };
      }
      if (!path.includes('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js')) return null;
      if (!pattern.test(code)) this.error('tfjs-backend-wasm changed: the pthread glue patch no longer applies (see vite.config.ts).');
      return { code: code.replace(pattern, JSON.stringify(glue)), map: null };
    },
  };
}

/**
 * The relaxed-SIMD variant of a module (`import bytes from './x.wat?relaxed'`): every multiply-add written
 * `(f32x4.add (local.get $acc) (f32x4.mul (local.get $a) (local.get $b)))` becomes
 * `(f32x4.relaxed_madd (local.get $a) (local.get $b) (local.get $acc))`, one fused multiply-add where the
 * CPU has FMA (one rounding instead of two: results differ from the plain module in the last bits).
 */
function relaxedMadd(text: string): string {
  const pattern = /\(f32x4\.add \(local\.get (\$\w+)\) \(f32x4\.mul \(local\.get (\$\w+)\) \(local\.get (\$\w+)\)\)\)/g;
  let count = 0;
  const out = text.replace(pattern, (_match, acc: string, a: string, b: string) => {
    count++;
    return `(f32x4.relaxed_madd (local.get ${a}) (local.get ${b}) (local.get ${acc}))`;
  });
  if (count === 0) throw new Error('relaxedMadd: no multiply-add of the expected form in the module');
  return out;
}

/**
 * `import bytes from './x.wat'` gives the module's binary as a Uint8Array: hand-written WebAssembly text
 * is assembled here, at build (and test) time, with wabt, and inlined as base64. The built app does not
 * ship or load wabt.
 */
function watModules(): Plugin {
  return {
    name: 'tau:wat',
    async load(id) {
      const relaxed = id.endsWith('.wat?relaxed');
      if (!id.endsWith('.wat') && !relaxed) return null;
      const file = relaxed ? id.slice(0, -'?relaxed'.length) : id;
      const { default: wabtInit } = await import('wabt');
      const wabt = await wabtInit();
      const text = readFileSync(file, 'utf8');
      const parsed = relaxed ? wabt.parseWat(file, relaxedMadd(text), { simd: true, relaxed_simd: true }) : wabt.parseWat(file, text, { simd: true });
      try {
        parsed.validate();
        const { buffer } = parsed.toBinary({});
        const base64 = Buffer.from(buffer).toString('base64');
        return `export default Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));`;
      } finally {
        parsed.destroy();
      }
    },
  };
}

// Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer).
// Everything is same-origin, so require-corp costs nothing.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The installable app: manifest + a Workbox service worker (src/sw.ts) that precaches everything the
 * studio needs to load and train offline — the app shell, worker chunks, TF.js's WASM binaries and the
 * sample datasets — and adds COOP/COEP on hosts that cannot (src/pwa/isolation.ts).
 */
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src',
  filename: 'sw.ts',
  registerType: 'prompt',
  injectRegister: false,
  includeManifestIcons: false,
  includeAssets: [],
  manifest: {
    id: './',
    name: 'Tau Studio',
    short_name: 'Tau Studio',
    description: 'Prepare data, train classifiers on your own GPU and share notebooks, all in one browser tab.',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f6f7f9',
    theme_color: '#2f6fdf',
    lang: 'en',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  },
  injectManifest: {
    globPatterns: ['**/*.{js,css,html,wasm,csv,svg,png,webmanifest}'],
    // The TF.js bundle in the worker is ~1.9 MB; the default 2 MiB cap is too close.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  },
  devOptions: { enabled: false },
});

export default defineConfig({
  base: './',
  plugins: [react(), watModules(), contentSecurityPolicy(), pwa],
  worker: { format: 'es', plugins: () => [tfjsWasmThreads(), watModules()] },
  server: { headers: isolationHeaders, host: 'localhost' },
  preview: { headers: isolationHeaders, host: 'localhost' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // A stray it.only / describe.only fails the run in CI (.ci/run sets CI=true) instead of skipping the rest.
    allowOnly: !process.env.CI,
  },
});
