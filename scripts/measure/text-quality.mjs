#!/usr/bin/env node
// The text-classification quality bar, rerunnable: the studio's "auto" model on a text CSV (through the
// headless runner: the real app, worker, tokenizer and backend) against scikit-learn's
// TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True) + LogisticRegression on exactly the studio's split,
// over several split seeds.
//
//   node scripts/measure/text-quality.mjs [--data e2e/fixtures/text/debian-packages-en.csv --text description --target section]
//        [--seeds 1,2,3] [--backend wasm] [--model auto|bow|textcnn] [--also textcnn] [--epochs N] [--out DIR]
//
// --also runs a second model on the same seeds and split (e.g. the text CNN beside auto) and reports it in
// the same rows; a Markdown table of all rows goes to stderr at the end.
//
// Prints one JSON object: per seed the studio accuracy, its choice and training seconds, the scikit-learn
// accuracies, and the mean difference. Needs Chromium (as the runner) and /usr/bin/python3 with scikit-learn.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flag, run } from './measure-cli.mjs';

const data = String(flag('data', 'e2e/fixtures/text/debian-packages-en.csv'));
const textColumn = String(flag('text', 'description'));
const target = String(flag('target', 'section'));
const seeds = String(flag('seeds', '1,2,3')).split(',').map(Number);
const backend = String(flag('backend', 'wasm'));
const model = String(flag('model', 'auto'));
const also = flag('also', undefined) === undefined ? null : String(flag('also'));
const out = String(flag('out', '/tmp/tau-measure/text'));
mkdirSync(out, { recursive: true });

const rows = [];
function studioRun(seed, model) {
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
  const { seconds } = run(process.execPath, args, `studio ${model} seed ${seed}`);
  return { file, studio: JSON.parse(readFileSync(file, 'utf8')), wallSeconds: seconds };
}

const summary = (r) => ({
  accuracy: r.studio.metrics.accuracy,
  model: r.studio.modelDescription,
  backend: r.studio.backend,
  trainingSeconds: r.studio.training.seconds,
  // The whole job in the worker (auto: the search's trials plus the refit; training.seconds is the refit only).
  jobSeconds: r.studio.timings?.totalSeconds ?? null,
  wallSeconds: r.wallSeconds,
  epochs: r.studio.training.epochs,
  bestEpoch: r.studio.training.bestEpoch,
  vocabulary: r.studio.text?.vocabularySize,
});

for (const seed of seeds) {
  const main = studioRun(seed, model);
  const { file, studio } = main;
  const second = also ? studioRun(seed, also) : null;
  const sklearn = JSON.parse(run('/usr/bin/python3', ['scripts/measure/text_reference.py', data, file, textColumn, target], `scikit-learn seed ${seed}`).stdout);
  rows.push({
    seed,
    studio: summary(main),
    ...(second ? { also: summary(second) } : {}),
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
      ...(also ? { also, meanAlso: mean(rows.map((r) => r.also?.accuracy ?? Number.NaN)), meanAlsoTrainingSeconds: mean(rows.map((r) => r.also?.trainingSeconds ?? Number.NaN)) } : {}),
    },
    null,
    2,
  ),
);

const pct = (x) => (x * 100).toFixed(1);
process.stderr.write(`\n| seed | studio ${model} | sklearn TF-IDF+LR | diff (pt) |${also ? ` ${also} |` : ''} ${model} s |${also ? ` ${also} s |` : ''}\n`);
process.stderr.write(`|---|---|---|---|${also ? '---|' : ''}---|${also ? '---|' : ''}\n`);
for (const r of rows) {
  process.stderr.write(
    `| ${r.seed} | ${pct(r.studio.accuracy)} (${r.studio.model}) | ${pct(r.sklearnWordLogreg.accuracy)} | ${(r.difference * 100).toFixed(1)} |${r.also ? ` ${pct(r.also.accuracy)} |` : ''} ${r.studio.trainingSeconds.toFixed(1)} |${r.also ? ` ${r.also.trainingSeconds.toFixed(1)} |` : ''}\n`,
  );
}
