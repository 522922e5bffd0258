// Main-thread long tasks around a training result, on the bench's 1b workload (issue 19, target 4b).
//
//   node scripts/measure/result-tasks.mjs [--root <dist>] [--runs 3] [--profile [--profile-out f.cpuprofile]] [--out file.json]
//
// Loads the bench's tabular CSV (8,602 rows, 32 features), trains the default-settings MLP 32→64→64→2
// (dropout 0.2, L2 0.001, batch 256, 5 epochs, WASM) once to warm the page, then `--runs` more times,
// recording every main-thread task ≥ 50 ms (Long Tasks API) from the Train call until the result is
// rendered, and the run's timings (`result→rendered` is the page's share). With --profile, a CDP CPU
// profile of the last run lists the functions with the most self time inside long tasks (build
// unminified — `vite build --minify false` — to read names).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withApp, loadData, unwrap } from '../tau/app.mjs';
import { tabularCsv } from '../../bench/lib/generate.mjs';
import { projectRoot } from '../serve.mjs';

/** React's own frames, left out of the per-task lists (the app's components and libraries stay). */
const REACT_INTERNALS =
  /^(\(root\)|\(anonymous\)|performWorkOnRoot|processRootScheduleInMicrotask|performSyncWorkOnRoot|flushSyncWorkAcrossRoots_impl|completeRoot\w*|commit\w*|flush\w*|recursivelyTraverse\w*|beginWork|renderRoot\w*|workLoop\w*|renderWithHooks|update(FunctionComponent|Memo|MemoComponent|SimpleMemoComponent|ForwardRef|Properties|StoreInstance)|performWorkUntilDeadline|performWorkOnRootViaSchedulerTask|insertOrAppendPlacementNode|completeUnitOfWork|completeWork|exports\.useMemo|run|call|mountIndeterminateComponent|reconcile\w*)$/;

const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const root = flag('root');
const runs = Number(flag('runs') ?? 3);
const profile = argv.includes('--profile');
const trace = argv.includes('--trace');
const rows = Math.ceil(8192 / 0.95);
const path = await tabularCsv(join(projectRoot, 'bench', 'out', `tabular-${rows}.csv`), rows);
const options = { target: 'label', model: 'mlp', hidden: [64, 64], dropout: 0.2, l2: 0.001, batchSize: 256, learningRate: 0.01, epochs: 5, validationSize: 0, testSize: 0.05, backend: 'wasm' };

