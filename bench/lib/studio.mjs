// Studio measurements through the headless runner's app harness: the real built app in Chromium.
import { join } from 'node:path';
import { withApp, loadData, unwrap } from '../../scripts/tau/app.mjs';
import { projectRoot } from '../../scripts/serve.mjs';
import { samplePeak } from './memory.mjs';
import { coldStart } from './coldstart.mjs';

/**
 * The app's Content-Security-Policy (script-src 'self') blocks inline scripts, which is what
 * `addScriptTag({ path })` injects; so papaparse is served as a file from the app's own origin (a
 * route on the context, which also sees requests that go through the app's service worker) and loaded
 * with a script element pointing at it.
 */
const PAPAPARSE_PATH = '/__bench/papaparse.min.js';

/** @param {string} path @param {{ root?: string }} [options] root: serve another build (the bench's baseline) */
export async function studioIngest(path, { root } = {}) {
  return withApp({ webgpu: false, root }, async (page) => {
    const sampler = samplePeak(process.pid);
    const started = Date.now();
    const summary = await loadData(page, { data: path });
    // As a person waits: file input to the page's store holding the table (includes the transfer to the page).
    const wallSeconds = (Date.now() - started) / 1000;
    const memory = sampler.stop();
    return {
      parseSeconds: summary.parseSeconds,
      profileSeconds: summary.profileSeconds,
      wallSeconds,
      ...(summary.parseTimings ? { parseTimings: summary.parseTimings } : {}),
      rows: summary.rows,
      bytes: summary.bytes,
      memory,
    };
  });
}

/** papaparse in the same browser (main thread), typed or raw, counting rows in chunks (its fastest mode). */
export async function papaparseIngest(path, dynamicTyping) {
  return withApp({ webgpu: false }, async (page, { context, server }) => {
    const url = new URL(PAPAPARSE_PATH, server.url).href;
    await context.route(url, (route) => route.fulfill({ path: join(projectRoot, 'node_modules', 'papaparse', 'papaparse.min.js'), contentType: 'text/javascript' }));
    await page.addScriptTag({ url });
    if (!(await page.evaluate(() => typeof window.Papa?.parse === 'function'))) throw new Error(`bench: papaparse did not load from ${url}`);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'bench-input';
      document.body.append(input);
    });
    await page.setInputFiles('#bench-input', path);
    const sampler = samplePeak(process.pid);
    const result = await page.evaluate(
      (typed) =>
        new Promise((resolve, reject) => {
          const file = /** @type {HTMLInputElement} */ (document.getElementById('bench-input')).files?.[0];
          if (!file) throw new Error('bench: the file input is empty');
          let rows = 0;
          const started = performance.now();
          window.Papa.parse(file, {
            header: false,
            dynamicTyping: typed,
            skipEmptyLines: true,
            chunk: (results) => {
              rows += results.data.length;
            },
            complete: () => resolve({ seconds: (performance.now() - started) / 1000, rows: rows - 1, bytes: file.size }),
            error: (error) => reject(new Error(String(error))),
          });
        }),
      dynamicTyping,
    );
    return { ...result, memory: sampler.stop() };
  });
}

/** @param {object} flags @param {{ webgpu?: boolean, root?: string }} [options] */
export async function studioTrain(flags, { webgpu = true, root } = {}) {
  return withApp({ webgpu, root }, async (page) => {
    await loadData(page, flags);
    const started = Date.now();
    const result = unwrap(await page.evaluate((o) => window.tauStudio.train(o), flags.options));
    return { ...result, wallSeconds: (Date.now() - started) / 1000 };
  });
}

/**
 * Lets the page settle after a result before the next step: the work that follows a result (the Predict
 * panel's model-info, the weights embedding, autosave) runs in the second after the headline. The runner's
 * train call resolves at the headline, so without this the warm run would overlap the cold run's aftermath
 * and the long-task reading would miss it. A person does not press Train again within a second either.
 */
/** @param {import('playwright').Page} page @param {number} [quietMs] */
export async function settle(page, quietMs = 1000) {
  await page.waitForTimeout(quietMs);
  // Then three idle periods in a row with ≥ 40 ms to spare on the main thread (timeout: a busy machine).
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        let quiet = 0;
        const started = performance.now();
        const tick = () =>
          requestIdleCallback(
            (deadline) => {
              quiet = deadline.timeRemaining() >= 40 ? quiet + 1 : 0;
              if (quiet >= 3 || performance.now() - started > 5000) resolve(undefined);
              else tick();
            },
            { timeout: 1000 },
          );
        tick();
      }),
  );
}

/**
 * Waits until the app's service worker has installed (its precache, ~5.6 MB of every chunk, WASM binary and
 * sample, is fetched, written to Cache Storage and compiled for V8's code cache) and settles. Each bench page
 * is a fresh browser context, a first visit: without this wait the precache runs beside the measured training
 * (in traces of the warm run at load ~12: the service worker, the browser process and V8's compiler threads
 * busy while the worker trained), which a returning user's page does not have. Builds without a service
 * worker, or one that does not install within 20 s, go on after the wait (said on stderr).
 */
/** @param {import('playwright').Page} page */
export async function serviceWorkerInstalled(page) {
  const state = await page.evaluate(
    () =>
      new Promise((resolve) => {
        if (!('serviceWorker' in navigator)) return resolve('no service worker');
        const timer = setTimeout(() => resolve('not installed after 20 s'), 20_000);
        void navigator.serviceWorker.ready.then(() => {
          clearTimeout(timer);
          resolve('ready');
        });
      }),
  );
  if (state !== 'ready') process.stderr.write(`bench: service worker ${state}; measuring anyway\n`);
  await settle(page);
}

/**
 * The same training twice in one page: the first from a cold worker (TF.js and the backend load), the
 * second on a warm page, as a user pressing Train again gets it. Returns both results with wall times.
 */
/** @param {object} flags @param {{ webgpu?: boolean, root?: string }} [options] */
export async function studioTrainColdWarm(flags, { webgpu = true, root } = {}) {
  return withApp({ webgpu, root }, async (page) => {
    await serviceWorkerInstalled(page);
    await loadData(page, flags);
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      const result = unwrap(await page.evaluate((o) => window.tauStudio.train(o), flags.options));
      runs.push({ ...result, wallSeconds: (Date.now() - started) / 1000 });
      await settle(page);
    }
    return { cold: runs[0], warm: runs[1] };
  });
}

/** Cold start to interactive, and the longest main-thread task while training (and as its result arrives). */
/** @param {{ root?: string }} [options] root: serve another build (the bench's baseline) */
export async function studioApp({ root } = {}) {
  // Cold start first, in a browser of its own with nothing else open (bench/lib/coldstart.mjs says why).
  const [cold] = await coldStart({ root });
  return withApp({ webgpu: false, root }, async (page) => {
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
    });
    await loadData(page, { sample: 'penguins' });
    await page.evaluate(() => (window.__longTasks = []));
    unwrap(await page.evaluate(() => window.tauStudio.train({ target: 'Species', model: 'mlp', epochs: 60, backend: 'wasm', validationSize: 0.1 })));
    // The result's aftermath (model-info, Predict form, weights embedding) counts as "when results arrive".
    await settle(page);
    const longTasks = await page.evaluate(() => window.__longTasks);
    return {
      ...cold,
      longTasksDuringTraining: longTasks.length,
      longestTaskMs: longTasks.reduce((a, b) => Math.max(a, b), 0),
      // All main-thread time spent in tasks ≥ 50 ms: steadier than the single longest task on a busy machine.
      longTaskTotalMs: longTasks.reduce((a, b) => a + b, 0),
    };
  });
}
