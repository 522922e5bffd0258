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
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { projectRoot, distDir } from '../scripts/serve.mjs';
import { buildIfNeeded } from '../scripts/build-if-needed.mjs';
import { ingestCsv, tabularCsv } from './lib/generate.mjs';
import { papaparseIngest, studioApp, studioIngest, studioTrain } from './lib/studio.mjs';

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
  const epochs = quick ? 3 : 5;
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
    // Builds before per-epoch timing existed only report the overall rate (first epoch included).
    const timed = steady.length > 0 && steady.every((h) => typeof h.seconds === 'number');
    const sps = timed ? medianRate(run.split.train, steady) : run.training.samplesPerSecond;
    studio[backend] = { samplesPerSecond: sps, firstEpochSeconds: run.training.history[0]?.seconds, accuracy: run.metrics.accuracy, backendReason: run.backendReason, adapter: run.adapter };
  }
  log('tabular: PyTorch…');
  const torch = python('tabular', { path, target: 'label', rows: trainRows, hidden: [64, 64], batch: 256, epochs: 8, lr: 0.01, threads: os.cpus().length });
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

/** Runs `npm run tau -- train …` (the headless runner itself) and returns its JSON. */
function runner(args) {
  const run = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'tau', 'cli.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TAU_SKIP_BUILD: '1' } });
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
  for (const backend of backends) {
    log(`image: studio on ${backend}…`);
    const data = syntheticIdx(outDir, IMAGE_ROWS[backend] ?? rows);
    const run = await attempt(backend, () =>
      runner(['train', '--data', data.images, '--model', 'cnn', '--cnn', IMAGE_BENCH_CNN, '--image-size', '28', '--epochs', String(IMAGE_EPOCHS[backend] ?? 3), '--batch-size', '64', '--validation-size', '0', '--test-size', '0.05', '--backend', backend]),
    );
    if (run.error) {
      studio[backend] = run;
      continue;
    }
    spec ??= run.model;
    const steady = run.training.history.slice(1);
    studio[backend] = { images: run.split.train, samplesPerSecond: steady.length ? medianRate(run.split.train, steady) : run.training.samplesPerSecond, firstEpochSeconds: run.training.history[0]?.seconds, adapter: run.adapter };
  }
  log('image: PyTorch (the same layers)…');
  const torch = spec ? python('image', { rows: Math.round(rows * 0.95), batch: 64, epochs: 6, lr: 0.001, threads: os.cpus().length, spec }) : { skipped: 'no studio run finished, so the model to mirror is unknown' };
  report.workloads.image = {
    model: spec ? describeCnn(spec) : 'default CNN',
    rows,
    studio,
    pytorch: torch,
    ratios: Object.fromEntries(Object.entries(studio).filter(([, v]) => typeof v?.samplesPerSecond === 'number').map(([b, v]) => [b, ratio(v.samplesPerSecond, torch.samplesPerSecond)])),
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
