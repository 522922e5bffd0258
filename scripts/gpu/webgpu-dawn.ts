/**
 * The studio's own WebGPU code on a real GPU, outside a browser: the float16 dense-inference kernel
 * (src/runtime/webgpu-f16) and the training loop (src/train/train-loop.ts) on TF.js's WebGPU backend, run
 * in Node over Dawn (see dawn-setup.ts). Built by scripts/gpu/build.mjs into one file and run on a GPU
 * machine that has no browser; prints one JSON object. Usage: node webgpu-dawn.mjs <samples dir>
 */
import './dawn-setup';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../src/models/build-model';
import type { CnnSpec, MlpSpec } from '../../src/models/spec';
import { parseCnnLayers } from '../../src/models/cnn-layers-text';
import { trainModel, type TrainingData } from '../../src/train/train-loop';
import { DEFAULT_TRAIN, type TrainSettings } from '../../src/train/settings';
import { gpuInference, runDenseNetwork } from '../../src/runtime/webgpu-f16/dense-inference';
import { denseNetworkOf } from '../../src/runtime/webgpu-f16/dense-network';
import { createRandom } from '../../src/data/random';

const samples = process.argv[2] ?? 'public/samples';
/** GPU_QUICK=1: small sizes, for a smoke run on a software adapter (SwiftShader) before spending GPU time. */
const quick = process.env.GPU_QUICK === '1';
const size = (full: number, small: number) => (quick ? small : full);
const out: Record<string, unknown> = {};
const log = (...parts: unknown[]) => console.error('[gpu]', ...parts);

async function adapterFacts() {
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('No WebGPU adapter (is the Vulkan driver visible?)');
  const info = adapter.info;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    description: info.description,
    isFallbackAdapter: (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter ?? null,
    shaderF16: adapter.features.has('shader-f16'),
    features: [...adapter.features].sort(),
  };
}

/** breast-cancer.csv: 30 numeric columns and the diagnosis; standardized on the training rows. */
function breastCancer() {
  const lines = readFileSync(join(samples, 'breast-cancer.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const width = header.length - 1;
  const rows = lines.slice(1).map((l) => l.split(','));
  const classes = [...new Set(rows.map((r) => r[width]))].sort();
  const features = new Float32Array(rows.length * width);
  const labels = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    for (let c = 0; c < width; c++) features[i * width + c] = Number(r[c]);
    labels[i] = classes.indexOf(r[width]);
  });
  const order = Array.from({ length: rows.length }, (_, i) => i);
  const random = createRandom(7);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const nTest = Math.round(rows.length * 0.2);
  const nVal = Math.round(rows.length * 0.15);
  const test = Int32Array.from(order.slice(0, nTest));
  const validation = Int32Array.from(order.slice(nTest, nTest + nVal));
  const train = Int32Array.from(order.slice(nTest + nVal));
  for (let c = 0; c < width; c++) {
    let mean = 0;
    for (const i of train) mean += features[i * width + c];
    mean /= train.length;
    let variance = 0;
    for (const i of train) variance += (features[i * width + c] - mean) ** 2;
    const sd = Math.sqrt(variance / train.length) || 1;
    for (let i = 0; i < rows.length; i++) features[i * width + c] = (features[i * width + c] - mean) / sd;
  }
  return { features, labels, width, classes, train, validation, test };
}

function settings(over: Partial<TrainSettings>): TrainSettings {
  return { ...DEFAULT_TRAIN, backend: 'webgpu', ...over };
}

const argmax = (p: Float32Array, row: number, k: number) => {
  let best = 0;
  for (let c = 1; c < k; c++) if (p[row * k + c] > p[row * k + best]) best = c;
  return best;
};

