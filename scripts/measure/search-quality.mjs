#!/usr/bin/env node
// Model search quality and budget, measured through the runner (the built app in headless Chromium):
// for each table and split seed, `tau search` (budget --budget, default 30s) with --include-split, then
// scikit-learn's LogisticRegression (C tuned by 5-fold GridSearchCV) and MLPClassifier on exactly the same
// train/test rows (scripts/measure/search_reference.py), and their best of two both ways: the better on test
// (an oracle that favours scikit-learn) and the one with the higher 5-fold CV score (what a user would get). Also one 60 s search on a 500-row table on WASM,
// checked against budget + 10 %.
//   node scripts/measure/search-quality.mjs [--budget 30s|12trials] [--cv 5] [--seeds 1,2,3] [--tables iris,wine] [--backend wasm] [--out DIR] [--skip-budget]
//     [--no-reference] (no scikit-learn here: write the job files; search_report.py scores them once for a before and an after run)
//     [--skip-existing] (keep DIR/<table>-<seed>.json from an interrupted run instead of searching again)
// Writes DIR/<table>-<seed>.json (runner output), DIR/summary.json, and prints a Markdown table.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** @type {Record<string, string | true>} */
const args = {};
process.argv.slice(2).forEach((a, i, all) => {
  if (a.startsWith('--')) args[a.slice(2)] = all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true;
});
const budget = args.budget ?? '30s';
const seeds = String(args.seeds ?? '1,2,3')
  .split(',')
  .map(Number);
const backend = args.backend ?? 'wasm';
const cv = args.cv ? ['--cv', String(args.cv)] : [];
const out = resolve(String(args.out ?? 'bench/out/search-quality'));
const python = process.env.TAU_PYTHON ?? '/usr/bin/python3';
mkdirSync(out, { recursive: true });

// Digits (scikit-learn's bundled copy of the UCI handwritten digits, 8×8 pixels as 64 columns) as a fifth table.
const digitsCsv = join(out, 'digits.csv');
execFileSync(python, [
  '-c',
  `
from sklearn.datasets import load_digits
import pandas as pd
d = load_digits()
df = pd.DataFrame(d.data, columns=[f"p{i}" for i in range(64)]); df["digit"] = d.target
df.to_csv(${JSON.stringify(digitsCsv)}, index=False)`,
]);

const tables = [
  { id: 'iris', sample: 'iris', csv: 'public/samples/iris.csv', target: 'species' },
  { id: 'penguins', sample: 'penguins', csv: 'public/samples/penguins.csv', target: 'Species' },
  { id: 'wine', sample: 'wine', csv: 'public/samples/wine.csv', target: 'cultivar' },
  { id: 'breast-cancer', sample: 'breast-cancer', csv: 'public/samples/breast-cancer.csv', target: 'diagnosis' },
  { id: 'digits', data: digitsCsv, csv: digitsCsv, target: 'digit' },
].filter((t) => !args.tables || String(args.tables).split(',').includes(t.id));

function tau(argv) {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['scripts/tau/cli.mjs', ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`tau ${argv.join(' ')} failed (${r.status}): ${r.stdout.slice(0, 500)} ${r.stderr.slice(-2000)}`);
  return { json: JSON.parse(r.stdout), wall };
}

