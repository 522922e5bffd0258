#!/usr/bin/env node
// `npm run bench`: the studio (through the headless runner: the real built app in Chromium) side by
// side with references measured in the same run on the same machine. Prints a table, or one JSON
// object with --json. It reports; it never asserts timings.
//   --quick            smaller workloads (a smoke run)
//   --only a,b         run only these workloads (ingest, tabular, image, accuracy, app)
//   --backends a,b     tabular/image backends to measure (default webgpu,webgl,wasm,cpu)
//   --out file.json    also write the JSON there
//   --update-readme    replace the results in bench/README.md with this run's table
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { projectRoot, distDir } from '../scripts/serve.mjs';
import { buildIfNeeded } from '../scripts/build-if-needed.mjs';
import { ingestCsv, tabularCsv } from './lib/generate.mjs';
import { papaparseIngest, studioApp, studioIngest, studioTrain, studioTrainColdWarm } from './lib/studio.mjs';

const argv = process.argv.slice(2);
/** @param {string} name @returns {string | true | undefined} */
const flag = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : true) : undefined;
};
const quick = Boolean(flag('quick'));
/** @param {string} name */
const textFlag = (name) => {
  const value = flag(name);
  return typeof value === 'string' ? value : null;
};
const only = textFlag('only') !== null ? new Set(textFlag('only')?.split(',')) : null;
const backends = textFlag('backends')?.split(',') ?? ['webgpu', 'webgl', 'wasm', 'cpu'];
const asJson = Boolean(flag('json'));
// Each workload's studio and reference run `repeats` times, interleaved; tables report the median and the range.
const repeats = quick ? 1 : Math.max(1, Number(flag('repeats') ?? 3));
// --baseline-dist <dir>: another build (e.g. main before a change) measured in the same repeats, for before/after.
const baselineDistFlag = textFlag('baseline-dist');
const baselineDist = baselineDistFlag !== null ? resolve(baselineDistFlag) : null;
const outDir = join(projectRoot, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
const log = (m) => process.stderr.write(`${m}\n`);
const PYTHON = '/usr/bin/python3';

function python(workload, args) {
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found (apt-get install -y python3-pandas python3-torch python3-sklearn)` };
  const run = spawnSync(PYTHON, [join(projectRoot, 'bench', 'lib', 'references.py'), workload, JSON.stringify(args)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) return { skipped: `python failed: ${run.stderr.trim().split('\n').pop()}` };
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '');
}

/** Samples/s of the median epoch (epochs after the first), as for the PyTorch reference. */
function medianRate(samples, epochs) {
  const seconds = epochs.map((h) => h.seconds).sort((a, b) => a - b);
  return samples / seconds[Math.floor(seconds.length / 2)];
}
/** Median, min and max of the finite values (null when none). */
function summarize(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return { median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1], n: v.length };
}
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null);
async function attempt(name, fn) {
  try {
    return await fn();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`  ${name} failed: ${message}`);
    return { error: message };
  }
}

const report = {
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}`, node: process.version },
  date: new Date().toISOString(),
  quick,
  repeats,
  // A shared machine skews everything: record the load, and flag runs started above half a core's worth per core.
  load: { atStart: os.loadavg(), busy: os.loadavg()[0] > os.cpus().length * 0.5 },
  workloads: {},
};

