// Issue 19, target 4b: cold start to interactive, measured in isolation (round 7).
//
// Before round 7 the bench's cold page opened beside the app page of `withApp`, whose service worker was
// installing its ~5.6 MB precache and whose worker was loading TF.js for the backend probe at that very
// moment; and it waited for the mark with Playwright's `waitForFunction`, whose first call evaluates
// Playwright's injected script (~130 ms of main-thread work in a traced cold load at load ~10) in the page
// before `tau:interactive`. Both slowed the figure the bench reported without being part of a person's visit.
//
// Here: a browser and server of their own, nothing else open; one warm-up visit (the browser's own first
// navigation: process and GPU-process start-up, which a person's already-open browser has done); then a
// blank page from the same server (the floor: navigation, a new renderer, one paint), the React floor (the
// fixed stack alone: React + Vite, one button, the same interactive mark) and the app, each in a fresh context (no cache, no service worker, no storage). The page reports its marks through a
// tiny init script and the console (the DevTools protocol's console events), so no driver code runs in
// the page during the start-up.
import { chromium } from 'playwright';
import { startServer } from '../../scripts/serve.mjs';
import { ensureChromium, chromiumArgs } from '../../scripts/chromium.mjs';
import { buildIfNeeded } from '../../scripts/build-if-needed.mjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * The React floor (bench/react-floor): the studio's React and Vite with one button and the studio's
 * interactive mark. Built once per bench process into a temporary folder.
 * @type {Promise<string> | null}
 */
let reactFloorDist = null;
function buildReactFloor() {
  reactFloorDist ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tau-react-floor-'));
    await build({ configFile: false, root: fileURLToPath(new URL('../react-floor', import.meta.url)), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    return outDir;
  })();
  return reactFloorDist;
}

const BLANK_PATH = '/__bench/blank.html';
const REPORT = '__tau_bench_marks__';

/** Runs in the page at document start: reports the navigation's paints and the app's marks on the console. */
function reportMarks(prefix) {
  const seen = {};
  const send = () => console.debug(prefix + JSON.stringify(seen));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen[e.name] = e.startTime;
    if ('tau:interactive' in seen || 'first-contentful-paint' in seen) send();
  }).observe({ entryTypes: ['mark', 'paint'] });
}

/**
 * One visit in a fresh context; resolves when `until` is among the reported entries.
 * @param {import('playwright').Browser} browser @param {string} url @param {string} until
 */
async function visit(browser, url, until) {
  const context = await browser.newContext();
  try {
    await context.route(`**${BLANK_PATH}`, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="en"><title>blank</title><p>A blank page.</p></html>' }),
    );
    await context.addInitScript(reportMarks, REPORT);
    const page = await context.newPage();
    const reported = page.waitForEvent('console', { predicate: (m) => m.text().startsWith(REPORT) && until in JSON.parse(m.text().slice(REPORT.length)), timeout: 120_000 });
    await page.goto(url, { waitUntil: 'commit' });
    const marks = JSON.parse((await reported).text().slice(REPORT.length));
    // Afterwards (nothing left to disturb): the navigation's own timing.
    const nav = await page.evaluate(() => {
      const n = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
      return { htmlResponseEndMs: n.responseEnd, domInteractiveMs: n.domInteractive };
    });
    return { ...marks, ...nav };
  } finally {
    await context.close();
  }
}

/**
 * Cold start to `tau:interactive` of the built app in `root` (default: the configured dist), and the blank
 * page's first contentful paint in the same browser (the floor), `visits` times each, interleaved.
 * @param {{ root?: string, visits?: number }} [options]
 */
export async function coldStart({ root, visits = 1 } = {}) {
  buildIfNeeded();
  const server = await startServer(root ? { root } : {});
  const floorServer = await startServer({ root: await buildReactFloor() });
  const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs({ webgpu: false }) });
  try {
    const blankUrl = new URL(BLANK_PATH, server.url).href;
    await visit(browser, blankUrl, 'first-contentful-paint'); // warm-up, not counted
    const runs = [];
    for (let i = 0; i < visits; i++) {
      const blank = await visit(browser, blankUrl, 'first-contentful-paint');
      const reactFloor = await visit(browser, floorServer.url, 'tau:interactive');
      const app = await visit(browser, server.url, 'tau:interactive');
      runs.push({
        interactiveMs: app['tau:interactive'],
        firstContentfulPaintMs: app['first-contentful-paint'] ?? null,
        mainMs: app['tau:main'] ?? null,
        renderMs: app['tau:render'] ?? null,
        htmlResponseEndMs: app.htmlResponseEndMs,
        blankPageMs: blank['first-contentful-paint'],
        reactFloorMs: reactFloor['tau:interactive'],
      });
    }
    return runs;
  } finally {
    await browser.close();
    await server.close();
    await floorServer.close();
  }
}
