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
import { DataError } from '../lib/errors';
import { buildModel } from '../models/build-model';
import type { ModelSpec } from '../models/spec';
import { describeProbe, type BackendProbe } from './backends';
import { calibrationCacheKey, calibrationCandidates, decideFromCalibration, decideWithoutCalibration, type BackendDecision, type CalibrationResult, type Workload } from './calibration';
import { BACKEND_LABELS, DEFAULT_TRAIN, type BackendChoice, type BackendName } from '../train/settings';
import { trainModel, type TrainingData } from '../train/train-loop';
import type { JobBackend } from '../train/task-job';
import { fusedBackendDecision } from './fused-dense/backend-decision';
import { cacheGet, cacheSet } from './kv-cache';
import { installWasmKernelPatches } from './wasm-kernels';
import { installGradientPatches } from './gradient-patches';
import { threadsFor } from './wasm-threads';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});
// One XNNPACK thread until a convolutional job asks for more (useWasmThreadsFor below).
setThreadsCount(1);
const missingWasmPatches = installWasmKernelPatches();
if (missingWasmPatches.length > 0) console.warn(`WASM kernel fixes not installed: ${missingWasmPatches.join('; ')}.`);
installGradientPatches();
// Quiet the "hi there 👋, looks like you are running TensorFlow.js in Node" style hints in production.
tf.env().set('PROD', true);

export { tf };
export { createDeviceRecovery } from './device-recovery';

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

/** What calibration should resemble: the real model, input shape and batch size (per-op overhead
 * dominates small batches, arithmetic dominates big ones, so the winner depends on them). */
export interface CalibrationShape {
  exampleShape: number[];
  batchSize: number;
  spec: ModelSpec;
}

const DEFAULT_SHAPES: Record<Workload, CalibrationShape> = {
  tabular: { exampleShape: [32], batchSize: 256, spec: { kind: 'mlp', hidden: [64, 64], activation: 'relu', dropout: 0, l2: 0 } },
  image: {
    exampleShape: [28, 28, 1],
    batchSize: 64,
    spec: {
      kind: 'cnn',
      l2: 0,
      layers: [
        { type: 'conv', filters: 32, kernel: 3, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'conv', filters: 64, kernel: 3, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'dense', units: 128, activation: 'relu' },
      ],
    },
  },
};

/** Milliseconds each backend trains for while calibrating, after a warm-up of two batches. */
const CALIBRATION_BUDGET_MS = 700;

function syntheticData(shape: CalibrationShape, rows: number): TrainingData {
  const size = shape.exampleShape.reduce((a, b) => a * b, 1);
  const features = new Float32Array(rows * size);
  let s = 1;
  for (let i = 0; i < features.length; i++) {
    s = (s * 16807) % 2147483647;
    features[i] = s / 2147483647 - 0.5;
  }
  const labels = Int32Array.from({ length: rows }, (_, i) => i % 2);
  return { features, exampleShape: shape.exampleShape, labels, classCount: 2, train: Int32Array.from({ length: rows }, (_, i) => i), validation: new Int32Array(0) };
}

/** Trains the calibration model on `name` for a fixed time budget and returns samples/s. */
async function measure(name: BackendName, shape: CalibrationShape): Promise<number> {
  await activateBackend(name);
  const batchSize = shape.batchSize;
  const data = syntheticData(shape, batchSize * 64);
  const model = buildModel(shape.spec, data.exampleShape, 2, 1);
  try {
    const settings = { ...DEFAULT_TRAIN, batchSize, epochs: 1, earlyStopping: false };
    // Warm-up: the first batches compile shaders and fill caches.
    let batches = 0;
    await trainModel(model, data, settings, { onBatch: () => batches++, shouldStop: () => batches >= 2 });
    batches = 0;
    const started = performance.now();
    // trainModel reads the loss back before returning, so the clock includes the device finishing.
    await trainModel(model, data, settings, { onBatch: () => batches++, shouldStop: () => batches >= 3 && performance.now() - started > CALIBRATION_BUDGET_MS });
    return (batches * batchSize) / ((performance.now() - started) / 1000);
  } finally {
    model.dispose();
  }
}

function shapeKey(shape: CalibrationShape): string {
  const width = shape.exampleShape.reduce((a, b) => a * b, 1);
  // Buckets: a 37- and a 40-column table behave alike; a different batch size may not.
  return `${shape.spec.kind}:${JSON.stringify(shape.spec.kind === 'mlp' ? shape.spec.hidden : shape.spec.kind === 'cnn' ? shape.spec.layers : [])}:w${2 ** Math.round(Math.log2(Math.max(1, width)))}:b${shape.batchSize}`;
}

