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

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'blink.user_timing', 'loading', 'toplevel'];

function label(e) {
  const d = e.args?.data ?? {};
  const url = (d.url ?? d.fileName ?? '').split('/').pop();
  if (e.name === 'FunctionCall') return `FunctionCall ${d.functionName || '(anon)'} ${url}`;
  if (e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule' || /compile/i.test(e.name)) return `${e.name} ${url}`;
  if (e.name === 'TimerFire' || e.name === 'FireIdleCallback' || e.name === 'EventDispatch') return `${e.name} ${d.type ?? ''}`;
  return e.name;
}

function tasksOf(events, min) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  // The page's renderer: the process that set the interactive mark (tracing records every renderer).
  const mark = events.filter((e) => e.name === 'tau:interactive').pop();
  if (!mark) throw new Error('startup-tasks: no tau:interactive in the trace');
  const mains = new Set([...names].filter(([k, n]) => n === 'CrRendererMain' && k.startsWith(`${mark.pid}:`)).map(([k]) => k));
  const slices = events.filter((e) => mains.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  const stack = [];
  for (const e of slices) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (!parent) {
      const task = { ts: e.ts, dur: e.dur, self: new Map(), thread: `${e.pid}:${e.tid}` };
      tasks.push(task);
      stack.push({ end: e.ts + e.dur, task, key: label(e) });
      task.self.set(label(e), e.dur);
      continue;
    }
    const { task } = parent;
    task.self.set(parent.key, (task.self.get(parent.key) ?? 0) - e.dur);
    const key = label(e);
    task.self.set(key, (task.self.get(key) ?? 0) + e.dur);
    stack.push({ end: e.ts + e.dur, task, key });
  }
  return { mark: mark.ts, tasks: tasks.filter((t) => t.dur >= min * 1000) };
}

/** Self time by function inside [from, to) µs, from a CPU profile. */
function profileIn(profile, from, to) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    if (t < from || t >= to) continue;
    const f = byId.get(profile.samples[i]).callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + next);
  }
  return self;
}

const ms = (us) => Math.round(us / 1000);
const topOf = (map, n) =>
  [...map]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${ms(v)} ms  ${k}`);

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
    const { mark, tasks } = tasksOf(Array.isArray(trace) ? trace : trace.traceEvents, min);
    // Task start on the page's clock (ms since navigation), through the interactive mark.
    return {
      marks,
      tasks: tasks.map((t) => ({
        at: Math.round((t.ts - mark) / 1000 + marks['tau:interactive']),
        ms: ms(t.dur),
        trace: topOf(t.self, top),
        sampled: topOf(profileIn(profile, t.ts, t.ts + t.dur), top),
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
