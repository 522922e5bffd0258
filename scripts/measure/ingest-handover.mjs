// Where "file input → table in the page" spends the time the worker's own parse + profile does not:
// loads a CSV through the real file input twice and prints page-side marks (change event, the load-table
// post, every response received, long tasks) next to the worker's parseSeconds/profileSeconds.
// Usage: TAU_DIST_DIR=… node scripts/measure/ingest-handover.mjs <file.csv> [other-dist-root]
import { withApp } from '../tau/app.mjs';
const path = process.argv[2];
const root = process.argv[3];
for (let r = 0; r < 2; r++) {
  await withApp({ webgpu: false, quiet: true, ...(root ? { root } : {}) }, async (page) => {
    await page.evaluate(() => {
      const marks = (window.__marks = []);
      const mark = (what) => marks.push([what, Math.round(performance.now())]);
      window.__mark = mark;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) marks.push(['longtask ' + Math.round(e.duration), Math.round(e.startTime)]);
      }).observe({ type: 'longtask', buffered: false });
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (message, ...rest) {
        if (message && message.kind === 'call') {
          mark('post ' + message.call);
          if (this.onmessage && !this.onmessage.__wrapped) {
            const inner = this.onmessage;
            const wrapped = function (event) {
              const d = event.data;
              if (d && d.kind !== 'progress') mark('receive ' + d.kind);
              const r = inner.call(this, event);
              if (d && d.kind !== 'progress') mark('handled ' + d.kind);
              return r;
            };
            wrapped.__wrapped = true;
            this.onmessage = wrapped;
          }
        }
        return post.call(this, message, ...rest);
      };
      const input = document.querySelector('[data-testid="file-input"]');
      input.addEventListener('change', () => mark('change'), { capture: true });
    });
    const t0 = await page.evaluate(() => performance.now());
    const started = Date.now();
    await page.setInputFiles('[data-testid="file-input"]', path);
    const t1 = await page.evaluate(() => performance.now());
    const loaded = await page.evaluate(() => window.tauStudio.waitForLoad());
    const t2 = await page.evaluate(() => performance.now());
    const wall = (Date.now() - started) / 1000;
    const marks = await page.evaluate(() => window.__marks);
    const v = loaded.value ?? {};
    console.log(
      JSON.stringify({
        root: root ?? 'dist',
        wall,
        t0: Math.round(t0),
        setInputFilesDone: Math.round(t1),
        waitForLoadDone: Math.round(t2),
        parseSeconds: v.parseSeconds,
        profileSeconds: v.profileSeconds,
        keys: Object.keys(v).slice(0, 30),
        marks,
      }),
    );
  });
}