async function calibrate(probes: BackendProbe[], workload: Workload, shape: CalibrationShape): Promise<{ result: CalibrationResult; cached: boolean }> {
  const key = `${calibrationCacheKey(workload, probes)}|${shapeKey(shape)}`;
  const cached = await cacheGet<CalibrationResult>(key).catch((error: unknown) => {
    console.warn('Calibration cache unreadable; measuring again.', error);
    return undefined;
  });
  if (cached) return { result: cached, cached: true };
  const result: CalibrationResult = { workload, samplesPerSecond: {}, failures: {}, measuredAt: new Date().toISOString() };
  for (const name of calibrationCandidates(probes)) {
    try {
      result.samplesPerSecond[name] = await measure(name, shape);
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
  /** WASM only: the threads XNNPACK really runs on (1 without cross-origin isolation). */
  threads?: number;
}

export function backendContext(backend: ActiveBackend): JobBackend {
  return { name: backend.active, reason: backend.reason, adapter: backend.adapter, ...(backend.threads ? { threads: backend.threads } : {}) };
}

interface WasmBackendThreads {
  wasm: { tfjs: { initWithThreadsCount(count: number): void; getThreadsCount(): number } };
}

/** The started WASM backend's thread controls, or null before it starts. */
function startedWasm(): WasmBackendThreads['wasm']['tfjs'] | null {
  const backend = tf.engine().registry.wasm as unknown as Partial<WasmBackendThreads> | undefined;
  return backend?.wasm?.tfjs ?? null;
}

/**
 * Threads for XNNPACK on WASM, by workload (src/runtime/wasm-threads.ts says when and why). Before the
 * backend starts this sets the count it starts with; afterwards it can only raise it: a new pthreadpool
 * replaces the single-threaded one, which has no threads to leave behind.
 */
function useWasmThreadsFor(workload: Workload): void {
  const wanted = threadsFor(workload, globalThis.navigator?.hardwareConcurrency);
  const started = startedWasm();
  if (!started) {
    setThreadsCount(wanted);
    return;
  }
  // Without cross-origin isolation the module has no threads: a new pool would stay at one, every time.
  if (!(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) return;
  if (started.getThreadsCount() < wanted) started.initWithThreadsCount(wanted);
}

function withThreads(backend: ActiveBackend): ActiveBackend {
  const started = backend.active === 'wasm' ? startedWasm() : null;
  return started ? { ...backend, threads: started.getThreadsCount() } : backend;
}

/** Resolves the user's choice to a running backend, explaining the decision. */
export async function chooseBackend(choice: BackendChoice, workload: Workload, probes: BackendProbe[], shape: CalibrationShape = DEFAULT_SHAPES[workload]): Promise<ActiveBackend> {
  // Before calibration too: WASM is then timed with the threads it will train with.
  useWasmThreadsFor(workload);
  return withThreads(await decideAndActivate(choice, workload, probes, shape));
}

async function decideAndActivate(choice: BackendChoice, workload: Workload, probes: BackendProbe[], shape: CalibrationShape): Promise<ActiveBackend> {
  const adapterOf = (name: BackendName) => probes.find((p) => p.name === name)?.adapter;
  if (choice !== 'auto') {
    const probe = probes.find((p) => p.name === choice);
    if (!probe?.available) {
      throw new DataError('backend_unavailable', `${describeProbe(probe ?? { name: choice, available: false, reason: 'unknown backend' })}. Choose Auto or another backend.`);
    }
    await activateBackend(choice);
    return { backend: choice, active: choice, reason: `${describeProbe(probe)}, chosen by you.`, adapter: adapterOf(choice) };
  }
  // Dense table nets: the fused WASM trainer, with no calibration (a fixed cost before the first epoch).
  const fused = workload === 'tabular' ? fusedBackendDecision(shape, probes) : null;
  if (fused) {
    await activateBackend(fused.backend);
    return { ...fused, active: fused.backend };
  }
  const direct = decideWithoutCalibration(probes);
  if (direct) {
    await activateBackend(direct.backend);
    return { ...direct, active: direct.backend, adapter: adapterOf(direct.backend) };
  }
  const { result, cached } = await calibrate(probes, workload, shape);
  const decision = decideFromCalibration(result, probes, cached);
  const unavailable = probes.filter((p) => !p.available).map(describeProbe);
  const reason = `${decision.reason}${unavailable.length ? ` ${unavailable.join('. ')}.` : ''}`;
  await activateBackend(decision.backend);
  return { ...decision, reason, active: decision.backend, adapter: adapterOf(decision.backend) };
}