/** Float16 vs float32 on a model the studio trained on WebGPU: probabilities, labels and test accuracy. */
async function float16Parity() {
  const data = breastCancer();
  const spec: MlpSpec = { kind: 'mlp', hidden: [64, 64], activation: 'relu', dropout: 0.2, l2: 0.001 };
  const model = buildModel(spec, [data.width], data.classes.length, 42);
  const training: TrainingData = {
    features: data.features,
    exampleShape: [data.width],
    labels: data.labels,
    classCount: data.classes.length,
    train: data.train,
    validation: data.validation,
  };
  const outcome = await trainModel(model, training, settings({ epochs: size(40, 3), batchSize: 32, patience: 10 }), { l2: spec.l2 });
  const testX = new Float32Array(data.test.length * data.width);
  data.test.forEach((r, i) => testX.set(data.features.subarray(r * data.width, (r + 1) * data.width), i * data.width));
  // Node has no OffscreenCanvas, which TF.js WebGPU's synchronous reads need: read asynchronously, then
  // rebuild the trained model on the CPU backend (the reference probabilities and the layer weights).
  const inputs = tf.tensor2d(testX, [data.test.length, data.width]);
  const prediction = model.predict(inputs) as tf.Tensor;
  const webgpuProbabilities = (await prediction.data()) as Float32Array;
  tf.dispose([inputs, prediction]);
  const weights = await Promise.all(model.getWeights().map(async (w) => ({ shape: w.shape, values: (await w.data()) as Float32Array })));
  model.dispose();
  await tf.setBackend('cpu');
  const cpuModel = buildModel(spec, [data.width], data.classes.length, 42);
  cpuModel.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
  const tfjs = tf.tidy(() => (cpuModel.predict(tf.tensor2d(testX, [data.test.length, data.width])) as tf.Tensor).dataSync() as Float32Array);
  const network = denseNetworkOf(cpuModel);
  cpuModel.dispose();
  await tf.setBackend('webgpu');
  if ('unsupported' in network) throw new Error(network.unsupported);
  const k = data.classes.length;
  const result: Record<string, unknown> = { trainedOn: tf.getBackend(), epochs: outcome.history.length, bestEpoch: outcome.bestEpoch, testRows: data.test.length };
  const accuracy = (p: Float32Array) => data.test.reduce((n, r, i) => n + (argmax(p, i, k) === data.labels[r] ? 1 : 0), 0) / data.test.length;
  result.tfjsFloat32Accuracy = accuracy(tfjs);
  result.tfjsWebgpuVsCpuMaxAbsDiff = tfjs.reduce((m, v, i) => Math.max(m, Math.abs(v - webgpuProbabilities[i])), 0);
  for (const precision of ['f32', 'f16'] as const) {
    const available = await gpuInference(precision);
    if (!available.ok) {
      result[precision] = { ran: false, reason: available.reason };
      continue;
    }
    const p = await runDenseNetwork(available.inference, network.layers, testX, data.width);
    let maxDiff = 0;
    let sameLabel = 0;
    for (let i = 0; i < data.test.length; i++) {
      for (let c = 0; c < k; c++) maxDiff = Math.max(maxDiff, Math.abs(p[i * k + c] - tfjs[i * k + c]));
      if (argmax(p, i, k) === argmax(tfjs, i, k)) sameLabel++;
    }
    result[precision] = { ran: true, adapter: available.inference.adapter, maxAbsDiffVsTfjs: maxDiff, sameLabel, accuracy: accuracy(p) };
  }
  return result;
}

/** Inference speed of the dense kernel, f16 vs f32, and TF.js WebGPU predict, on a wide MLP (random weights). */
async function float16Speed() {
  const widths = quick ? [64, 128, 128, 10] : [256, 1024, 1024, 10];
  const rows = size(65_536, 512);
  const random = createRandom(3);
  const layers = widths.slice(1).map((outputs, i) => {
    const inputs = widths[i];
    const scale = Math.sqrt(6 / (inputs + outputs));
    return {
      inputs,
      outputs,
      kernel: Float32Array.from({ length: inputs * outputs }, () => (random() * 2 - 1) * scale),
      bias: new Float32Array(outputs),
      activation: (i === widths.length - 2 ? 'softmax' : 'relu') as 'softmax' | 'relu',
    };
  });
  const x = Float32Array.from({ length: rows * widths[0] }, () => random() * 2 - 1);
  const result: Record<string, unknown> = { widths, rows };
  const outputs: Record<string, Float32Array> = {};
  for (const precision of ['f32', 'f16'] as const) {
    const available = await gpuInference(precision);
    if (!available.ok) continue;
    const times: number[] = [];
    for (let r = 0; r < 4; r++) {
      const started = performance.now();
      outputs[precision] = await runDenseNetwork(available.inference, layers, x, widths[0]);
      times.push((performance.now() - started) / 1000);
    }
    const steady = times.slice(1).sort((a, b) => a - b)[1];
    result[precision] = { seconds: times, rowsPerSecond: rows / steady };
  }
  if (outputs.f32 && outputs.f16) {
    let maxDiff = 0;
    let same = 0;
    for (let i = 0; i < rows; i++) {
      for (let c = 0; c < 10; c++) maxDiff = Math.max(maxDiff, Math.abs(outputs.f32[i * 10 + c] - outputs.f16[i * 10 + c]));
      if (argmax(outputs.f32, i, 10) === argmax(outputs.f16, i, 10)) same++;
    }
    result.f16VsF32 = { maxAbsDiff: maxDiff, sameLabelShare: same / rows };
  }
  return result;
}

