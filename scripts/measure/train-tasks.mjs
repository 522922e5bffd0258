#!/usr/bin/env node
// The page's main-thread tasks while training and as the result arrives (issue 19, target 4b), on the bench's
// `app` workload (bench/lib/studio.mjs studioApp): penguins sample, MLP on Species, 60 epochs, WASM,
// validation 0.1, then the same settle (the result's aftermath: model-info, Predict form, weights embedding,
// autosave). Each run is a fresh browser and page (the bench's is too), traced (Chromium trace, renderer main
// thread) and sampled (V8 CPU profile, 200 µs) from the Train call to the end of the settle. Per run: every
// top-level task ≥ --min ms (default 16), when it ran (ms after the Train call), what it ran (trace events by
// name, self time) and the functions sampled inside it (self time). Build unminified to read names:
//   npx vite build --minify false --outDir dist-unmin --emptyOutDir
// Usage: TAU_SKIP_BUILD=1 TAU_DIST_DIR=<dir> node scripts/measure/train-tasks.mjs [--dist dir] [--runs 5] [--min 16] [--top 10] [--json out.json]
//        [--workload app] [--no-trace]
//   (without TAU_SKIP_BUILD the runner harness rebuilds the configured dist when sources changed: minified)
// --no-trace: no Chromium trace (its overhead stretches every task): the tasks are the Long Tasks API's (≥ 50 ms),
// each with the functions the profiler sampled inside it (inclusive, React's own frames left out, then self).
// The profile's clock is aligned with the page's by a marker function the page runs for 3 ms at the Train call.
// Tracing and sampling slow the page: read which tasks exist and their split, not the absolute figures.
import { writeFileSync } from 'node:fs';
import { withApp, loadData, unwrap } from '../tau/app.mjs';
import { settle } from '../../bench/lib/studio.mjs';
import { CATEGORIES, frameKey, mainThreadTasks, ms, sampledSelfIn, topOf } from './trace-tasks.mjs';

const args = process.argv.slice(2);
let root;
let runs = 5;
let min = 16;
let top = 10;
let jsonOut;
let workload = 'app';
let traced = true;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dist') root = args[++i];
  else if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--min') min = Number(args[++i]);
  else if (args[i] === '--top') top = Number(args[++i]);
  else if (args[i] === '--json') jsonOut = args[++i];
  else if (args[i] === '--workload') workload = args[++i];
  else if (args[i] === '--no-trace') traced = false;
  else throw new Error(`train-tasks: unknown argument ${args[i]}`);
}

/** What each workload loads and trains (app: the bench's; more can be added here, e.g. an image or text set). */
const WORKLOADS = {
  app: { load: { sample: 'penguins' }, train: { target: 'Species', model: 'mlp', epochs: 60, backend: 'wasm', validationSize: 0.1 } },
};
const chosen = WORKLOADS[workload];
if (!chosen) throw new Error(`train-tasks: --workload is one of ${Object.keys(WORKLOADS).join(', ')}`);

const START = 'tau-measure:train-start';
const MARKER = '__tauTrainTasksMarker';

/** React's own frames, left out of the inclusive lists (the app's components and libraries stay). */
const REACT_INTERNALS =
  /^(\(root\)|\(anonymous\)|\(anon\)|\(program\)|performWorkOnRoot|processRootScheduleInMicrotask|performSyncWorkOnRoot|flushSyncWorkAcrossRoots_impl|completeRoot\w*|commit\w*|flush\w*|recursivelyTraverse\w*|beginWork|renderRoot\w*|workLoop\w*|renderWithHooks|update(FunctionComponent|Memo|MemoComponent|SimpleMemoComponent|ForwardRef|Properties|StoreInstance)|performWorkUntilDeadline|performWorkOnRootViaSchedulerTask|insertOrAppendPlacementNode|completeUnitOfWork|completeWork|exports\.useMemo|run|call|mountIndeterminateComponent|reconcile\w*)$/;

/** Inclusive time by function inside [from, to) µs (React's own frames left out), from a CPU profile. */
function inclusiveIn(profile, from, to) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    if (t < from || t >= to) continue;
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      if (f.functionName === '(idle)') break;
      const key = frameKey(f);
      if (seen.has(key) || REACT_INTERNALS.test(f.functionName)) continue;
      seen.add(key);
      out.set(key, (out.get(key) ?? 0) + next);
    }
  }
  return out;
}

