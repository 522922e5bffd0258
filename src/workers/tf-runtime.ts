/**
 * TensorFlow.js and its backends, loaded by the worker only when training is first needed, so the
 * page and the parser start without downloading it.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { DataError } from '../data/csv/errors';
import { buildModel } from '../models/build-model';
import { canTrain, describeProbe, type BackendProbe } from '../train/backends';
import {
  calibrationCacheKey,
  calibrationCandidates,
  decideFromCalibration,
  decideWithoutCalibration,
  type BackendDecision,
  type CalibrationResult,
  type Workload,
} from '../train/calibration';
import { BACKEND_LABELS, DEFAULT_TRAIN, type BackendChoice, type BackendName } from '../train/settings';
import { trainModel, type TrainingData } from '../train/train-loop';
import { cacheGet, cacheSet } from './kv-cache';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});
setThreadsCount(Math.max(1, Math.min(8, globalThis.navigator?.hardwareConcurrency ?? 1)));
// Quiet the "hi there 👋, looks like you are running TensorFlow.js in Node" style hints in production.
tf.env().set('PROD', true);

export { tf };

/** Switches TensorFlow.js to `name`; throws a DataError that says why when the backend cannot start. */
export async function activateBackend(name: BackendName): Promise<void> {
  if (tf.getBackend() === name) return;
  let ok = false;
  let detail = '';
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (error) {
    detail = error instanceof Error ? error.message : String(error);
  }
  if (!ok || tf.getBackend() !== name) {
    throw new DataError('backend_failed', `${BACKEND_LABELS[name]} could not start${detail ? ` (${detail})` : ''}. Choose Auto or another backend.`);
  }
}

function syntheticData(workload: Workload, rows: number): TrainingData {
  const exampleShape = workload === 'tabular' ? [32] : [28, 28, 1];
  const size = exampleShape.reduce((a, b) => a * b, 1);
  const features = new Float32Array(rows * size);
  let s = 1;
  for (let i = 0; i < features.length; i++) {
    s = (s * 16807) % 2147483647;
    features[i] = s / 2147483647 - 0.5;
  }
  const labels = Int32Array.from({ length: rows }, (_, i) => i % 2);
  return { features, exampleShape, labels, classCount: 2, train: Int32Array.from({ length: rows }, (_, i) => i), validation: new Int32Array(0) };
}

/** Trains a small model of the workload's kind for a moment on `name` and returns samples/s. */
async function measure(name: BackendName, workload: Workload): Promise<number> {
  await activateBackend(name);
  const spec = workload === 'tabular'
    ? { kind: 'mlp' as const, hidden: [64, 64], activation: 'relu' as const, dropout: 0, l2: 0 }
    : { kind: 'cnn' as const, l2: 0, layers: [
        { type: 'conv' as const, filters: 32, kernel: 3, activation: 'relu' as const },
        { type: 'maxpool' as const, size: 2 },
        { type: 'conv' as const, filters: 64, kernel: 3, activation: 'relu' as const },
        { type: 'maxpool' as const, size: 2 },
        { type: 'dense' as const, units: 128, activation: 'relu' as const },
      ] };
  const batchSize = workload === 'tabular' ? 256 : 64;
  const data = syntheticData(workload, batchSize * (workload === 'tabular' ? 8 : 3));
  const model = buildModel(spec, data.exampleShape, 2, 1);
  try {
    const settings = { ...DEFAULT_TRAIN, batchSize, epochs: 1, earlyStopping: false };
    // The first epoch compiles shaders / warms caches; the second is timed.
    await trainModel(model, data, settings);
    const timed = await trainModel(model, data, { ...settings, epochs: 2 });
    return timed.samplesPerSecond;
  } finally {
    model.dispose();
  }
}

async function calibrate(probes: BackendProbe[], workload: Workload): Promise<{ result: CalibrationResult; cached: boolean }> {
  const key = calibrationCacheKey(workload, probes);
  const cached = await cacheGet<CalibrationResult>(key).catch((error: unknown) => {
    console.warn('Calibration cache unreadable; measuring again.', error);
    return undefined;
  });
  if (cached) return { result: cached, cached: true };
  const result: CalibrationResult = { workload, samplesPerSecond: {}, failures: {}, measuredAt: new Date().toISOString() };
  for (const name of calibrationCandidates(probes, workload)) {
    try {
      result.samplesPerSecond[name] = await measure(name, workload);
    } catch (error) {
      result.failures[name] = error instanceof Error ? error.message : String(error);
    }
  }
  await cacheSet(key, result).catch((error: unknown) => console.warn('Calibration result not cached.', error));
  return { result, cached: false };
}

export interface ActiveBackend extends BackendDecision {
  active: BackendName;
  adapter?: string;
}

/** Resolves the user's choice to a running backend, explaining the decision. */
export async function chooseBackend(choice: BackendChoice, workload: Workload, probes: BackendProbe[]): Promise<ActiveBackend> {
  const adapterOf = (name: BackendName) => probes.find((p) => p.name === name)?.adapter;
  if (choice !== 'auto') {
    const probe = probes.find((p) => p.name === choice);
    if (!probe?.available) {
      throw new DataError('backend_unavailable', `${describeProbe(probe ?? { name: choice, available: false, reason: 'unknown backend' })}. Choose Auto or another backend.`);
    }
    const trainable = canTrain(choice, workload);
    if (!trainable.ok) throw new DataError('backend_unsupported', `${BACKEND_LABELS[choice]} cannot be used here: ${trainable.reason}. Choose Auto, WebGPU, WebGL or CPU.`);
    await activateBackend(choice);
    return { backend: choice, active: choice, reason: `${describeProbe(probe)}, chosen by you.`, adapter: adapterOf(choice) };
  }
  const direct = decideWithoutCalibration(probes, workload);
  if (direct) {
    await activateBackend(direct.backend);
    return { ...direct, active: direct.backend, adapter: adapterOf(direct.backend) };
  }
  const { result, cached } = await calibrate(probes, workload);
  const decision = decideFromCalibration(result, probes, cached);
  const unavailable = probes.filter((p) => !p.available).map(describeProbe);
  const wasmNote = workload === 'image' && probes.some((p) => p.name === 'wasm' && p.available) ? ` ${canTrain('wasm', 'image').ok ? '' : 'WASM was not considered: it cannot train convolutional networks.'}` : '';
  const reason = `${decision.reason}${unavailable.length ? ` ${unavailable.join('. ')}.` : ''}${wasmNote}`;
  await activateBackend(decision.backend);
  return { ...decision, reason, active: decision.backend, adapter: adapterOf(decision.backend) };
}
