#!/usr/bin/env node
// Issue 13: the longest main-thread task of a fresh page's FIRST start (fresh context: no HTTP or V8 code
// cache), per build, builds alternated load by load so that both see the same machine load. Long Tasks API
// (as e2e/tests/hostile.spec.ts reads it), no tracing or profiling (they change what V8 compiles and when).
// The longest task is read once the page settles: no long task for 1.5 s after `tau:interactive` (≤ 30 s).
// Usage: node scripts/measure/first-start-longest.mjs --dist a [--dist b …] [--loads 5] [--hash '#nb=…']
//        [--reload]
import { chromium } from 'playwright';
import { startServer } from '../serve.mjs';
import { ensureChromium, chromiumArgs } from '../chromium.mjs';
import { loadavg } from 'node:os';

const args = process.argv.slice(2);
const dists = [];
let loads = 5;
let hash = '';
let reload = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dist') dists.push(args[++i]);
  else if (args[i] === '--loads') loads = Number(args[++i]);
  else if (args[i] === '--hash') hash = args[++i];
  else if (args[i] === '--reload') reload = true;
  else throw new Error(`first-start-longest: unknown argument ${args[i]}`);
}
if (dists.length === 0) throw new Error('first-start-longest: give at least one --dist');

function observe() {
  const w = /** @type {{ __tasks: Array<[number, number]>, __lastEnd: number }} */ (/** @type {unknown} */ (window));
  w.__tasks = [];
  w.__lastEnd = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      w.__tasks.push([Math.round(e.startTime), Math.round(e.duration)]);
      w.__lastEnd = Math.max(w.__lastEnd, e.startTime + e.duration);
    }
  }).observe({ type: 'longtask', buffered: true });
}

async function settle(page) {
  await page.waitForFunction(() => performance.getEntriesByName('tau:interactive').length > 0, null, { timeout: 120_000 });
  await page.waitForFunction(
    () => {
      const w = /** @type {{ __lastEnd: number, __since?: number }} */ (/** @type {unknown} */ (window));
      w.__since ??= performance.now();
      return performance.now() - w.__lastEnd > 1500 || performance.now() - w.__since > 30_000;
    },
    null,
    { timeout: 60_000, polling: 250 },
  );
  return page.evaluate(() => {
    const w = /** @type {{ __tasks: Array<[number, number]> }} */ (/** @type {unknown} */ (window));
    const interactive = Math.round(performance.getEntriesByName('tau:interactive')[0].startTime);
    return { interactive, tasks: w.__tasks.slice() };
  });
}

async function load(browser, url) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(observe);
    const page = await context.newPage();
    await page.goto(url);
    let r = await settle(page);
    if (reload) {
      await page.reload();
      r = await settle(page);
    }
    return r;
  } finally {
    await context.close();
  }
}

const servers = await Promise.all(dists.map((root) => startServer({ root, port: 0 })));
const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs({ webgpu: true }) });
const longest = dists.map(() => /** @type {number[]} */ ([]));
try {
  await load(browser, servers[0].url); // warm-up (Chromium's own start)
  for (let i = 0; i < loads; i++) {
    for (let d = 0; d < dists.length; d++) {
      const r = await load(browser, `${servers[d].url}${hash}`);
      const max = r.tasks.reduce((m, t) => Math.max(m, t[1]), 0);
      longest[d].push(max);
      const big = r.tasks.filter((t) => t[1] >= 150).map((t) => `${t[0]}:${t[1]}`);
      console.log(`load ${i + 1} ${dists[d]}: longest ${max} ms; interactive ${r.interactive}; tasks ≥ 150 ms (at:ms) ${big.join(' ')}; load avg ${loadavg()[0].toFixed(1)}`);
    }
  }
  for (let d = 0; d < dists.length; d++) {
    const sorted = [...longest[d]].sort((a, b) => a - b);
    console.log(`${dists[d]}: longest task per ${reload ? 'reload' : 'first start'} ${longest[d].join(', ')} (median ${sorted[Math.floor(sorted.length / 2)]})`);
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