/** Training throughput through the studio's loop on TF.js WebGPU: the bench's tabular MLP and its CNN. */
async function trainingThroughput() {
  const random = createRandom(11);
  const run = async (name: string, model: tf.LayersModel, exampleShape: number[], rows: number, batchSize: number, epochs: number, l2: number, classes: number) => {
    const width = exampleShape.reduce((a, b) => a * b, 1);
    const features = Float32Array.from({ length: rows * width }, () => random());
    const labels = Int32Array.from({ length: rows }, () => Math.floor(random() * classes));
    const all = Int32Array.from({ length: rows }, (_, i) => i);
    const data: TrainingData = { features, exampleShape, labels, classCount: classes, train: all, validation: all.subarray(0, 256) };
    const outcome = await trainModel(model, data, settings({ epochs, batchSize, earlyStopping: false, learningRate: name === 'mlp' ? 0.01 : 0.001 }), {
      l2,
      onEpoch: (record) => log(name, 'epoch', record.epoch, record.seconds.toFixed(3), 's'),
    });
    const seconds = outcome.history.map((h) => h.seconds);
    const steady = seconds.slice(1).sort((a, b) => a - b)[Math.floor((seconds.length - 1) / 2)];
    model.dispose();
    return { backend: tf.getBackend(), rows, batchSize, epochSeconds: seconds, steadySamplesPerSecond: rows / steady, runSamplesPerSecond: (rows * epochs) / seconds.reduce((a, b) => a + b, 0) };
  };
  const mlp: MlpSpec = { kind: 'mlp', hidden: [64, 64], activation: 'relu', dropout: 0.2, l2: 0.001 };
  // The bench's CNN, in the runner's --cnn text form (one definition of the layers, parsed by the studio's codec).
  const layers = parseCnnLayers('conv32,pool,conv64,pool,fc128');
  if (!layers.ok) throw new Error(layers.message);
  const cnn: CnnSpec = { kind: 'cnn', l2: 0, layers: layers.layers };
  return {
    mlp: await run('mlp', buildModel(mlp, [32], 2, 1), [32], size(8192, 1024), 256, size(5, 3), mlp.l2, 2),
    mlpBatch2048: await run('mlp', buildModel(mlp, [32], 2, 1), [32], size(65_536, 4096), 2048, size(4, 3), mlp.l2, 2),
    cnn: await run('cnn', buildModel(cnn, [28, 28, 1], 10, 1), [28, 28, 1], size(4096, 256), 64, 3, 0, 10),
  };
}

async function main() {
  out.adapter = await adapterFacts();
  log('adapter', JSON.stringify(out.adapter).slice(0, 300));
  const ok = await tf.setBackend('webgpu');
  await tf.ready();
  out.tfjsBackend = { requested: 'webgpu', ok, backend: tf.getBackend() };
  for (const [name, task] of [
    ['float16Parity', float16Parity],
    ['float16Speed', float16Speed],
    ['training', trainingThroughput],
  ] as const) {
    if (process.env.GPU_ONLY && !process.env.GPU_ONLY.split(',').includes(name)) continue;
    const started = performance.now();
    try {
      out[name] = await task();
      log(name, JSON.stringify(out[name]));
    } catch (error) {
      out[name] = { error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}`.slice(0, 2000) : String(error) };
      log(name, 'failed:', JSON.stringify(out[name]));
    }
    log(name, ((performance.now() - started) / 1000).toFixed(1), 's');
  }
  out.tensorsLeft = tf.memory().numTensors;
  console.log(JSON.stringify(out, null, 1));
  process.exit(0);
}

void main();
