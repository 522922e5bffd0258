#!/usr/bin/env node
// Regression quality, rerunnable: the studio's linear regression (through the headless runner: the real app,
// worker and preprocessing) against scikit-learn's LinearRegression fitted on exactly the studio's training
// rows (--include-split), on several split seeds; on Friedman #1 (non-linear) also the studio's MLP; and one
// export → `tau predict` round trip on the test rows that must reproduce the reported MAE.
//
//   node scripts/measure/regression-quality.mjs [--seeds 1,2,3] [--backend wasm] [--out DIR] [--json]
//
// Needs Chromium (as the runner) and /usr/bin/python3 with scikit-learn and pandas.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = process.argv[i + 1];
  return value === undefined || value.startsWith('--') ? true : value;
}

function run(command, args, what) {
  process.stderr.write(`[measure] ${what}\n`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: process.env });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}): ${result.stdout.slice(0, 2000)} ${result.stderr.slice(-2000)}`);
  return result.stdout;
}

const tau = (args, what) => JSON.parse(run('npm', ['run', '--silent', 'tau', '--', ...args], what));
const seeds = String(flag('seeds', '1,2,3')).split(',').map(Number);
const backend = String(flag('backend', 'wasm'));
const out = String(flag('out', '/tmp/tau-measure/regression'));
mkdirSync(out, { recursive: true });

const DATASETS = [
  { name: 'diabetes', file: 'public/samples/diabetes.csv', target: 'progression' },
  { name: 'cars (Auto MPG)', file: 'public/samples/cars.csv', target: 'Miles_per_Gallon' },
  { name: 'Friedman #1', file: 'scripts/measure/data/friedman1.csv', target: 'y', mlp: true },
];

const rows = [];
for (const d of DATASETS) {
  for (const seed of seeds) {
    const studioPath = join(out, `${d.name.replace(/\W+/g, '-')}-${seed}-linear.json`);
    const studio = tau(
      ['train', '--data', d.file, '--target', d.target, '--task', 'regression', '--model', 'linear', '--seed', String(seed), '--backend', backend, '--include-split', '--out', studioPath],
      `${d.name} seed ${seed}: studio linear`,
    );
    const saved = JSON.parse(readFileSync(studioPath, 'utf8'));
    const sk = JSON.parse(run('/usr/bin/python3', ['scripts/measure/sklearn_regression.py', d.file, d.target, studioPath], `${d.name} seed ${seed}: scikit-learn`));
    const row = {
      dataset: d.name,
      seed,
      test: saved.split.test,
      studioLinearMae: saved.metrics.mae,
      sklearnLinearMae: sk.mae,
      gapPercent: (100 * (saved.metrics.mae - sk.mae)) / sk.mae,
      baselineMae: saved.metrics.baselineMae,
      studioLinearR2: saved.metrics.r2,
      sklearnR2: sk.r2,
    };
    void studio;
    if (d.mlp) {
      const mlpPath = join(out, `${d.name.replace(/\W+/g, '-')}-${seed}-mlp.json`);
      tau(
        ['train', '--data', d.file, '--target', d.target, '--task', 'regression', '--model', 'mlp', '--hidden', '64,64', '--seed', String(seed), '--backend', backend, '--out', mlpPath],
        `${d.name} seed ${seed}: studio MLP`,
      );
      const mlp = JSON.parse(readFileSync(mlpPath, 'utf8'));
      row.studioMlpMae = mlp.metrics.mae;
      row.studioMlpR2 = mlp.metrics.r2;
    }
    rows.push(row);
  }
}

// Export → predict round trip on the test rows of the first data set and seed.
const d = DATASETS[0];
const zip = join(out, 'diabetes-model.zip');
const trainedPath = join(out, 'roundtrip-train.json');
tau(
  [
    'train',
    '--data',
    d.file,
    '--target',
    d.target,
    '--task',
    'regression',
    '--model',
    'linear',
    '--seed',
    String(seeds[0]),
    '--backend',
    backend,
    '--include-split',
    '--export',
    zip,
    '--out',
    trainedPath,
  ],
  'round trip: train --export',
);
const trained = JSON.parse(readFileSync(trainedPath, 'utf8'));
const lines = readFileSync(join(ROOT, d.file), 'utf8').trimEnd().split('\n');
const testCsv = join(out, 'diabetes-test-rows.csv');
writeFileSync(testCsv, [lines[0], ...trained.splitRows.test.map((r) => lines[r + 1])].join('\n') + '\n');
const predicted = tau(['predict', '--model', zip, '--data', testCsv], 'round trip: predict on the test rows');
const roundTrip = { reportedMae: trained.metrics.mae, predictMae: predicted.metrics?.mae, rows: predicted.metrics?.rows, firstPrediction: predicted.predictions?.[0] };

const summary = { backend, seeds, rows, roundTrip };
writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 2));
if (flag('json', false)) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const f = (v) => (v === undefined ? '' : v.toFixed(3));
  console.log('| data set | seed | test rows | studio linear MAE | sklearn LinearRegression MAE | gap | baseline MAE | studio MLP MAE |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.dataset} | ${r.seed} | ${r.test} | ${f(r.studioLinearMae)} | ${f(r.sklearnLinearMae)} | ${r.gapPercent.toFixed(3)}% | ${f(r.baselineMae)} | ${f(r.studioMlpMae)} |`);
  console.log(`\nExport → predict on the ${roundTrip.rows} test rows: reported MAE ${f(roundTrip.reportedMae)}, tau predict MAE ${f(roundTrip.predictMae)}.`);
}