async function ingest() {
  const megabytes = quick ? 10 : 100;
  log(`ingest: generating a ${megabytes} MB CSV…`);
  const { path } = await ingestCsv(join(outDir, `ingest-${megabytes}mb.csv`), megabytes);
  const studioRuns = [];
  const baselineRuns = [];
  const pandasRuns = [];
  for (let r = 0; r < repeats; r++) {
    log(`ingest ${r + 1}/${repeats}: studio…`);
    studioRuns.push(await attempt('studio', () => studioIngest(path)));
    if (baselineDist) {
      log(`ingest ${r + 1}/${repeats}: studio (baseline ${baselineDist})…`);
      baselineRuns.push(await attempt('studio (baseline)', () => studioIngest(path, { root: baselineDist })));
    }
    log(`ingest ${r + 1}/${repeats}: pandas…`);
    pandasRuns.push(python('ingest', { path }));
  }
  log('ingest: papaparse (typed, raw)…');
  const typed = await attempt('papaparse typed', () => papaparseIngest(path, true));
  const raw = await attempt('papaparse raw', () => papaparseIngest(path, false));
  const studio = studioRuns.find((x) => !x.error) ?? studioRuns[0];
  const mb = (studio.bytes ?? 0) / 1e6;
  const rate = (seconds) => (typeof seconds === 'number' && seconds > 0 ? mb / seconds : null);
  const parse = summarize(studioRuns.map((x) => rate(x.parseSeconds)));
  const ready = summarize(studioRuns.map((x) => rate(x.parseSeconds + x.profileSeconds)));
  const pandas = summarize(pandasRuns.map((x) => rate(x.seconds)));
  const studioRate = parse?.median ?? null;
  // Where the studio's seconds went (medians over the runs): file reads, decoding, scanning into columns, final arrays, profiles.
  const seconds = (pick) => summarize(studioRuns.map(pick))?.median ?? null;
  const breakdown = {
    readSeconds: seconds((x) => x.parseTimings?.readSeconds),
    decodeSeconds: seconds((x) => x.parseTimings?.decodeSeconds),
    scanSeconds: seconds((x) => x.parseTimings?.scanSeconds),
    finishSeconds: seconds((x) => x.parseTimings?.finishSeconds),
    profileSeconds: seconds((x) => x.profileSeconds),
    parseSeconds: seconds((x) => x.parseSeconds),
    wallSeconds: seconds((x) => x.wallSeconds),
  };
  // The same measurements of the baseline build, interleaved with the studio's (before/after in one run).
  const baseline = baselineDist
    ? {
        dist: baselineDist,
        parse: summarize(baselineRuns.map((x) => rate(x.parseSeconds))),
        ready: summarize(baselineRuns.map((x) => rate(x.parseSeconds + x.profileSeconds))),
        wait: summarize(baselineRuns.map((x) => rate(x.wallSeconds))),
        peakMemoryMB: summarize(baselineRuns.map((x) => x.memory?.deltaMB)),
        runs: baselineRuns,
      }
    : null;
  report.workloads.ingest = {
    megabytes: mb,
    rows: studio.rows,
    studio: {
      ...studio,
      mbPerSecond: studioRate,
      loadToReadyMbPerSecond: ready?.median ?? null,
      parse,
      ready,
      wait: summarize(studioRuns.map((x) => rate(x.wallSeconds))),
      breakdown,
      peakMemoryMB: summarize(studioRuns.map((x) => x.memory?.deltaMB)),
    },
    papaparseTyped: { ...typed, mbPerSecond: rate(typed.seconds) },
    papaparseRaw: { ...raw, mbPerSecond: rate(raw.seconds) },
    pandas: { ...pandasRuns[0], mbPerSecond: pandas?.median ?? null, rate: pandas, peakMemoryMB: summarize(pandasRuns.map((x) => x.peakMemoryMB))?.median ?? null },
    baseline,
    ratios: {
      vsPapaparseTyped: ratio(studioRate, rate(typed.seconds)),
      vsPapaparseRaw: ratio(studioRate, rate(raw.seconds)),
      vsPandas: ratio(studioRate, pandas?.median),
      // Target 3: from file to ready table (profiles included) ≥ 0.5× pandas.
      readyVsPandas: ratio(ready?.median, pandas?.median),
    },
  };
}

/**
 * PyTorch with one thread and with all cores, keeping the faster: on a loaded machine OpenMP's threads
 * spin against other processes and 2 threads can run 10× slower than 1, which would flatter the studio.
 */
function bestTorch(run) {
  const counts = [...new Set([1, os.cpus().length])];
  const results = counts.map((threads) => run(threads));
  const ok = results.filter((r) => typeof r.samplesPerSecond === 'number');
  if (ok.length === 0) return results[0];
  const best = ok.reduce((a, b) => (b.samplesPerSecond > a.samplesPerSecond ? b : a));
  return { ...best, byThreads: Object.fromEntries(ok.map((r) => [r.threads, r.samplesPerSecond])) };
}

/** Seconds from the page's Train call to the headline on screen (the run's phases after `call`), or null without marks. */
function callToRendered(timings) {
  const phases = timings?.phases;
  if (!phases || !Object.keys(phases).some((k) => k.endsWith('→rendered'))) return null;
  return Object.entries(phases)
    .filter(([name]) => !name.startsWith('options→'))
    .reduce((sum, [, seconds]) => sum + seconds, 0);
}

/** The default MLP's regularization (DEFAULT_MLP in src/models/spec.ts): what a user trains with. */
const USER_MLP = { dropout: 0.2, l2: 0.001 };

