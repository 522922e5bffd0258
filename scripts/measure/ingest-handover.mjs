// Where "file input → table in the page" spends its time (issue 19, target 3's hand-over): loads a CSV through the
// real file input and prints one line per load with the page's and the worker's marks on one clock (ms after
// setInputFiles began): the input's change event, the load-table post, the worker receiving it, parse end, profiles
// end (the worker's loadMarks, where the build has them), the page receiving the summary, the summary in the DOM,
// the next frame after it, and waitForLoad resolving in the page; plus the page's long tasks and the other worker
// calls answered meanwhile. Builds alternate per round so a loaded machine slows them alike.
// Usage: node scripts/measure/ingest-handover.mjs <file.csv> [--runs 3] [--dist dir]... (default: TAU_DIST_DIR or dist)
import { withApp } from '../tau/app.mjs';

const args = process.argv.slice(2);
const path = args[0];
if (!path || path.startsWith('--')) throw new Error('usage: node scripts/measure/ingest-handover.mjs <file.csv> [--runs N] [--dist dir]...');
/** @type {(string | undefined)[]} */
const dists = [];
let runs = 3;
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--dist') dists.push(args[++i]);
  else throw new Error(`ingest-handover: unknown argument ${args[i]} (use --runs N, --dist DIR)`);
}
if (!Number.isInteger(runs) || runs < 1) throw new Error('ingest-handover: --runs takes a positive integer');
if (dists.length === 0) dists.push(undefined);

/** @param {string | undefined} root */
async function measure(root) {
  return withApp({ webgpu: false, quiet: true, ...(root ? { root } : {}) }, async (page) => {
    await page.evaluate(() => {
      /** @type {[string, number][]} */
      const marks = [];
      /** @type {{ __handoverMarks?: [string, number][] }} */ (/** @type {unknown} */ (window)).__handoverMarks = marks;
      /** @param {string} what */
      const mark = (what) => marks.push([what, performance.now()]);
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) marks.push([`longtask ${Math.round(e.duration)}`, e.startTime]);
      }).observe({ type: 'longtask', buffered: false });
      /** @type {Map<number, string>} */
      const calls = new Map();
      // Mark each call the page posts and each answer it receives (the worker already exists or is made by the call).
      const post = Worker.prototype.postMessage;
      const wrapped = new WeakSet();
      /** @this {Worker} @param {unknown} message @param {StructuredSerializeOptions} [options] */
      const patched = function (message, options) {
        const m = /** @type {{ kind?: string, call?: string, id?: number }} */ (message);
        if (m && m.kind === 'call') {
          calls.set(Number(m.id), String(m.call));
          mark(`post ${m.call}`);
          const inner = this.onmessage;
          if (inner && !wrapped.has(inner)) {
            /** @this {Worker} @param {MessageEvent} event */
            const outer = function (event) {
              const d = /** @type {{ kind?: string, id?: number }} */ (event.data);
              const name = calls.get(Number(d?.id)) ?? 'a start-up call';
              if (d && d.kind !== 'progress') mark(`receive ${name}`);
              inner.call(this, event);
              if (d && d.kind !== 'progress') mark(`handled ${name}`);
            };
            wrapped.add(outer);
            this.onmessage = outer;
          }
        }
        return post.call(this, message, options);
      };
      Worker.prototype.postMessage = /** @type {typeof Worker.prototype.postMessage} */ (patched);
      document.querySelector('[data-testid="file-input"]')?.addEventListener('change', () => mark('change'), { capture: true });
      // The summary line appears in the Data section when the table is rendered; the next frame is when a person sees it.
      const observer = new MutationObserver(() => {
        if (!document.querySelector('[data-testid="dataset-summary"]')) return;
        observer.disconnect();
        mark('summary in the DOM');
        requestAnimationFrame(() => setTimeout(() => mark('next frame'), 0));
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    const origin = await page.evaluate(() => performance.timeOrigin);
    const t0 = await page.evaluate(() => performance.now());
    const started = Date.now();
    await page.setInputFiles('[data-testid="file-input"]', path);
    const loaded = await page.evaluate(async () => {
      const result = await window.tauStudio.waitForLoad();
      return { result, at: performance.now() };
    });
    const wall = (Date.now() - started) / 1000;
    await page.waitForTimeout(1500);
    const marks = (await page.evaluate(() => /** @type {{ __handoverMarks?: [string, number][] }} */ (/** @type {unknown} */ (window)).__handoverMarks)) ?? [];
    const summary = /** @type {{ parseSeconds?: number, profileSeconds?: number } | null} */ (loaded.result.ok ? loaded.result.value : null);
    // The worker's marks (epoch ms) on the page's clock; the inspect output does not carry them, so ask the store.
    const workerMarks = await page.evaluate(() => {
      const w = /** @type {{ tauStudio?: { loadMarks?: () => unknown } }} */ (/** @type {unknown} */ (window));
      return w.tauStudio?.loadMarks?.() ?? null;
    });
    /** @param {number} v */
    const rel = (v) => Math.round(v - t0);
    const timeline = marks.map(([what, at]) => [what, rel(at)]);
    const wm = /** @type {{ received: number, parsed: number, profiled: number } | null} */ (workerMarks);
    if (wm) for (const [k, v] of Object.entries(wm)) timeline.push([`worker ${k}`, Math.round(v - origin - t0)]);
    timeline.push(['waitForLoad resolved', rel(loaded.at)]);
    timeline.sort((a, b) => Number(a[1]) - Number(b[1]));
    return { root: root ?? 'dist', wall, parseSeconds: summary?.parseSeconds, profileSeconds: summary?.profileSeconds, timeline };
  });
}

for (let r = 0; r < runs; r++) {
  for (const root of dists) console.log(JSON.stringify(await measure(root)));
}
