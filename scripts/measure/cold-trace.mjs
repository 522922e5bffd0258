#!/usr/bin/env node
// Cold start to interactive, broken down from a Chromium trace (issue 19, 4b): N loads of each build in a
// fresh browser context, alternating builds so a loaded machine slows them alike. Per load, the renderer's
// main thread from navigation start to `tau:interactive`, by what it did (self time of trace events,
// grouped): navigation commit, HTML parse, CSS parse, script compile, script run (module evaluation and
// React), style + layout, paint; wall and CPU (thread) milliseconds. CPU time is steadier than wall time on
// a busy machine. Tracing itself slows the page: compare builds within one run, not with the bench.
// Usage: node scripts/measure/cold-trace.mjs [--loads 3] [--dist dir]... (default: TAU_DIST_DIR or dist)
import { chromium } from 'playwright';
import { startServer, distDir } from '../serve.mjs';
import { ensureChromium, chromiumArgs } from '../chromium.mjs';

const args = process.argv.slice(2);
const dists = [];
let loads = 3;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--loads') loads = Number(args[++i]);
  else if (args[i] === '--dist') dists.push(args[++i]);
  else throw new Error(`cold-trace: unknown argument ${args[i]} (use --loads N, --dist DIR)`);
}
if (!Number.isInteger(loads) || loads < 1) throw new Error('cold-trace: --loads takes a positive integer');
if (dists.length === 0) dists.push(distDir);

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'blink.user_timing', 'loading', 'navigation', 'toplevel'];

/** Trace event name → phase of the start-up (self time is attributed to the innermost event). */
function phaseOf(name) {
  if (/CommitNavigation|CreateFrame|CreateView|CreateWebView|DocumentLoader|WindowProxy|ScriptContext/.test(name)) return 'navigation commit';
  if (/ParseHTML|HTMLDocumentParser|Tokenizer/.test(name)) return 'HTML parse';
  if (/StyleSheet/.test(name)) return 'CSS parse';
  if (/Compile|Parse(Program|Function)|CollectSourcePositions|v8\.compile|StreamingCompile/.test(name)) return 'script compile';
  if (/evaluateModule|EvaluateScript|FunctionCall|callFunction|RunMicrotasks|Microtask|v8\.run|TimerFire|FireAnimationFrame|GC|V8\./.test(name)) return 'script run';
  if (/Style|Layout|layout|Shape|Font/.test(name)) return 'style + layout';
  if (/Paint|Composit|Layer|Raster/.test(name)) return 'paint';
  return 'other';
}

/** Self time per phase on the renderer main thread between navigation start and the interactive mark. */
function analyse(events) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const mark = events.find((e) => e.name === 'tau:interactive');
  if (!mark) throw new Error('cold-trace: no tau:interactive in the trace');
  // The mark carries its document's navigation id; that navigation's start is the page's time origin.
  // (Chromium 14x's user-timing marks carry no navigationId: then the renderer's last navigationStart before the mark.)
  const navigation =
    events.find((e) => e.name === 'navigationStart' && mark.args?.data?.navigationId && e.args?.data?.navigationId === mark.args.data.navigationId) ??
    events.filter((e) => e.name === 'navigationStart' && e.pid === mark.pid && e.ts <= mark.ts).sort((a, b) => b.ts - a.ts)[0] ??
    events.filter((e) => e.name === 'navigationStart' && e.ts <= mark.ts).sort((a, b) => b.ts - a.ts)[0];
  if (!navigation) throw new Error('cold-trace: no navigationStart for the page');
  const start = navigation.ts;
  const end = mark.ts;
  const main = [...names].find(([key, name]) => name === 'CrRendererMain' && key.startsWith(`${mark.pid}:`))?.[0];
  const slices = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.ts < end && e.ts + (e.dur ?? 0) > start).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const wall = {};
  const cpu = {};
  const stack = [];
  const close = (until) => {
    while (stack.length && stack[stack.length - 1].end <= until) stack.pop();
  };
  let busyWall = 0;
  let busyCpu = 0;
  for (const e of slices) {
    close(e.ts);
    const dur = Math.min(e.ts + (e.dur ?? 0), end) - Math.max(e.ts, start);
    const tdur = (e.tdur ?? e.dur ?? 0) * (dur / Math.max(e.dur ?? 1, 1));
    const parent = stack[stack.length - 1];
    if (parent) {
      // Take this slice's time out of its parent's self time.
      wall[parent.phase] -= dur;
      cpu[parent.phase] -= tdur;
    } else {
      busyWall += dur;
      busyCpu += tdur;
    }
    const phase = phaseOf(e.name);
    wall[phase] = (wall[phase] ?? 0) + dur;
    cpu[phase] = (cpu[phase] ?? 0) + tdur;
    stack.push({ end: e.ts + (e.dur ?? 0), phase });
  }
  const ms = (v) => Math.round(v / 1000);
  return {
    interactive: ms(end - start),
    mainThreadBusy: ms(busyWall),
    mainThreadCpu: ms(busyCpu),
    ...Object.fromEntries(Object.entries(wall).map(([k, v]) => [k, ms(v)])),
    ...Object.fromEntries(Object.entries(cpu).map(([k, v]) => [`${k} (cpu)`, ms(v)])),
  };
}

async function tracedLoad(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('tau:interactive').length > 0, null, { timeout: 120_000, polling: 100 });
    const timing = await page.evaluate(() => {
      const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      return { htmlEnd: nav.responseEnd, domInteractive: nav.domInteractive, main: mark('tau:main'), render: mark('tau:render'), fcp: mark('first-contentful-paint') };
    });
    const buffer = await browser.stopTracing();
    if (process.env.COLD_TRACE_KEEP) (await import('node:fs')).writeFileSync(process.env.COLD_TRACE_KEEP, buffer);
    const trace = JSON.parse(buffer.toString('utf8'));
    const round = Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, v === null ? null : Math.round(v)]));
    return { ...round, ...analyse(Array.isArray(trace) ? trace : trace.traceEvents) };
  } finally {
    await context.close();
  }
}

function median(values) {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : Math.round((sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2);
}

const servers = await Promise.all(dists.map((root) => startServer({ root })));
const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs({ webgpu: false }) });
try {
  for (const server of servers) await tracedLoad(browser, server.url); // warm-up (Chromium's own start), not counted
  /** @type {Record<string, number | null>[][]} */
  const samples = dists.map(() => []);
  for (let i = 0; i < loads; i++) for (let b = 0; b < dists.length; b++) samples[b].push(await tracedLoad(browser, servers[b].url));
  const builds = dists.map((dist, b) => {
    const keys = [...new Set(samples[b].flatMap((s) => Object.keys(s)))];
    return { dist, median: Object.fromEntries(keys.map((k) => [k, median(samples[b].map((s) => s[k]))])), loads: samples[b] };
  });
  console.log(JSON.stringify({ loads, builds }, null, 2));
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