const report = await withApp({ webgpu: false, quiet: true, ...(root ? { root } : {}) }, async (page, { context, browser }) => {
  await loadData(page, { data: path });
  await page.evaluate(() => {
    window.__resultTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__resultTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
  unwrap(await page.evaluate((o) => window.tauStudio.train(o), options)); // warm-up
  const out = [];
  const cdp = profile ? await context.newCDPSession(page) : null;
  for (let r = 0; r < runs; r++) {
    const last = r === runs - 1;
    if (cdp && last) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    if (trace && last) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
    const t0 = await page.evaluate(() => {
      window.__resultTasks = [];
      return performance.now();
    });
    const started = Date.now();
    const result = unwrap(await page.evaluate((o) => window.tauStudio.train(o), options));
    const wallSeconds = (Date.now() - started) / 1000;
    const tasks = await page.evaluate(() => window.__resultTasks);
    // The page's own marks and measures of this run (result received, headline, weights embedded, autosave), ms after the call.
    const marks = await page.evaluate(
      (since) =>
        performance
          .getEntries()
          .filter((e) => (e.entryType === 'mark' || e.entryType === 'measure') && e.name.startsWith('tau:') && e.startTime >= since)
          .map((e) => ({ name: e.name, atMs: Math.round(e.startTime - since), ms: Math.round(e.duration) })),
      t0,
    );
    const run = {
      wallSeconds,
      marks,
      trainingSeconds: result.training.seconds,
      phases: result.timings?.phases,
      longTasks: tasks.map((t) => ({ atMs: Math.round(t.start - t0), ms: Math.round(t.duration) })),
    };
    if (trace && last) run.traced = tracedTasks(JSON.parse((await browser.stopTracing()).toString('utf8')));
    if (cdp && last) {
      const { profile: p } = await cdp.send('Profiler.stop');
      run.hot = hotFunctions(p);
      // --profile-out file.cpuprofile: the raw profile (opens in Chrome DevTools' Performance panel).
      const profileOut = flag('profile-out');
      if (profileOut) writeFileSync(profileOut, JSON.stringify(p));
    }
    out.push(run);
    process.stderr.write(`run ${r + 1}: wall ${wallSeconds.toFixed(2)} s, training ${result.training.seconds.toFixed(2)} s, long tasks ${JSON.stringify(run.longTasks)}\n`);
    process.stderr.write(`  phases ${JSON.stringify(run.phases)}\n  marks ${JSON.stringify(marks)}\n`);
  }
  return out;
});

/** Self and inclusive time per function (name file:line) over the profiled run's busy main-thread samples. */
function hotFunctions(p) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (f) => `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  const self = new Map();
  const inclusive = new Map();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(p.samples[i]);
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)' || name === '(root)') continue;
    total += ms;
    self.set(key(node.callFrame), (self.get(key(node.callFrame)) ?? 0) + ms);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const k = key(byId.get(id).callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
    }
  }
  // Busy stretches (samples less than 5 ms apart) of 50 ms or more: the long tasks, each with its own top
  // functions by inclusive time (React's own frames left out) so a reader sees what each one ran.
  const clusters = [];
  let current = null;
  let clock = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    clock += p.timeDeltas[i];
    const node = byId.get(p.samples[i]);
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)' || name === '(root)') continue;
    if (!current || clock - current.end > 5000) {
      current = { start: clock, end: clock, inclusive: new Map() };
      clusters.push(current);
    }
    current.end = clock;
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      const k = key(f);
      if (seen.has(k) || REACT_INTERNALS.test(f.functionName)) continue;
      seen.add(k);
      current.inclusive.set(k, (current.inclusive.get(k) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
    }
  }
  const tasks = clusters
    .filter((c) => c.end - c.start >= Number(process.env.TAU_TASK_MS ?? 50) * 1000)
    .map((c) => ({
      atMs: Math.round((c.start - p.startTime) / 1000),
      ms: Math.round((c.end - c.start) / 1000),
      top: [...c.inclusive.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 14)
        .map(([k, ms]) => `${ms.toFixed(1)} ms  ${k}`),
    }));
  const top = (m, n) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `${ms.toFixed(1)} ms  ${k}`);
  return { busyMs: Math.round(total), tasks, self: top(self, 25), inclusive: top(inclusive, 60) };
}

/** The renderer main thread's tasks of 50 ms or more, each with where its time went (by trace event name). */
function tracedTasks(traceJson) {
  const events = traceJson.traceEvents ?? traceJson;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number');
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur >= 50_000);
  return tasks.map((task) => {
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const byName = new Map();
    for (const e of inside) {
      // Only direct children of the task: no enclosing event other than the task itself.
      if (inside.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur)) continue;
      const what = e.args?.data?.functionName ? `${e.name} ${e.args.data.functionName}` : e.args?.data?.type ? `${e.name} ${e.args.data.type}` : e.name;
      byName.set(what, (byName.get(what) ?? 0) + e.dur / 1000);
    }
    return {
      ms: Math.round(task.dur / 1000),
      parts: [...byName.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, ms]) => `${ms.toFixed(1)} ms ${k}`),
    };
  });
}

const json = JSON.stringify({ root: root ?? 'dist', runs: report }, null, 2);
const outFile = flag('out');
if (outFile) writeFileSync(outFile, `${json}\n`);
process.stdout.write(`${json}\n`);
