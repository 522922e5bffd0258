#!/usr/bin/env node
// `npm run bench`: the studio (through the headless runner: the real built app in Chromium) side by
// side with references measured in the same run on the same machine. Prints a table, or one JSON
// object with --json. It reports; it never asserts timings.
//   --quick            smaller workloads (a smoke run)
//   --only a,b         run only these workloads (ingest, tabular, image, accuracy, app)
//   --backends a,b     tabular/image backends to measure (default webgpu,webgl,wasm,cpu)
//   --out file.json    also write the JSON there
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { projectRoot, distDir } from '../scripts/serve.mjs';
import { buildIfNeeded } from '../scripts/build-if-needed.mjs';
import { ingestCsv, tabularCsv } from './lib/generate.mjs';
import { papaparseIngest, studioApp, studioIngest, studioTrain } from './lib/studio.mjs';

const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : true) : undefined;
};
const quick = Boolean(flag('quick'));
const only = typeof flag('only') === 'string' ? new Set(flag('only').split(',')) : null;
const backends = typeof flag('backends') === 'string' ? flag('backends').split(',') : ['webgpu', 'webgl', 'wasm', 'cpu'];
const asJson = Boolean(flag('json'));
const outDir = join(projectRoot, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
const log = (m) => process.stderr.write(`${m}\n`);
const PYTHON = '/usr/bin/python3';

function python(workload, args) {
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found (apt-get install -y python3-pandas python3-torch python3-sklearn)` };
  const run = spawnSync(PYTHON, [join(projectRoot, 'bench', 'lib', 'references.py'), workload, JSON.stringify(args)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) return { skipped: `python failed: ${run.stderr.trim().split('\n').pop()}` };
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null);
async function attempt(name, fn) {
  try {
    return await fn();
  } catch (error) {
    log(`  ${name} failed: ${error.message}`);
    return { error: error.message };
  }
}

const report = {
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}`, node: process.version },
  date: new Date().toISOString(),
  quick,
  workloads: {},
};

async function ingest() {
  const megabytes = quick ? 10 : 100;
  log(`ingest: generating a ${megabytes} MB CSV…`);
  const { path } = await ingestCsv(join(outDir, `ingest-${megabytes}mb.csv`), megabytes);
  log('ingest: studio…');
  const studio = await attempt('studio', () => studioIngest(path));
  log('ingest: papaparse (typed, raw)…');
  const typed = await attempt('papaparse typed', () => papaparseIngest(path, true));
  const raw = await attempt('papaparse raw', () => papaparseIngest(path, false));
  log('ingest: pandas…');
  const pandas = python('ingest', { path });
  const mb = (studio.bytes ?? 0) / 1e6;
  const rate = (seconds) => (typeof seconds === 'number' && seconds > 0 ? mb / seconds : null);
  const studioRate = rate(studio.parseSeconds);
  report.workloads.ingest = {
    megabytes: mb,
    rows: studio.rows,
    studio: { ...studio, mbPerSecond: studioRate, loadToReadyMbPerSecond: rate(studio.parseSeconds + studio.profileSeconds) },
    papaparseTyped: { ...typed, mbPerSecond: rate(typed.seconds) },
    papaparseRaw: { ...raw, mbPerSecond: rate(raw.seconds) },
    pandas: { ...pandas, mbPerSecond: rate(pandas.seconds) },
    ratios: {
      vsPapaparseTyped: ratio(studioRate, rate(typed.seconds)),
      vsPapaparseRaw: ratio(studioRate, rate(raw.seconds)),
      vsPandas: ratio(studioRate, rate(pandas.seconds)),
    },
  };
}