async function tabular() {
  const trainRows = quick ? 2048 : 8192;
  const testFraction = 0.05;
  const rows = Math.ceil(trainRows / (1 - testFraction));
  const path = await tabularCsv(join(outDir, `tabular-${rows}.csv`), rows);
  const epochs = quick ? 3 : 5;
  const options = (backend) => ({
    target: 'label',
    model: 'mlp',
    hidden: [64, 64],
    ...USER_MLP,
    batchSize: 256,
    learningRate: 0.01,
    epochs: backend === 'cpu' ? 2 : epochs,
    validationSize: 0,
    testSize: testFraction,
    backend,
  });
  const measure = async (backend, root) => {
    const both = await attempt(backend, () => studioTrainColdWarm({ data: path, options: options(backend) }, { webgpu: true, root }));
    if (both.error) return both;
    const { cold, warm } = both;
    const samples = (run) => run.split.train * run.training.history.length;
    return {
      // Steady state: the median epoch after the first, over both runs' epochs.
      samplesPerSecond: medianRate(warm.split.train, [...cold.training.history.slice(1), ...warm.training.history.slice(1)]),
      // The whole run as the Train button gives it: first epoch included (training only), and from the
      // Train call to the result, on a cold worker (fromTrainCold) and on a warm page (fromTrain).
      runSamplesPerSecond: warm.training.samplesPerSecond,
      fromTrainSamplesPerSecond: samples(warm) / warm.wallSeconds,
      fromTrainColdSamplesPerSecond: samples(cold) / cold.wallSeconds,
      // Wall time not spent training (preparation, backend, evaluation): bounds the wait before the first epoch.
      fixedSeconds: warm.wallSeconds - warm.training.seconds,
      fixedColdSeconds: cold.wallSeconds - cold.training.seconds,
      // Target 5 itself, from the run's own marks (src/train/run-timings.ts; a build without them reports null):
      // the Train call to the first batch's start and to its end, and the page's share after the result
      // message (store update, headline, next frame). `timings` keeps every phase of the warm run.
      untilFirstBatchStartSeconds: warm.timings?.untilFirstBatchStartSeconds ?? null,
      untilFirstBatchSeconds: warm.timings?.untilFirstBatchSeconds ?? null,
      callToRenderedSeconds: callToRendered(warm.timings),
      timings: warm.timings?.phases ?? null,
      epochSeconds: { cold: cold.training.history.map((h) => h.seconds), warm: warm.training.history.map((h) => h.seconds) },
      firstEpochSeconds: warm.training.history[0]?.seconds,
      accuracy: warm.metrics.accuracy,
      backendReason: warm.backendReason,
      adapter: warm.adapter,
      // WASM: the threads XNNPACK ran on (from the result; absent in builds before round 8).
      threads: warm.threads ?? null,
    };
  };
  const studio = {};
  // The software-GPU and CPU backends are an order of magnitude slower here: measured once.
  for (const backend of backends.filter((b) => b !== 'wasm')) {
    log(`tabular: studio on ${backend}…`);
    studio[backend] = await measure(backend);
  }
  /** @type {Record<'wasm' | 'baseline' | 'pytorch', any[]>} */
  const series = { wasm: [], baseline: [], pytorch: [] };
  for (let r = 0; r < repeats; r++) {
    if (backends.includes('wasm')) {
      log(`tabular ${r + 1}/${repeats}: studio on wasm…`);
      series.wasm.push(await measure('wasm'));
    }
    if (baselineDist) {
      log(`tabular ${r + 1}/${repeats}: baseline build on wasm…`);
      series.baseline.push(await measure('wasm', baselineDist));
    }
    log(`tabular ${r + 1}/${repeats}: PyTorch…`);
    series.pytorch.push(bestTorch((threads) => python('tabular', { path, target: 'label', rows: trainRows, hidden: [64, 64], batch: 256, epochs, lr: 0.01, threads, ...USER_MLP })));
  }
  const pick = (runs, key) => summarize(runs.map((x) => x[key]));
  const spread = (runs) => ({
    steady: pick(runs, 'samplesPerSecond'),
    run: pick(runs, 'runSamplesPerSecond'),
    fromTrain: pick(runs, 'fromTrainSamplesPerSecond'),
    fromTrainCold: pick(runs, 'fromTrainColdSamplesPerSecond'),
    fixedSeconds: pick(runs, 'fixedSeconds'),
    fixedColdSeconds: pick(runs, 'fixedColdSeconds'),
    firstEpochSeconds: pick(runs, 'firstEpochSeconds'),
    untilFirstBatchStartSeconds: pick(runs, 'untilFirstBatchStartSeconds'),
    untilFirstBatchSeconds: pick(runs, 'untilFirstBatchSeconds'),
    callToRenderedSeconds: pick(runs, 'callToRenderedSeconds'),
  });
  const torch = { ...(series.pytorch.find((x) => !x.skipped) ?? series.pytorch[0] ?? {}), steady: pick(series.pytorch, 'samplesPerSecond'), run: pick(series.pytorch, 'runSamplesPerSecond') };
  torch.samplesPerSecond = torch.steady?.median ?? null;
  if (series.wasm.length) {
    const s = spread(series.wasm);
    studio.wasm = { ...series.wasm[series.wasm.length - 1], ...s, samplesPerSecond: s.steady?.median ?? null, runs: series.wasm };
  }
  const baseline = baselineDist ? { dist: baselineDist, ...spread(series.baseline), runs: series.baseline } : null;
  // Per-repeat ratios (each studio run against the PyTorch run next to it): the range a reader should expect.
  const pairRatios = (runs, key, torchKey) => summarize(runs.map((x, i) => ratio(x[key], series.pytorch[i]?.[torchKey])));
  const best = Object.entries(studio)
    .filter(([, v]) => typeof v.samplesPerSecond === 'number')
    .sort((a, b) => b[1].samplesPerSecond - a[1].samplesPerSecond)[0];
  const steadyRatio = ratio(studio.wasm?.steady?.median, torch.steady?.median);
  const runRatio = ratio(studio.wasm?.fromTrain?.median, torch.run?.median);
  report.workloads.tabular = {
    model: `32→64→64→2 MLP, ReLU, dropout ${USER_MLP.dropout}, L2 ${USER_MLP.l2} (the default MLP's), Adam, batch 256`,
    trainRows,
    repeats,
    studio,
    baseline,
    pytorch: torch,
    best: best ? { backend: best[0], samplesPerSecond: best[1].samplesPerSecond } : null,
    ratios: Object.fromEntries(Object.entries(studio).map(([b, v]) => [b, ratio(v.samplesPerSecond, torch.samplesPerSecond)])),
    targets: {
      steady: { goal: 1.0, ratio: steadyRatio, pairs: pairRatios(series.wasm, 'samplesPerSecond', 'samplesPerSecond'), met: steadyRatio !== null && steadyRatio >= 1.0 },
      fromTrain: { goal: 0.5, ratio: runRatio, pairs: pairRatios(series.wasm, 'fromTrainSamplesPerSecond', 'runSamplesPerSecond'), met: runRatio !== null && runRatio >= 0.5 },
      ...(baseline
        ? {
            baselineSteady: { ratio: ratio(baseline.steady?.median, torch.steady?.median), pairs: pairRatios(series.baseline, 'samplesPerSecond', 'samplesPerSecond') },
            baselineFromTrain: { ratio: ratio(baseline.fromTrain?.median, torch.run?.median), pairs: pairRatios(series.baseline, 'fromTrainSamplesPerSecond', 'runSamplesPerSecond') },
          }
        : {}),
    },
  };
}

