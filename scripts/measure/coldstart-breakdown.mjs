#!/usr/bin/env node
// Issue 19 target 4b: where a cold start's time goes, in the bench's setting (the repository's static server,
// a fresh browser context per visit, nothing cached). For each build given, and a blank page (the floor):
// Navigation Timing, paint timings, the marks tau:main / tau:render / tau:interactive, and Resource Timing of
// every request before tau:interactive. With --busy it also measures with a second context holding the app
// page (TF.js idle, the service worker installing its precache), as the bench's studioApp did before round 7.
//   node scripts/measure/coldstart-breakdown.mjs [--repeats 5] [--busy] [--json out.json] <dist> [<dist> …]
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright';
import { startServer } from '../serve.mjs';
import { ensureChromium, chromiumArgs } from '../chromium.mjs';

const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = argv.splice(i, 2);
  return value;
};
const repeats = Number(flag('--repeats') ?? 5);
const jsonOut = flag('--json');
const busyIndex = argv.indexOf('--busy');
const busy = busyIndex >= 0;
if (busy) argv.splice(busyIndex, 1);
const roots = argv;
if (roots.length === 0) throw new Error('give one or more built dist folders');

const BLANK = '/__blank.html';
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

async function visit(browser, url, { blank }) {
  const context = await browser.newContext();
  if (blank) {
    await context.route(`**${BLANK}`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title><p>blank</p>' }));
  }
  const page = await context.newPage();
  await page.goto(url);
  if (!blank) await page.waitForFunction(() => performance.getEntriesByName('tau:interactive').length > 0, null, { timeout: 60_000 });
  else await page.waitForFunction(() => performance.getEntriesByType('paint').length > 0 || document.readyState === 'complete');
  const data = await page.evaluate(() => {
    const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
    const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
    const paint = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
    const interactive = mark('tau:interactive');
    const resources = performance
      .getEntriesByType('resource')
      .map((e) => /** @type {PerformanceResourceTiming} */ (e))
      .filter((r) => interactive === null || r.startTime <= interactive)
      .map((r) => ({ name: r.name.replace(location.origin, ''), start: r.startTime, responseStart: r.responseStart, end: r.responseEnd, bytes: r.transferSize, initiator: r.initiatorType }));
    return {
      nav: { responseStart: nav.responseStart, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd },
      paint,
      main: mark('tau:main'),
      render: mark('tau:render'),
      interactive,
      resources,
    };
  });
  await context.close();
  return data;
}

const executablePath = ensureChromium();
const results = {};
for (const root of roots) {
  const server = await startServer({ root });
  const browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs({ webgpu: false }) });
  let busyContext;
  try {
    if (busy) {
      busyContext = await browser.newContext();
      const page = await busyContext.newPage();
      await page.addInitScript(() => (window.__tauAutomation = true));
      await page.goto(server.url);
      await page.waitForFunction(() => Boolean(window.tauStudio));
    }
    /** @type {{ app: Awaited<ReturnType<typeof visit>>[], blank: Awaited<ReturnType<typeof visit>>[] }} */
    const runs = { app: [], blank: [] };
    // Alternate blank and app so machine load affects both alike; one warm-up visit of each first (the browser
    // process's own first-navigation costs), not counted.
    await visit(browser, new URL(BLANK, server.url).href, { blank: true });
    await visit(browser, server.url, { blank: false });
    for (let i = 0; i < repeats; i++) {
      runs.blank.push(await visit(browser, new URL(BLANK, server.url).href, { blank: true }));
      runs.app.push(await visit(browser, server.url, { blank: false }));
    }
    results[root] = runs;
    const m = (f) => median(runs.app.map(f)).toFixed(0);
    console.log(`\n${root}${busy ? ' (busy: app page open in another context)' : ''}: ${repeats} cold visits`);
    console.log(`  blank page: first paint ${median(runs.blank.map((r) => r.paint['first-paint'] ?? r.nav.load)).toFixed(0)} ms, load ${median(runs.blank.map((r) => r.nav.load)).toFixed(0)} ms`);
    console.log(
      `  app: html responseEnd ${m((r) => r.nav.responseEnd)}, first-paint ${m((r) => r.paint['first-paint'] ?? NaN)}, domInteractive ${m((r) => r.nav.domInteractive)}, tau:main ${m((r) => r.main)}, tau:render ${m((r) => r.render)}, tau:interactive ${m((r) => r.interactive)} (range ${runs.app.reduce((a, r) => Math.min(a, r.interactive), Infinity).toFixed(0)}–${runs.app.reduce((a, r) => Math.max(a, r.interactive), 0).toFixed(0)}), load ${m((r) => r.nav.load)}`,
    );
    const last = runs.app[Math.floor(repeats / 2)];
    console.log(`  requests before interactive (visit ${Math.floor(repeats / 2) + 1}): name start responseStart end bytes`);
    for (const r of last.resources)
      console.log(`    ${r.name.padEnd(48)} ${r.start.toFixed(0).padStart(5)} ${r.responseStart.toFixed(0).padStart(5)} ${r.end.toFixed(0).padStart(5)} ${String(r.bytes).padStart(8)} ${r.initiator}`);
  } finally {
    await busyContext?.close();
    await browser.close();
    await server.close();
  }
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
