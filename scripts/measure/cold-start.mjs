#!/usr/bin/env node
// Cold start to interactive, with where the time goes: N loads of the built app, each in a fresh browser
// context (nothing cached), alternating between the builds given so a loaded machine slows them alike.
// Per load: navigation (HTML response end, DOMContentLoaded), the JS fetched before `tau:interactive`,
// the app's own start-up marks (tau:main … tau:interactive), first contentful paint, and long tasks.
// Usage: node scripts/measure/cold-start.mjs [--loads 10] [--dist dir]... (default: TAU_DIST_DIR or dist)
// Prints one JSON object: per build, the median and range of every phase (ms from navigation start).
import { chromium } from 'playwright';
import { startServer, distDir } from '../serve.mjs';
import { ensureChromium, chromiumArgs } from '../chromium.mjs';

const args = process.argv.slice(2);
const dists = [];
let loads = 10;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--loads') loads = Number(args[++i]);
  else if (args[i] === '--dist') dists.push(args[++i]);
  else throw new Error(`cold-start: unknown argument ${args[i]} (use --loads N, --dist DIR)`);
}
if (!Number.isInteger(loads) || loads < 1) throw new Error('cold-start: --loads takes a positive integer');
if (dists.length === 0) dists.push(distDir);

/** One cold load: the page's performance timeline once `tau:interactive` is set. */
async function coldLoad(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      // Start times and durations, in pairs (the page global is typed as number[]).
      window.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.startTime, e.duration))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('tau:interactive').length > 0, null, { timeout: 120_000 });
    // Controls work when the mark fires: the title field takes typing.
    const title = page.getByTestId('notebook-title');
    await title.fill('cold start');
    if ((await title.inputValue()) !== 'cold start') throw new Error('cold-start: the title field did not take typing after tau:interactive');
    return await page.evaluate(() => {
      const interactive = performance.getEntriesByName('tau:interactive')[0].startTime;
      const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
      const marks = Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('tau:'))
          .map((m) => [m.name, m.startTime]),
      );
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const scripts = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'))
        .filter((r) => /\.(js|css)$/.test(new URL(r.name).pathname) && r.startTime < interactive)
        .map((r) => ({ file: new URL(r.name).pathname.split('/').pop(), start: r.startTime, end: r.responseEnd }));
      const longTasks = [];
      for (let i = 0; i + 1 < window.__longTasks.length; i += 2) if (window.__longTasks[i] < interactive) longTasks.push({ start: window.__longTasks[i], duration: window.__longTasks[i + 1] });
      return {
        htmlEnd: nav.responseEnd,
        domInteractive: nav.domInteractive,
        domContentLoaded: nav.domContentLoadedEventEnd,
        lastAssetBeforeInteractive: scripts.reduce((a, s) => Math.max(a, s.end), 0),
        fcp,
        ...marks,
        longTasksBeforeInteractive: longTasks.reduce((a, t) => a + t.duration, 0),
        longestTaskBeforeInteractive: longTasks.reduce((a, t) => Math.max(a, t.duration), 0),
        assets: scripts.length,
      };
    });
  } finally {
    await context.close();
  }
}

function summarize(samples) {
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s)))];
  const out = {};
  for (const key of keys) {
    const values = samples
      .map((s) => s[key])
      .filter((v) => typeof v === 'number')
      .sort((a, b) => a - b);
    if (values.length === 0) continue;
    const median = values.length % 2 ? values[(values.length - 1) / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    out[key] = { median: Math.round(median), min: Math.round(values[0]), max: Math.round(values[values.length - 1]) };
  }
  return out;
}

const servers = await Promise.all(dists.map((root) => startServer({ root })));
const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs({ webgpu: false }) });
try {
  /** @type {Record<string, number>[][]} */
  const samples = dists.map(() => []);
  // One warm-up load per build (Chromium's own start, disk cache of the binary), not counted.
  for (const server of servers) await coldLoad(browser, server.url);
  for (let i = 0; i < loads; i++) {
    for (let b = 0; b < dists.length; b++) samples[b].push(await coldLoad(browser, servers[b].url));
  }
  const result = {
    loads,
    builds: dists.map((dist, b) => ({ dist, ...summarize(samples[b]), interactiveSamples: samples[b].map((s) => Math.round(s['tau:interactive'])) })),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