/** When (profile µs) the marker function first ran: aligns the page's clock with the profile's. */
function markerAt(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (byId.get(profile.samples[i]).callFrame.functionName === MARKER) return t;
  }
  // A starved sampler (a loaded machine) can miss it: the tasks are then listed without attribution.
  process.stderr.write(`train-tasks: the marker ${MARKER} is not in the profile; tasks listed without their functions\n`);
  return null;
}

async function once() {
  return withApp({ webgpu: false, quiet: true, ...(root ? { root } : {}) }, async (page, { context, browser }) => {
    await loadData(page, chosen.load);
    await page.evaluate(() => {
      window.__resultTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__resultTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: false });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    if (traced) await browser.startTracing(page, { categories: CATEGORIES });
    // The marker: a function of its own name that spins 10 ms, so the profile shows when the page's t0 was.
    const t0 = await page.evaluate((name) => {
      // The name must equal MARKER (a literal: the profile reads the function's own name).
      function __tauTrainTasksMarker() {
        const end = performance.now() + 10;
        while (performance.now() < end);
      }
      window.__resultTasks = [];
      const at = performance.mark(name).startTime;
      __tauTrainTasksMarker();
      return at;
    }, START);
    unwrap(await page.evaluate((o) => window.tauStudio.train(o), chosen.train));
    const resultAt = await page.evaluate((since) => performance.now() - since, t0);
    await settle(page);
    const longTasks = await page.evaluate(() => window.__resultTasks);
    const marks = await page.evaluate(
      (since) =>
        performance
          .getEntries()
          .filter((e) => (e.entryType === 'mark' || e.entryType === 'measure') && e.name.startsWith('tau:') && e.startTime >= since)
          .map((e) => `${e.name}@${Math.round(e.startTime - since)}${e.duration ? `+${Math.round(e.duration)}` : ''}`),
      t0,
    );
    const buffer = traced ? await browser.stopTracing() : null;
    const { profile } = await cdp.send('Profiler.stop');
    const common = { resultAtMs: Math.round(resultAt), longTasks: longTasks.map((t) => `${Math.round(t.start - t0)}: ${Math.round(t.duration)}`), marks };
    if (!buffer) {
      const zero = markerAt(profile);
      return {
        ...common,
        tasks: longTasks.map((lt) => {
          if (zero === null) return { at: Math.round(lt.start - t0), ms: Math.round(lt.duration), trace: [], sampled: [] };
          const from = zero + (lt.start - t0) * 1000;
          const to = from + lt.duration * 1000;
          return { at: Math.round(lt.start - t0), ms: Math.round(lt.duration), trace: topOf(inclusiveIn(profile, from, to), top), sampled: topOf(sampledSelfIn(profile, from, to), top) };
        }),
      };
    }
    const trace = JSON.parse(buffer.toString('utf8'));
    const { mark, tasks } = mainThreadTasks(Array.isArray(trace) ? trace : trace.traceEvents, START, { minMs: min, sinceMark: true });
    return {
      ...common,
      tasks: tasks.map((t) => ({ at: ms(t.ts - mark), ms: ms(t.dur), trace: topOf(t.self, top), sampled: topOf(sampledSelfIn(profile, t.ts, t.ts + t.dur), top) })),
    };
  });
}

const all = [];
for (let i = 0; i < runs; i++) {
  const r = await once();
  all.push(r);
  console.log(
    `\n=== run ${i + 1} (${workload}): result at ${r.resultAtMs} ms; Long Tasks API (at: ms) ${r.longTasks.join(', ')}; ${traced ? `traced tasks ≥ ${min} ms` : 'sampled'} (at: ms): ${r.tasks.map((t) => `${t.at}: ${t.ms}`).join(', ')}`,
  );
  console.log(`  marks ${r.marks.join(' ')}`);
  for (const t of r.tasks)
    console.log(
      `--- task at ${t.at} ms: ${t.ms} ms\n  ${traced ? 'trace (self)' : 'sampled (inclusive, React internals left out)'}:\n    ${t.trace.join('\n    ')}\n  sampled (self):\n    ${t.sampled.join('\n    ')}`,
    );
}
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ root: root ?? 'dist', workload, min, runs: all }, null, 2)}\n`);