/** Runs `npm run tau -- train …` (the headless runner itself) and returns its JSON. */
function runner(args, root) {
  const env = { ...process.env, TAU_SKIP_BUILD: '1', ...(root ? { TAU_DIST_DIR: root } : {}) };
  const run = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'tau', 'cli.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const output = JSON.parse(run.stdout || '{}');
  if (run.status !== 0) throw new Error(output.error?.message ?? run.stderr.trim().split('\n').pop());
  return output;
}

/** The image workload (conv32-conv64-fc128), named explicitly so a change of the studio's default CNN does not move it. */
const IMAGE_BENCH_CNN = 'conv32,pool,conv64,pool,fc128';

/**
 * Images per backend: samples/s is a steady-state rate, so the software-GPU and CPU backends (tens of
 * samples/s here) get a few batches each instead of minutes; WASM and PyTorch get the full set.
 */
const IMAGE_ROWS = quick ? { wasm: 512, webgl: 256, webgpu: 128, cpu: 64 } : { wasm: 2048, webgl: 384, webgpu: 192, cpu: 128 };
const IMAGE_EPOCHS = { wasm: quick ? 3 : 4, webgl: 3, webgpu: 3, cpu: 2 };

async function image() {
  const rows = IMAGE_ROWS.wasm;
  const { syntheticIdx } = await import('./lib/image-data.mjs');
  const studio = {};
  let spec = null;
  const measure = async (backend, root) => {
    const data = syntheticIdx(outDir, IMAGE_ROWS[backend] ?? rows);
    const args = [
      'train',
      '--data',
      data.images,
      '--model',
      'cnn',
      '--cnn',
      IMAGE_BENCH_CNN,
      '--image-size',
      '28',
      '--epochs',
      String(IMAGE_EPOCHS[backend] ?? 3),
      '--batch-size',
      '64',
      '--validation-size',
      '0',
      '--test-size',
      '0.05',
      '--backend',
      backend,
    ];
    const run = await attempt(backend, () => runner(args, root));
    if (run.error) return run;
    spec ??= run.model;
    const steady = run.training.history.slice(1);
    return {
      images: run.split.train,
      samplesPerSecond: steady.length ? medianRate(run.split.train, steady) : run.training.samplesPerSecond,
      firstEpochSeconds: run.training.history[0]?.seconds,
      adapter: run.adapter,
      threads: run.threads ?? null,
    };
  };
  for (const backend of backends.filter((b) => b !== 'wasm')) {
    log(`image: studio on ${backend}…`);
    studio[backend] = await measure(backend);
  }
  /** @type {Record<'wasm' | 'baseline' | 'pytorch', any[]>} */
  const series = { wasm: [], baseline: [], pytorch: [] };
  for (let r = 0; r < repeats; r++) {
    if (backends.includes('wasm')) {
      log(`image ${r + 1}/${repeats}: studio on wasm…`);
      series.wasm.push(await measure('wasm'));
    }
    if (baselineDist) {
      log(`image ${r + 1}/${repeats}: baseline build on wasm…`);
      series.baseline.push(await measure('wasm', baselineDist));
    }
    log(`image ${r + 1}/${repeats}: PyTorch (the same layers)…`);
    series.pytorch.push(
      spec
        ? bestTorch((threads) => python('image', { rows: Math.round(rows * 0.95), batch: 64, epochs: 6, lr: 0.001, threads, spec }))
        : { skipped: 'no studio run finished, so the model to mirror is unknown' },
    );
  }
  const steady = (runs) => summarize(runs.map((x) => x.samplesPerSecond));
  const torch = { ...(series.pytorch.find((x) => !x.skipped) ?? series.pytorch[0] ?? {}), steady: steady(series.pytorch) };
  torch.samplesPerSecond = torch.steady?.median ?? null;
  if (series.wasm.length) studio.wasm = { ...series.wasm[series.wasm.length - 1], steady: steady(series.wasm), samplesPerSecond: steady(series.wasm)?.median ?? null, runs: series.wasm };
  const wasmRatio = ratio(studio.wasm?.samplesPerSecond, torch.samplesPerSecond);
  report.workloads.image = {
    model: spec ? describeCnn(spec) : 'default CNN',
    rows,
    repeats,
    studio,
    baseline: baselineDist ? { dist: baselineDist, steady: steady(series.baseline), runs: series.baseline } : null,
    pytorch: torch,
    ratios: Object.fromEntries(
      Object.entries(studio)
        .filter(([, v]) => typeof v?.samplesPerSecond === 'number')
        .map(([b, v]) => [b, ratio(v.samplesPerSecond, torch.samplesPerSecond)]),
    ),
    targets: {
      steady: { goal: 0.5, ratio: wasmRatio, pairs: summarize(series.wasm.map((x, i) => ratio(x.samplesPerSecond, series.pytorch[i]?.samplesPerSecond))), met: wasmRatio !== null && wasmRatio >= 0.5 },
    },
  };
}

