// Kernel-by-kernel time of one training step of the bench CNN (conv32-pool-conv64-pool-fc128, 28×28×1, batch 64)
// on the WASM backend in Node, with the studio's kernel fixes. Exclusive ms per step (nested kernel calls are
// charged to the inner kernel). Run: nice npx vitest run --config scripts/measure/cnn-wasm-profile.vitest.config.ts
import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmKernelPatches } from '../../src/runtime/wasm-kernels';
import { buildModel } from '../../src/models/build-model';
import { trainModel } from '../../src/train/train-loop';

it('profiles the bench CNN on WASM', async () => {
  installWasmKernelPatches();
  await tf.setBackend('wasm');
  const times = new Map<string, { ms: number; calls: number }>();
  const kernels = tf.getKernelsForBackend('wasm');
  let nested = 0;
  for (const k of kernels) {
    const f = k.kernelFunc;
    tf.unregisterKernel(k.kernelName, 'wasm');
    tf.registerKernel({
      ...k,
      kernelFunc: (args) => {
        const outer = nested;
        nested = 0;
        const t0 = performance.now();
        const out = f(args);
        const all = performance.now() - t0;
        const dt = all - nested;
        nested = outer + all;
        const a = args.attrs as Record<string, unknown>;
        const key =
          k.kernelName === 'BatchMatMul' || k.kernelName === '_FusedMatMul'
            ? `${k.kernelName} ${(args.inputs.a as tf.TensorInfo).shape.join('x')}${a.transposeA ? 'T' : ''} * ${(args.inputs.b as tf.TensorInfo).shape.join('x')}${a.transposeB ? 'T' : ''}`
            : k.kernelName === 'Identity' || k.kernelName === 'Sum' || k.kernelName === 'Add' || k.kernelName === 'Multiply'
              ? `${k.kernelName} ${(Object.values(args.inputs)[0] as tf.TensorInfo).shape.join('x')}`
              : k.kernelName === 'Conv2D'
                ? `Conv2D ${(args.inputs.x as tf.TensorInfo).shape.join('x')} ${(args.inputs.filter as tf.TensorInfo).shape.join('x')}`
                : k.kernelName;
        const e = times.get(key) ?? { ms: 0, calls: 0 };
        e.ms += dt;
        e.calls++;
        times.set(key, e);
        return out;
      },
    });
  }
  const n = 64 * 20;
  const features = Float32Array.from({ length: n * 784 }, (_, i) => Math.abs(Math.sin(i * 0.37)));
  const labels = Int32Array.from({ length: n }, (_, i) => i % 10);
  const spec = {
    kind: 'cnn',
    layers: [
      { type: 'conv', filters: 32, kernel: 3, activation: 'relu' },
      { type: 'maxpool', size: 2 },
      { type: 'conv', filters: 64, kernel: 3, activation: 'relu' },
      { type: 'maxpool', size: 2 },
      { type: 'dense', units: 128, activation: 'relu' },
    ],
  } as const;
  const model = buildModel(spec as never, [28, 28, 1], 10, 1);
  const data = { features, exampleShape: [28, 28, 1], labels, classCount: 10, train: Int32Array.from({ length: n }, (_, i) => i), validation: new Int32Array(0) };
  const settings = { epochs: 1, batchSize: 64, learningRate: 0.001, optimizer: 'adam', seed: 1, patience: 100, earlyStopping: false, reduceLearningRateAfter: 0, backend: 'wasm' } as never;
  await trainModel(model, data, settings);
  times.clear();
  const t0 = performance.now();
  const out = await trainModel(model, data, { ...(settings as object), epochs: 2 } as never);
  const total = performance.now() - t0;
  const steps = 40;
  const rows = [...times.entries()].sort((a, b) => b[1].ms - a[1].ms);
  let sum = 0;
  console.log(`total ${total.toFixed(0)} ms, ${(total / steps).toFixed(2)} ms/step, ${out.samplesPerSecond.toFixed(0)} samples/s`);
  for (const [name, e] of rows) {
    sum += e.ms;
    console.log(`${name.padEnd(28)} ${(e.ms / steps).toFixed(3).padStart(8)} ms/step ${((100 * e.ms) / total).toFixed(1).padStart(5)}%  calls/step ${(e.calls / steps).toFixed(1)}`);
  }
  console.log(`kernels ${(sum / steps).toFixed(2)} ms/step; outside kernels ${((total - sum) / steps).toFixed(2)}`);
}, 600_000);
