#!/usr/bin/env node
// What the default `auto` budget costs and buys: `auto` on a table of ≤2,000 training rows is a search
// of N trials with 3-fold CV (src/search/search-job.ts autoSearchSettings). For each table and split seed,
// runs `tau search --budget <N>trials --cv 3` for each N (interleaved, so machine load hits both alike) and
// reports test accuracy (deterministic per backend) and the job's and the runner's wall time.
//   node scripts/measure/auto-budget.mjs [--trials 4,6] [--seeds 1,2,3] [--tables iris,wine] [--backend wasm] [--out DIR]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** @type {Record<string, string | true>} */
const args = {};
process.argv.slice(2).forEach((a, i, all) => {
  if (a.startsWith('--')) args[a.slice(2)] = all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true;
});
const list = (value, fallback) => String(value ?? fallback).split(',');
const trialCounts = list(args.trials, '4,6').map(Number);
const seeds = list(args.seeds, '1,2,3').map(Number);
const backend = String(args.backend ?? 'wasm');
const out = resolve(String(args.out ?? 'bench/out/auto-budget'));
mkdirSync(out, { recursive: true });
const tables = [
  { id: 'iris', target: 'species' },
  { id: 'penguins', target: 'Species' },
  { id: 'wine', target: 'cultivar' },
  { id: 'breast-cancer', target: 'diagnosis' },
].filter((t) => !args.tables || list(args.tables).includes(t.id));

const rows = [];
for (const table of tables) {
  for (const seed of seeds) {
    for (const trials of trialCounts) {
      const started = performance.now();
      const argv = ['scripts/tau/cli.mjs', 'search', '--sample', table.id, '--target', table.target, '--budget', `${trials}trials`, '--cv', '3', '--seed', String(seed), '--backend', backend];
      const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
      const wall = (performance.now() - started) / 1000;
      if (r.status !== 0) throw new Error(`tau ${argv.join(' ')} failed (${r.status}): ${r.stdout.slice(0, 500)} ${r.stderr.slice(-2000)}`);
      const json = JSON.parse(r.stdout);
      const row = { table: table.id, seed, trials, accuracy: json.metrics.accuracy, model: json.modelDescription, jobSeconds: json.seconds.total, searchSeconds: json.seconds.search, wall };
      rows.push(row);
      process.stderr.write(`${JSON.stringify(row)}\n`);
    }
  }
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const lines = ['| table | trials | seeds | test accuracy (mean) | job s (mean) | runner wall s (mean) |', '|---|---|---|---|---|---|'];
for (const table of [...tables.map((t) => t.id), 'all']) {
  for (const trials of trialCounts) {
    const r = rows.filter((x) => (table === 'all' || x.table === table) && x.trials === trials);
    if (r.length === 0) continue;
    lines.push(
      `| ${table} | ${trials} | ${seeds.join(',')} | ${(100 * mean(r.map((x) => x.accuracy))).toFixed(2)} | ${mean(r.map((x) => x.jobSeconds)).toFixed(2)} | ${mean(r.map((x) => x.wall)).toFixed(1)} |`,
    );
  }
}
writeFileSync(join(out, 'summary.json'), JSON.stringify({ backend, seeds, trialCounts, rows }, null, 2));
process.stdout.write(`${lines.join('\n')}\n`);