async function tabular() {
  const trainRows = quick ? 2048 : 8192;
  const testFraction = 0.05;
  const rows = Math.ceil(trainRows / (1 - testFraction));
  const path = await tabularCsv(join(outDir, `tabular-${rows}.csv`), rows);
  const epochs = quick ? 2 : 4;
  const studio = {};
  for (const backend of backends) {
    log(`tabular: studio on ${backend}…`);
    const run = await attempt(backend, () =>
      studioTrain({ data: path, options: { target: 'label', model: 'mlp', hidden: [64, 64], dropout: 0, l2: 0, batchSize: 256, learningRate: 0.01, epochs: backend === 'cpu' ? 2 : epochs, validationSize: 0, testSize: testFraction, backend } }, { webgpu: true }),
    );
    if (run.error) {
      studio[backend] = run;
      continue;
    }
    const steady = run.training.history.slice(1);
    const sps = steady.length ? (run.split.train * steady.length) / steady.reduce((s, h) => s + h.seconds, 0) : run.training.samplesPerSecond;
    studio[backend] = { samplesPerSecond: sps, firstEpochSeconds: run.training.history[0]?.seconds, accuracy: run.metrics.accuracy, backendReason: run.backendReason, adapter: run.adapter };
  }
  log('tabular: PyTorch…');
  const torch = python('tabular', { path, target: 'label', rows: trainRows, hidden: [64, 64], batch: 256, epochs, lr: 0.01, threads: os.cpus().length });
  const best = Object.entries(studio).filter(([, v]) => typeof v.samplesPerSecond === 'number').sort((a, b) => b[1].samplesPerSecond - a[1].samplesPerSecond)[0];
  report.workloads.tabular = {
    model: '32→64→64→2 MLP, ReLU, Adam, batch 256',
    trainRows,
    studio,
    pytorch: torch,
    best: best ? { backend: best[0], samplesPerSecond: best[1].samplesPerSecond } : null,
    ratios: Object.fromEntries(Object.entries(studio).map(([b, v]) => [b, ratio(v.samplesPerSecond, torch.samplesPerSecond)])),
  };
}

async function image() {
  // The image path (IDX/pixel CSV/folders) is wired through the same runner; measured when available.
  const rows = quick ? 512 : 2048;
  const torch = python('image', { rows, batch: 64, epochs: 2, lr: 0.001, threads: os.cpus().length });
  const studio = {};
  const idx = await import('./lib/image-data.mjs').catch(() => null);
  if (!idx) {
    studio.skipped = 'image training through the runner is not available in this build';
  } else {
    const data = await idx.syntheticIdx(outDir, rows);
    for (const backend of backends.filter((b) => b !== 'wasm')) {
      log(`image: studio on ${backend}…`);
      const run = await attempt(backend, () => studioTrain({ data: data.images, options: { model: 'cnn', epochs: 2, batchSize: 64, validationSize: 0, testSize: 0.05, backend } }));
      if (run.error) {
        studio[backend] = run;
        continue;
      }
      const steady = run.training.history.slice(1);
      studio[backend] = { samplesPerSecond: steady.length ? (run.split.train * steady.length) / steady.reduce((s, h) => s + h.seconds, 0) : run.training.samplesPerSecond };
    }
    studio.wasm = { skipped: 'TF.js WASM cannot train CNNs (no Conv2DBackpropFilter)' };
  }
  report.workloads.image = {
    model: 'conv32-pool-conv64-pool-fc128 on 28×28×1, batch 64',
    rows,
    studio,
    pytorch: torch,
    ratios: Object.fromEntries(Object.entries(studio).filter(([, v]) => typeof v?.samplesPerSecond === 'number').map(([b, v]) => [b, ratio(v.samplesPerSecond, torch.samplesPerSecond)])),
  };
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
  const measured = await attempt('app', () => studioApp());
  report.workloads.app = { initialJavaScript: initialJavaScript(), ...measured, goalLongestTaskMs: 50 };
}

const WORKLOADS = { ingest, tabular, image, accuracy, app };
buildIfNeeded({ log });
const started = Date.now();
for (const [name, run] of Object.entries(WORKLOADS)) {
  if (only && !only.has(name)) continue;
  await run();
}
report.seconds = (Date.now() - started) / 1000;
const { renderTable } = await import('./lib/table.mjs');
const json = JSON.stringify(report, null, 2);
if (typeof flag('out') === 'string') writeFileSync(flag('out'), `${json}\n`);
writeFileSync(join(outDir, 'latest.json'), `${json}\n`);
process.stdout.write(asJson ? `${json}\n` : `${renderTable(report)}\n`);
