#!/usr/bin/env node
// The bench's tabular workload (issue 19, 1a) on a warm page, accounted in CPU time instead of wall time: per
// run, a fresh page loads the bench's table, trains once (cold worker), settles as the bench does, then trains
// again under a Chromium trace. Reported per run: the warm run's epoch wall times (the bench's figure) and, for
// the training window (the worker's train call to the last epoch's end), the CPU milliseconds of each thread
// that shares the machine with the training worker: the page's main thread, V8's compiler and GC threads of
// the renderer, its compositor, the service worker, the GPU process (Chromium raises its priority) and the
// browser process. On a loaded machine wall times follow the other processes; thread CPU time does not, so
// builds compare by the worker's own CPU (did training get slower?) and by what else ran beside it (did the
// page compete?). Builds alternate run by run. Tracing slows the page: compare builds within one run.
// Like the bench, each page first waits for the service worker's install (its precache); --with-precache does not.
// Usage: node scripts/measure/warm-run-cpu.mjs [--runs 3] [--dist DIR]... [--with-precache] (default: TAU_DIST_DIR or dist)
import { withApp, loadData, unwrap } from '../tau/app.mjs';
import { distDir } from '../serve.mjs';
import { tabularCsv } from '../../bench/lib/generate.mjs';
import { serviceWorkerInstalled, settle } from '../../bench/lib/studio.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const dists = [];
let runs = 3;
// --with-precache: do not wait for the service worker's install (the bench did not before round 6).
let keepPrecache = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--dist') dists.push(args[++i]);
  else if (args[i] === '--with-precache') keepPrecache = true;
  else throw new Error(`warm-run-cpu: unknown argument ${args[i]} (use --runs N, --dist DIR, --with-precache)`);
}
if (!Number.isInteger(runs) || runs < 1) throw new Error('warm-run-cpu: --runs takes a positive integer');
if (dists.length === 0) dists.push(distDir);
process.env.TAU_SKIP_BUILD = '1';

// The bench's tabular workload (bench/run.mjs: tabular()), on the same generated file.
const outDir = fileURLToPath(new URL('../../bench/out/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const rows = Math.ceil(8192 / 0.95);
const data = await tabularCsv(join(outDir, `tabular-${rows}.csv`), rows);
const options = { target: 'label', model: 'mlp', hidden: [64, 64], dropout: 0.2, l2: 0.001, batchSize: 256, learningRate: 0.01, epochs: 5, validationSize: 0, testSize: 0.05, backend: 'wasm' };
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'toplevel', 'disabled-by-default-v8.gc'];

/** Thread → the group it is reported under. */
function groupOf(processName, threadName) {
  if (processName === 'Renderer') {
    if (threadName === 'DedicatedWorker thread') return 'worker';
    if (threadName === 'CrRendererMain') return 'page main';
    if (threadName.startsWith('ThreadPool')) return 'renderer V8 pool';
    if (threadName === 'Compositor') return 'compositor';
    if (threadName === 'ServiceWorker thread') return 'service worker';
    return 'renderer other';
  }
  if (processName === 'GPU Process') return 'GPU process';
  if (processName === 'Browser') return 'browser';
  return 'other';
}
const GROUPS = ['worker', 'page main', 'renderer V8 pool', 'compositor', 'service worker', 'GPU process', 'browser', 'renderer other'];

/**
 * CPU ms per thread group in the warm run's training window. Top-level trace events only (nested ones are
 * inside their parent's thread time). The window starts where the worker receives the train call and lasts
 * until the first batch's start plus the epochs' seconds (the worker's own marks).
 */
function analyse(events, warm) {
  const threads = new Map();
  const processes = new Map();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
    if (e.name === 'process_name') processes.set(e.pid, e.args.name);
  }
  const received = events.filter((e) => e.ph === 'X' && e.name === 'HandlePostMessage' && threads.get(`${e.pid}:${e.tid}`) === 'DedicatedWorker thread').sort((a, b) => a.ts - b.ts)[0];
  if (!received) throw new Error('warm-run-cpu: the trace has no message to the worker (was the warm run traced?)');
  const phases = warm.timings?.phases ?? {};
  const beforeFirstBatch =
    (phases['worker-received→runtime-loaded'] ?? 0) + (phases['runtime-loaded→backend-ready'] ?? 0) + (phases['backend-ready→prepared'] ?? 0) + (phases['prepared→first-batch-start'] ?? 0);
  const start = received.ts;
  const end = start + (beforeFirstBatch + warm.training.history.reduce((sum, h) => sum + h.seconds, 0)) * 1e6;
  const perThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number') continue;
    const key = `${e.pid}:${e.tid}`;
    let list = perThread.get(key);
    if (!list) perThread.set(key, (list = []));
    list.push(e);
  }
  const cpu = Object.fromEntries(GROUPS.map((g) => [g, 0]));
  for (const [key, list] of perThread) {
    const group = groupOf(processes.get(Number(key.split(':')[0])) ?? '', threads.get(key) ?? '');
    if (!(group in cpu)) continue;
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let coveredUntil = -Infinity;
    for (const e of list) {
      if (e.ts < coveredUntil) continue; // nested in the previous top-level event
      coveredUntil = e.ts + e.dur;
      if (e.ts >= start && e.ts < end) cpu[group] += (e.tdur ?? 0) / 1000;
    }
  }
  return { windowMs: (end - start) / 1000, cpu };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};
/** @type {Map<string, Record<string, number>[]>} */
const results = new Map(dists.map((d) => [d, []]));
for (let r = 0; r < runs; r++) {
  for (const root of dists) {
    const result = await withApp({ webgpu: true, root, quiet: true }, async (page, { browser }) => {
      if (!keepPrecache) await serviceWorkerInstalled(page);
      await loadData(page, { data });
      const cold = unwrap(await page.evaluate((o) => window.tauStudio.train(o), options));
      await settle(page);
      await browser.startTracing(page, { categories: CATEGORIES });
      const warm = unwrap(await page.evaluate((o) => window.tauStudio.train(o), options));
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
      return { cold, warm, ...analyse(trace.traceEvents ?? trace, warm) };
    });
    const ms = (run) => run.training.history.map((h) => Math.round(h.seconds * 1000)).join('/');
    const others = GROUPS.filter((g) => g !== 'worker').reduce((sum, g) => sum + result.cpu[g], 0);
    results.get(root)?.push({ ...result.cpu, others, windowMs: result.windowMs });
    console.log(
      `${root}: epochs cold ${ms(result.cold)} warm ${ms(result.warm)} ms; warm training window ${Math.round(result.windowMs)} ms, CPU ms: ` +
        GROUPS.map((g) => `${g} ${result.cpu[g].toFixed(1)}`).join(', ') +
        `; beside the worker ${others.toFixed(1)}`,
    );
  }
}
console.log("\nMedians per build (CPU ms in the warm run's training window):");
console.log(`| build | window (wall) | ${GROUPS.join(' | ')} | beside the worker |`);
console.log(`|---|---:|${GROUPS.map(() => '---:').join('|')}|---:|`);
for (const [root, list] of results) {
  const cell = (key) => median(list.map((x) => x[key])).toFixed(1);
  console.log(`| ${root} | ${Math.round(median(list.map((x) => x.windowMs)))} | ${GROUPS.map(cell).join(' | ')} | ${cell('others')} |`);
}
