/**
 * Runs the generated PyTorch project with the machine's Python (/usr/bin/python3 or $TAU_PYTHON, with
 * torch, numpy, pandas): predictions must equal the studio's within 1e-4 for a table model (penguins:
 * categorical columns, missing values) and an image model (CNN with batch norm); two processes train an
 * epoch with gloo (launched by environment variables, and by --nproc 2 when resuming), and the checkpoint
 * imports back into the studio and predicts what PyTorch predicts. Skips, saying why, without Python/torch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel } from '../../models/build-model';
import { parseCsvText } from '../../data/csv/parse-csv';
import { profileTable } from '../../data/profile';
import { prepareTable } from '../../preprocess/prepare';
import { DEFAULT_PREPARE } from '../../preprocess/settings';
import { tableReader } from '../../preprocess/feature-reader';
import { transformRows } from '../../preprocess/transform';
import { toArtifacts, fromArtifacts } from '../../train/model-io';
import { trainModel } from '../../train/train-loop';
import { predictProbabilities } from '../../models/predict-probabilities';
import { DEFAULT_TRAIN } from '../../train/settings';
import { createRandom } from '../../data/random';
import { preprocessingFile } from '../write-bundle';
import { metricsFile } from '../metrics-file';
import { readBundle } from '../read-bundle';
import type { MetricsFile } from '../bundle-format';
import { pytorchProjectFiles } from './project';

const PYTHON = process.env.TAU_PYTHON ?? '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy, pandas; print(torch.__version__, numpy.__version__, pandas.__version__)'], { encoding: 'utf8' });
const pythonReady = probe.status === 0;
if (!pythonReady) {
  console.warn(
    `[pytorch-project.test] SKIPPED: ${PYTHON} cannot import torch, numpy and pandas (${(probe.stderr || String(probe.error ?? '')).trim().split('\n').pop()}). Install python3-torch and python3-pandas (Debian) or set TAU_PYTHON.`,
  );
} else {
  console.info(`[pytorch-project.test] ${PYTHON}: torch, numpy, pandas ${probe.stdout.trim()}`);
}

const root = mkdtempSync(join(tmpdir(), 'tau-pytorch-'));
if (process.env.TAU_KEEP_TMP) console.info(`[pytorch-project.test] keeping ${root}`);
const env = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1' };

function writeProject(dir: string, files: Map<string, Uint8Array>) {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
}

function python(dir: string, args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { cwd: dir, env: { ...env, ...extraEnv } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`python ${args.join(' ')} exited ${code}:\n${err.slice(-3000)}`))));
  });
}

/** The p_<class> columns of predict.py's output, row-major. */
function readProbabilities(path: string, classes: string[]): { labels: string[]; p: number[] } {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  expect(header).toEqual(['prediction', ...classes.map((c) => `p_${c}`), 'problem']);
  const p: number[] = [];
  const labels: string[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    labels.push(cells[0]);
    for (let c = 0; c < classes.length; c++) p.push(Number(cells[1 + c]));
  }
  return { labels, p };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });

