#!/usr/bin/env node
// The text-classification quality bar, rerunnable: the studio's "auto" model on a text CSV (through the
// headless runner: the real app, worker, tokenizer and backend) against scikit-learn's
// TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True) + LogisticRegression on exactly the studio's split,
// over several split seeds.
//
//   node scripts/measure/text-quality.mjs [--data e2e/fixtures/text/debian-packages-en.csv --text description --target section]
//        [--seeds 1,2,3] [--backend wasm] [--model auto|bow] [--epochs N] [--out DIR]
//
// Prints one JSON object: per seed the studio accuracy, its choice and training seconds, the scikit-learn
// accuracies, and the mean difference. Needs Chromium (as the runner) and /usr/bin/python3 with scikit-learn.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
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
  process.stderr.write(`[measure] ${what}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}): ${result.stdout.slice(0, 2000)}`);
  return { stdout: result.stdout, seconds: (Date.now() - started) / 1000 };
}

const data = String(flag('data', 'e2e/fixtures/text/debian-packages-en.csv'));
const textColumn = String(flag('text', 'description'));
const target = String(flag('target', 'section'));
const seeds = String(flag('seeds', '1,2,3')).split(',').map(Number);
const backend = String(flag('backend', 'wasm'));
const model = String(flag('model', 'auto'));
const out = String(flag('out', '/tmp/tau-measure/text'));
mkdirSync(out, { recursive: true });

const rows = [];
for (const seed of seeds) {
  const file = join(out, `studio-${seed}-${backend}-${model}.json`);
  const args = [
    'scripts/tau/cli.mjs',
    'train',
    '--data',
    data,
    '--target',
    target,
    '--text-columns',
    textColumn,
    '--model',
    model,
    '--backend',
    backend,
    '--seed',
    String(seed),
    '--include-split',
    '--timeout',
    '36000',
    '--out',
    file,
  ];
  if (flag('epochs', undefined) !== undefined) args.push('--epochs', String(flag('epochs')));
  run(process.execPath, args, `studio seed ${seed}`);
  const studio = JSON.parse(readFileSync(file, 'utf8'));
  const sklearn = JSON.parse(run('/usr/bin/python3', ['scripts/measure/text_reference.py', data, file, textColumn, target], `scikit-learn seed ${seed}`).stdout);
  rows.push({
    seed,
    studio: {
      accuracy: studio.metrics.accuracy,
      model: studio.modelDescription,
      backend: studio.backend,
      trainingSeconds: studio.training.seconds,
      epochs: studio.training.epochs,
      vocabulary: studio.text?.vocabularySize,
    },
    sklearnWordLogreg: sklearn.word,
    sklearnCharLogreg: sklearn.char_wb_2_4,
    difference: studio.metrics.accuracy - sklearn.word.accuracy,
  });
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  JSON.stringify(
    {
      data,
      backend,
      model,
      seeds: rows,
      meanStudio: mean(rows.map((r) => r.studio.accuracy)),
      meanSklearn: mean(rows.map((r) => r.sklearnWordLogreg.accuracy)),
      meanDifference: mean(rows.map((r) => r.difference)),
      meanTrainingSeconds: mean(rows.map((r) => r.studio.trainingSeconds)),
    },
    null,
    2,
  ),
);
