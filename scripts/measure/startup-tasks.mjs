#!/usr/bin/env node
// The page's long main-thread tasks at start-up (issue 13/19): N fresh loads of a built app (optionally with a
// link in the address, or reloaded once), each traced (Chromium trace, renderer main thread) and sampled (V8 CPU
// profile, 200 µs). Per load: every top-level task ≥ --min ms, what it ran (trace events by name, self time) and
// the functions the profiler sampled inside it (self time, by function and script). Tracing and sampling slow
// the page: read the split, not the absolute figures.
// Usage: node scripts/measure/startup-tasks.mjs [--loads 3] [--dist dir] [--hash '#nb=…' | --hash-file f]
//        [--reload] [--min 50] [--top 12]
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright';
import { startServer, distDir } from '../serve.mjs';
import { ensureChromium, chromiumArgs } from '../chromium.mjs';
import { CATEGORIES, mainThreadTasks, ms, sampledSelfIn, topOf } from './trace-tasks.mjs';

const args = process.argv.slice(2);
let loads = 3;
let dist = distDir;
let hash = '';
let reload = false;
let min = 50;
let top = 12;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--loads') loads = Number(args[++i]);
  else if (args[i] === '--dist') dist = args[++i];
  else if (args[i] === '--hash') hash = args[++i];
  else if (args[i] === '--hash-file') hash = readFileSync(args[++i], 'utf8').trim();
  else if (args[i] === '--reload') reload = true;
  else if (args[i] === '--min') min = Number(args[++i]);
  else if (args[i] === '--top') top = Number(args[++i]);
  else throw new Error(`startup-tasks: unknown argument ${args[i]}`);
}

async function load(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (reload) {
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('tau:interactive').length > 0, null, { timeout: 120_000 });
      await page.waitForTimeout(3000);
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await browser.startTracing(page, { categories: CATEGORIES });
    if (reload) await page.reload();
    else await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('tau:interactive').length > 0, null, { timeout: 120_000 });
    // What start-up leaves for later (autosave, deferred panels, the backend probe) runs in the next seconds.
    await page.waitForTimeout(4000);
    const marks = await page.evaluate(() => Object.fromEntries(['tau:main', 'tau:render', 'tau:interactive'].map((n) => [n, Math.round(performance.getEntriesByName(n)[0]?.startTime ?? -1)])));
    const buffer = await browser.stopTracing();
    const { profile } = await cdp.send('Profiler.stop');
    const trace = JSON.parse(buffer.toString('utf8'));
    const { mark, tasks } = mainThreadTasks(Array.isArray(trace) ? trace : trace.traceEvents, 'tau:interactive', { minMs: min });
    // Task start on the page's clock (ms since navigation), through the interactive mark.
    return {
      marks,
      tasks: tasks.map((t) => ({
        at: Math.round((t.ts - mark) / 1000 + marks['tau:interactive']),
        ms: ms(t.dur),
        trace: topOf(t.self, top),
        sampled: topOf(sampledSelfIn(profile, t.ts, t.ts + t.dur), top),
      })),
    };
  } finally {
    await context.close();
  }
}

const server = await startServer({ root: dist });
const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs({ webgpu: true }) });
try {
  await load(browser, server.url); // warm-up (Chromium's own start)
  for (let i = 0; i < loads; i++) {
    const r = await load(browser, `${server.url}${hash}`);
    console.log(`\n=== load ${i + 1}${reload ? ' (reload)' : ''}: marks ${JSON.stringify(r.marks)}; tasks ≥ ${min} ms (at: ms): ${r.tasks.map((t) => `${t.at}: ${t.ms}`).join(', ')}`);
    for (const t of r.tasks) {
      console.log(`--- task at ${t.at} ms: ${t.ms} ms\n  trace (self):\n    ${t.trace.join('\n    ')}\n  sampled (self):\n    ${t.sampled.join('\n    ')}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