function describeCnn(spec) {
  const layers = spec.layers.map((l) => (l.type === 'conv' ? `conv${l.filters}` : l.type === 'dense' ? `fc${l.units}` : l.type === 'maxpool' ? 'pool' : l.type === 'batchnorm' ? 'bn' : 'dropout'));
  return `${layers.join('-')} on 28×28×1, batch 64 (PyTorch builds the same layers from the studio's spec)`;
}

async function accuracy() {
  const datasets = [
    { sample: 'breast-cancer', file: 'breast-cancer.csv', target: 'diagnosis' },
    { sample: 'penguins', file: 'penguins.csv', target: 'Species' },
    { sample: 'iris', file: 'iris.csv', target: 'species' },
    { sample: 'wine', file: 'wine.csv', target: 'cultivar' },
  ];
  const results = {};
  for (const d of datasets) {
    log(`accuracy: ${d.sample}…`);
    const run = await attempt(d.sample, () => studioTrain({ sample: d.sample, options: { target: d.target, model: 'auto', includeSplit: true } }));
    if (run.error) {
      results[d.sample] = run;
      continue;
    }
    const reference = python('accuracy', {
      path: join(projectRoot, 'public', 'samples', d.file),
      target: d.target,
      features: run.featureColumns,
      split: run.splitRows,
    });
    results[d.sample] = {
      studio: { accuracy: run.metrics.accuracy, model: run.modelDescription, backend: run.backend, trainingSeconds: run.training.seconds, wallSeconds: run.wallSeconds },
      reference,
      accuracyGap: typeof reference.sklearnLogReg?.accuracy === 'number' ? run.metrics.accuracy - reference.sklearnLogReg.accuracy : null,
    };
  }
  report.workloads.accuracy = results;
}

