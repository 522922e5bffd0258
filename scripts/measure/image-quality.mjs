#!/usr/bin/env node
// The image quality bar, rerunnable: the studio's default CNN (through the headless runner, so the real app,
// worker and backend selection) against a small PyTorch CNN trained on exactly the same split.
//
//   node scripts/measure/image-quality.mjs                 # 5,000-image Fashion-MNIST subset (500 per class)
//   node scripts/measure/image-quality.mjs --full          # all 60,000 training images (test split 20%)
//   options: --per-class N  --backend auto|webgpu|webgl|wasm|cpu  --epochs N  --seed N (split, init and PyTorch)  --out DIR  --skip-torch
//
// Writes DIR/studio.json (the runner's JSON, with splitRows), DIR/torch.json and DIR/summary.json, and prints
// the summary. Needs Chromium (as the runner) and /usr/bin/python3 with torch for the reference.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flag, run } from './measure-cli.mjs';

const SOURCE = '/usr/share/datasets/fashion-mnist';
const CLASS_NAMES = 'T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot';

const full = Boolean(flag('full', false));
const perClass = Number(flag('per-class', '500'));
const out = String(flag('out', join('/tmp/tau-measure', full ? 'quality-full' : `quality-${perClass * 10}`)));
mkdirSync(out, { recursive: true });

let images;
let labels;
if (full) {
  images = join(SOURCE, 'train-images-idx3-ubyte.gz');
  labels = join(SOURCE, 'train-labels-idx1-ubyte.gz');
} else {
  const made = JSON.parse(run(process.execPath, ['scripts/measure/fashion-subset.mjs', '--per-class', String(perClass), '--out', join(out, 'data')], 'subset').stdout);
  images = join(made.out, 'subset-images-idx3-ubyte.gz');
  labels = join(made.out, 'subset-labels-idx1-ubyte.gz');
}

const studioArgs = ['scripts/tau/cli.mjs', 'train', '--data', images, '--class-names', CLASS_NAMES, '--include-split', '--test-size', '0.2', '--timeout', '36000', '--out', join(out, 'studio.json')];
for (const name of ['backend', 'epochs', 'seed']) if (flag(name, undefined) !== undefined) studioArgs.push(`--${name}`, String(flag(name)));
const studioRun = run(process.execPath, studioArgs, 'studio (default CNN and training defaults)');
const studio = JSON.parse(readFileSync(join(out, 'studio.json'), 'utf8'));

let torch = null;
if (!flag('skip-torch', false)) {
  run(
    '/usr/bin/python3',
    [
      'scripts/measure/torch_reference.py',
      '--images',
      images,
      '--labels',
      labels,
      '--split',
      join(out, 'studio.json'),
      '--out',
      join(out, 'torch.json'),
      ...(flag('seed', undefined) === undefined ? [] : ['--seed', String(flag('seed'))]),
    ],
    'PyTorch reference',
  );
  torch = JSON.parse(readFileSync(join(out, 'torch.json'), 'utf8'));
}

const summary = {
  data: full ? 'Fashion-MNIST train set (60,000)' : `Fashion-MNIST subset (${perClass} per class)`,
  split: studio.split,
  studio: {
    model: studio.modelDescription,
    backend: studio.backend,
    adapter: studio.adapter ?? null,
    backendReason: studio.backendReason,
    accuracy: studio.metrics.accuracy,
    macroF1: studio.metrics.macroF1,
    epochs: studio.training.epochs,
    bestEpoch: studio.training.bestEpoch,
    stoppedBy: studio.training.stoppedBy,
    trainingSeconds: studio.training.seconds,
    samplesPerSecond: studio.training.samplesPerSecond,
    wallSeconds: studioRun.seconds,
    settings: studio.settings,
  },
  torch,
  meetsReference: torch ? studio.metrics.accuracy >= torch.accuracy : null,
  measuredAt: new Date().toISOString(),
};
writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
