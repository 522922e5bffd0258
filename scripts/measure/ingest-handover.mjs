// Where "file input → table in the page" spends the time the worker's own parse + profile does not:
// loads a CSV through the real file input twice and prints page-side marks (change event, the load-table
// post, every response received, long tasks) next to the worker's parseSeconds/profileSeconds.
// Usage: TAU_DIST_DIR=… node scripts/measure/ingest-handover.mjs <file.csv> [other-dist-root]
import { withApp } from '../tau/app.mjs';

const path = process.argv[2];
const root = process.argv[3];
if (!path) throw new Error('usage: node scripts/measure/ingest-handover.mjs <file.csv> [dist-root]');

for (let r = 0; r < 2; r++) {
  await withApp({ webgpu: false, quiet: true, ...(root ? { root } : {}) }, async (page) => {
    await page.evaluate(() => {
      /** @type {[string, number][]} */
      const marks = [];
      /** @type {{ __handoverMarks?: [string, number][] }} */ (/** @type {unknown} */ (window)).__handoverMarks = marks;
      /** @param {string} what */
      const mark = (what) => marks.push([what, Math.round(performance.now())]);
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) marks.push([`longtask ${Math.round(e.duration)}`, Math.round(e.startTime)]);
      }).observe({ type: 'longtask', buffered: false });
      // Mark each call the page posts and each answer it receives (the worker already exists or is made by the call).
      const post = Worker.prototype.postMessage;
      const wrapped = new WeakSet();
      /** @this {Worker} @param {unknown} message @param {StructuredSerializeOptions} [options] */
      const patched = function (message, options) {
        const m = /** @type {{ kind?: string, call?: string }} */ (message);
        if (m && m.kind === 'call') {
          mark(`post ${m.call}`);
          const inner = this.onmessage;
          if (inner && !wrapped.has(inner)) {
            /** @this {Worker} @param {MessageEvent} event */
            const outer = function (event) {
              const d = /** @type {{ kind?: string }} */ (event.data);
              if (d && d.kind !== 'progress') mark(`receive ${d.kind}`);
              inner.call(this, event);
              if (d && d.kind !== 'progress') mark(`handled ${d.kind}`);
            };
            wrapped.add(outer);
            this.onmessage = outer;
          }
        }
        return post.call(this, message, options);
      };
      Worker.prototype.postMessage = /** @type {typeof Worker.prototype.postMessage} */ (patched);
      document.querySelector('[data-testid="file-input"]')?.addEventListener('change', () => mark('change'), { capture: true });
    });
    const t0 = await page.evaluate(() => performance.now());
    const started = Date.now();
    await page.setInputFiles('[data-testid="file-input"]', path);
    const t1 = await page.evaluate(() => performance.now());
    const loaded = await page.evaluate(() => window.tauStudio.waitForLoad());
    const t2 = await page.evaluate(() => performance.now());
    const wall = (Date.now() - started) / 1000;
    const marks = await page.evaluate(() => /** @type {{ __handoverMarks?: [string, number][] }} */ (/** @type {unknown} */ (window)).__handoverMarks);
    const summary = /** @type {{ parseSeconds?: number, profileSeconds?: number } | null} */ (loaded.ok ? loaded.value : null);
    console.log(
      JSON.stringify({
        root: root ?? 'dist',
        wall,
        t0: Math.round(t0),
        setInputFilesDone: Math.round(t1),
        waitForLoadDone: Math.round(t2),
        parseSeconds: summary?.parseSeconds,
        profileSeconds: summary?.profileSeconds,
        marks,
      }),
    );
  });
}