function initialJavaScript() {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.map((f) => ({ file: f, raw: readFileSync(join(distDir, f)).length, gzip: gzipSync(readFileSync(join(distDir, f))).length }));
  return { files: bytes, gzipBytes: bytes.reduce((s, b) => s + b.gzip, 0), rawBytes: bytes.reduce((s, b) => s + b.raw, 0) };
}

async function app() {
  log('app: cold start, initial JS, long tasks while training…');
  const runs = [];
  const baselineRuns = [];
  for (let r = 0; r < repeats; r++) {
    runs.push(await attempt('app', () => studioApp()));
    if (baselineDist) baselineRuns.push(await attempt('app (baseline)', () => studioApp({ root: baselineDist })));
  }
  const ok = runs.filter((x) => !x.error);
  const baselineOk = baselineRuns.filter((x) => !x.error);
  report.workloads.app = {
    initialJavaScript: initialJavaScript(),
    ...(ok[ok.length - 1] ?? runs[0]),
    interactiveMs: summarize(ok.map((x) => x.interactiveMs))?.median ?? null,
    interactive: summarize(ok.map((x) => x.interactiveMs)),
    // Round 7: the cold start runs in a browser of its own (bench/lib/coldstart.mjs); the floor is a blank
    // page's first contentful paint in that browser, the same run.
    blankPage: summarize(ok.map((x) => x.blankPageMs)),
    reactFloor: summarize(ok.map((x) => x.reactFloorMs)),
    firstContentfulPaint: summarize(ok.map((x) => x.firstContentfulPaintMs)),
    longestTaskMs: summarize(ok.map((x) => x.longestTaskMs))?.median ?? null,
    longestTask: summarize(ok.map((x) => x.longestTaskMs)),
    longTaskTotal: summarize(ok.map((x) => x.longTaskTotalMs)),
    goalLongestTaskMs: 50,
    baseline: baselineDist
      ? {
          dist: baselineDist,
          interactive: summarize(baselineOk.map((x) => x.interactiveMs)),
          blankPage: summarize(baselineOk.map((x) => x.blankPageMs)),
          reactFloor: summarize(baselineOk.map((x) => x.reactFloorMs)),
          longestTask: summarize(baselineOk.map((x) => x.longestTaskMs)),
          longTaskTotal: summarize(baselineOk.map((x) => x.longTaskTotalMs)),
        }
      : null,
  };
}

const WORKLOADS = { ingest, tabular, image, accuracy, app };
buildIfNeeded({ log });
const started = Date.now();
for (const [name, run] of Object.entries(WORKLOADS)) {
  if (only && !only.has(name)) continue;
  await run();
}
report.seconds = (Date.now() - started) / 1000;
report.load.atEnd = os.loadavg();
const { renderTable } = await import('./lib/table.mjs');
const json = JSON.stringify(report, null, 2);
const outFile = textFlag('out');
if (outFile) writeFileSync(outFile, `${json}\n`);
writeFileSync(join(outDir, 'latest.json'), `${json}\n`);
const table = renderTable(report);
if (flag('update-readme')) {
  const readmePath = join(projectRoot, 'bench', 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const [before, rest] = readme.split('<!-- results:start -->');
  const after = rest?.split('<!-- results:end -->')[1];
  if (after === undefined) throw new Error('bench/README.md lacks the <!-- results:start --> / <!-- results:end --> markers');
  writeFileSync(readmePath, `${before}<!-- results:start -->\n${table}\n<!-- results:end -->${after}`);
}
process.stdout.write(asJson ? `${json}\n` : `${table}\n`);