const metricsWith = (settings: object, model: object): MetricsFile => ({
  ...metricsFile(null),
  evaluation: { settings, model } as unknown as MetricsFile['evaluation'],
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => {
  if (!process.env.TAU_KEEP_TMP) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!pythonReady)('generated PyTorch project (runs /usr/bin/python3 with torch)', () => {
  const csvText = readFileSync(join(__dirname, '../../../public/samples/penguins.csv'), 'utf8');
  const parsed = parseCsvText(csvText, 'penguins.csv');
  const prepared = prepareTable(parsed.table, profileTable(parsed.table), { ...DEFAULT_PREPARE, target: 'Species' });
  const allRows = Int32Array.from({ length: parsed.table.rowCount }, (_, i) => i);
  const tableDir = join(root, 'table');
  const dataPath = join(root, 'penguins.csv');
  let classes: string[] = [];

  it('table model (penguins, MLP): predict.py probabilities equal the studio’s within 1e-4', async () => {
    const settings = { ...DEFAULT_TRAIN, epochs: 5, batchSize: 32 };
    const model = buildModel({ kind: 'mlp', hidden: [16, 8], activation: 'relu', dropout: 0.1, l2: 0.001 }, [prepared.fitted.inputSize], prepared.fitted.target.classes.length, 7);
    await trainModel(
      model,
      {
        features: prepared.features,
        exampleShape: [prepared.fitted.inputSize],
        labels: prepared.labels,
        classCount: prepared.fitted.target.classes.length,
        train: prepared.split.train,
        validation: prepared.split.validation,
      },
      settings,
      { l2: 0.001 },
    );
    const artifacts = await toArtifacts({ model, preprocessing: prepared.fitted, exampleShape: [prepared.fitted.inputSize], classes: prepared.fitted.target.classes });
    classes = artifacts.classes;
    writeProject(tableDir, pytorchProjectFiles({ artifacts, preprocessing: preprocessingFile(artifacts, null), metrics: metricsWith(settings, { kind: 'mlp', l2: 0.001 }), title: 'Penguins' }));
    writeFileSync(dataPath, csvText);
    // The studio's probabilities for every row of the file (rows with problems are left out on both sides).
    const { features, problems } = transformRows(prepared.fitted, tableReader(parsed.table), allRows);
    expect(problems).toEqual([]);
    const studio = await predictProbabilities(model, features, [prepared.fitted.inputSize]);
    await python(tableDir, ['predict.py', '--data', dataPath, '--out', join(root, 'table-predictions.csv')]);
    const torch = readProbabilities(join(root, 'table-predictions.csv'), classes);
    const diff = maxAbsDiff(studio, torch.p);
    console.info(`[pytorch-project.test] table parity: ${parsed.table.rowCount} rows, max |Δp| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-4);
    model.dispose();
  });

  it('image model (CNN with batch norm): predict.py on a pixel CSV equals the studio within 1e-4', async () => {
    const random = createRandom(11);
    const n = 96;
    const side = 8;
    const pixels = new Uint8Array(n * side * side);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 3;
      // Class-dependent bright band plus noise, so training has something to learn.
      for (let p = 0; p < side * side; p++) pixels[i * side * side + p] = Math.min(255, Math.floor(random() * 120 + (Math.floor(p / side) % 3 === labels[i] ? 120 : 0)));
    }
    const features = Float32Array.from(pixels, (v) => v / 255);
    const model = buildModel(
      {
        kind: 'cnn',
        l2: 0.0005,
        layers: [
          { type: 'conv', filters: 6, kernel: 3, activation: 'relu' },
          { type: 'batchnorm' },
          { type: 'maxpool', size: 2 },
          { type: 'conv', filters: 4, kernel: 2, activation: 'elu' },
          { type: 'dropout', rate: 0.2 },
          { type: 'dense', units: 12, activation: 'tanh' },
        ],
      },
      [side, side, 1],
      3,
      3,
    );
    const order = Int32Array.from({ length: n }, (_, i) => i);
    await trainModel(
      model,
      { features, exampleShape: [side, side, 1], labels, classCount: 3, train: order.subarray(0, 80), validation: order.subarray(80) },
      { ...DEFAULT_TRAIN, epochs: 3, batchSize: 16 },
      { l2: 0.0005 },
    );
    const imageClasses = ['a', 'b', 'c'];
    const artifacts = await toArtifacts({ model, preprocessing: null, exampleShape: [side, side, 1], classes: imageClasses, image: { width: side, height: side, channels: 1 } });
    const dir = join(root, 'image');
    writeProject(dir, pytorchProjectFiles({ artifacts, preprocessing: preprocessingFile(artifacts, null), metrics: null, title: 'Bands' }));
    const header = ['label', ...Array.from({ length: side * side }, (_, p) => `pixel${p}`)];
    const rows = Array.from({ length: n }, (_, i) => [imageClasses[labels[i]], ...pixels.subarray(i * side * side, (i + 1) * side * side)].join(','));
    writeFileSync(join(root, 'pixels.csv'), `${header.join(',')}\n${rows.join('\n')}\n`);
    const studio = await predictProbabilities(model, features, [side, side, 1]);
    await python(dir, ['predict.py', '--data', join(root, 'pixels.csv'), '--out', join(root, 'image-predictions.csv')]);
    const diff = maxAbsDiff(studio, readProbabilities(join(root, 'image-predictions.csv'), imageClasses).p);
    console.info(`[pytorch-project.test] image parity: ${n} images, max |Δp| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-4);
    model.dispose();
  });

  it('two processes train an epoch (env-var launch, gloo), resume with --nproc 2, and the checkpoint imports back and predicts', { timeout: 240_000 }, async () => {
    const run = join(root, 'run');
    const port = String(await freePort());
    const args = ['train.py', '--data', dataPath, '--epochs', '1', '--out', run, '--chunk-rows', '100'];
    const launched = await Promise.all([0, 1].map((rank) => python(tableDir, args, { RANK: String(rank), LOCAL_RANK: String(rank), WORLD_SIZE: '2', MASTER_ADDR: '127.0.0.1', MASTER_PORT: port })));
    const first = JSON.parse(launched[0].trim().split('\n').pop() as string);
    expect(first).toMatchObject({ epoch: 1, processes: 2, evaluatedOn: 'training data' });
    expect(first.trainRows).toBe(prepared.labels.length + prepared.dropped.missingFeatures);
    expect(first.accuracy).toBeGreaterThan(0.5);
    expect(launched[1].trim()).toBe(''); // only rank 0 reports and writes checkpoints
    const resumed = await python(tableDir, ['train.py', '--data', dataPath, '--epochs', '2', '--out', run, '--resume', '--nproc', '2', '--chunk-rows', '100']);
    const second = JSON.parse(resumed.trim().split('\n').pop() as string);
    expect(second).toMatchObject({ epoch: 2, processes: 2 });
    expect(second.macroF1).toBeGreaterThan(0);
    const epochOne = readFileSync(join(run, 'epoch-0001.safetensors'));
    const latest = readFileSync(join(run, 'latest.safetensors'));
    expect(Buffer.compare(epochOne, latest)).not.toBe(0); // the second epoch changed the weights

    // Back into the studio: the pair goes through the import path ("Import model").
    const bundle = await readBundle([
      { name: 'latest.safetensors', blob: new Blob([latest]) },
      { name: 'latest.json', blob: new Blob([readFileSync(join(run, 'latest.json'))]) },
    ]);
    expect(bundle.notes[0]).toMatch(/PyTorch checkpoint .*epoch 2/);
    const trained = await fromArtifacts(bundle.artifacts);
    const { features } = transformRows(trained.preprocessing!, tableReader(parsed.table), allRows);
    const studio = await predictProbabilities(trained.model, features, trained.exampleShape);
    await python(tableDir, ['predict.py', '--data', dataPath, '--out', join(root, 'resumed.csv'), '--weights', join(run, 'latest.safetensors')]);
    const diff = maxAbsDiff(studio, readProbabilities(join(root, 'resumed.csv'), classes).p);
    console.info(`[pytorch-project.test] imported checkpoint parity: max |Δp| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-4);
    trained.model.dispose();
  });

  it('rejects a checkpoint whose tensor shapes do not match the model', async () => {
    const run = join(root, 'run');
    const info = JSON.parse(readFileSync(join(run, 'latest.json'), 'utf8'));
    info.studio.tfjs.weightSpecs[0].shape = [3, 16];
    await expect(
      readBundle([
        { name: 'latest.safetensors', blob: new Blob([readFileSync(join(run, 'latest.safetensors'))]) },
        { name: 'latest.json', blob: new Blob([JSON.stringify(info)]) },
      ]),
    ).rejects.toThrow(/shape/);
  });
});