const rows = [];
for (const table of tables) {
  for (const seed of seeds) {
    const file = join(out, `${table.id}-${seed}.json`);
    const source = table.sample ? ['--sample', table.sample] : ['--data', table.data];
    const reuse = args['skip-existing'] && existsSync(file);
    const { json, wall } = reuse
      ? { json: JSON.parse(readFileSync(file, 'utf8')), wall: NaN }
      : tau(['search', ...source, '--target', table.target, '--budget', budget, '--seed', String(seed), '--backend', backend, ...cv, '--include-split', '--timeout', '3600', '--out', file]);
    const job = { csv: table.csv, target: table.target, features: json.featureColumns, train: json.splitRows.train, test: json.splitRows.test };
    const jobFile = join(out, `${table.id}-${seed}.job.json`);
    writeFileSync(jobFile, JSON.stringify([job]));
    // One BLAS thread: the reference's MLPs are tiny, and threads only contend on a loaded machine.
    const [ref] = args['no-reference']
      ? [{}]
      : JSON.parse(execFileSync(python, ['scripts/measure/search_reference.py', jobFile], { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' } }));
    const row = {
      table: table.id,
      seed,
      rows: json.rows,
      trials: json.trials.length,
      studio: json.metrics.accuracy,
      studioModel: json.modelDescription,
      // The kept trial and the one with the highest CV mean (what the search kept before the one-standard-error rule).
      bestId: json.best.id,
      topId: [...json.trials].sort((a, b) => b.validation.mean - a.validation.mean || a.validation.loss - b.validation.loss || a.id - b.id)[0]?.id,
      searchSeconds: json.seconds.total,
      wall,
      ...ref,
    };
    rows.push(row);
    process.stderr.write(`${JSON.stringify(row)}\n`);
  }
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (x) => (100 * x).toFixed(1);
const lines = [
  '| table | rows | seeds | trials (mean) | studio search | sklearn LR (GridSearchCV C) | sklearn MLP | sklearn best of two (on test) | Δ vs best | sklearn best of two (by 5-fold CV) | Δ vs by CV | search s (mean) |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const table of tables) {
  const r = rows.filter((x) => x.table === table.id);
  if (r.length === 0) continue;
  lines.push(
    `| ${table.id} | ${r[0].rows} | ${r.map((x) => x.seed).join(',')} | ${mean(r.map((x) => x.trials)).toFixed(1)} | ${pct(mean(r.map((x) => x.studio)))} | ${pct(mean(r.map((x) => x.logreg)))} | ${pct(mean(r.map((x) => x.mlp)))} | ${pct(mean(r.map((x) => x.best)))} | ${(100 * (mean(r.map((x) => x.studio)) - mean(r.map((x) => x.best)))).toFixed(1)} | ${pct(mean(r.map((x) => x.bestByCv)))} | ${(100 * (mean(r.map((x) => x.studio)) - mean(r.map((x) => x.bestByCv)))).toFixed(1)} | ${mean(r.map((x) => x.searchSeconds)).toFixed(1)} |`,
  );
}
lines.push(
  `| all | | | | ${pct(mean(rows.map((x) => x.studio)))} | ${pct(mean(rows.map((x) => x.logreg)))} | ${pct(mean(rows.map((x) => x.mlp)))} | ${pct(mean(rows.map((x) => x.best)))} | ${(100 * (mean(rows.map((x) => x.studio)) - mean(rows.map((x) => x.best)))).toFixed(1)} | ${pct(mean(rows.map((x) => x.bestByCv)))} | ${(100 * (mean(rows.map((x) => x.studio)) - mean(rows.map((x) => x.bestByCv)))).toFixed(1)} | |`,
);

let budgetCheck = null;
if (!args['skip-budget']) {
  // 500 rows of the breast-cancer table, 60 s on WASM: the whole job (search + final fit + test) within budget + 10 %.
  const csv = readFileSync('public/samples/breast-cancer.csv', 'utf8').split('\n');
  const small = join(out, 'breast-cancer-500.csv');
  writeFileSync(small, `${csv.slice(0, 501).join('\n')}\n`);
  const { json, wall } = tau(['search', '--data', small, '--target', 'diagnosis', '--budget', '60s', '--backend', 'wasm', '--timeout', '3600']);
  budgetCheck = {
    rows: json.rows,
    budgetSeconds: 60,
    jobSeconds: json.seconds.total,
    searchSeconds: json.seconds.search,
    finalFitSeconds: json.seconds.finalFit,
    runnerWallSeconds: wall,
    trials: json.trials.length,
    withinBudgetPlus10: json.seconds.total <= 66,
    backend: json.backend,
  };
  lines.push(
    '',
    `60 s search on ${json.rows} rows (${json.backend}): job ${json.seconds.total.toFixed(1)} s (search ${json.seconds.search.toFixed(1)} s + final fit ${json.seconds.finalFit.toFixed(1)} s), ${json.trials.length} trials; runner wall time incl. browser start ${wall.toFixed(1)} s; within 66 s: ${budgetCheck.withinBudgetPlus10}`,
  );
}
writeFileSync(join(out, 'summary.json'), JSON.stringify({ budget, backend, seeds, rows, budgetCheck }, null, 2));
process.stdout.write(`${lines.join('\n')}\n`);
