#!/usr/bin/env node
// Issue 19 (1a), threads over the batch: would a second thread pay for the fused dense trainer's step?
// The bench's network (32→64→64→2, batch 256): the forward and backward gemms of one step (the part
// that splits by rows; dropout masks, softmax and Adam are left out) on one thread, then split in two
// halves of 128 rows over two threads sharing one WebAssembly memory (weight gradients in two buffers
// summed afterwards, Atomics.wait/notify once each way per step), the way a worker + helper worker
// would run it. Prints the median and best time per step of each, and the bare sync round trip.
// Usage: node scripts/measure/fused-threads-probe.mjs [steps=2000]. Read it on a quiet machine: on a
// loaded one the helper thread waits for a core and the figures say only that.
import { readFileSync } from 'node:fs';
import { Worker, isMainThread, workerData } from 'node:worker_threads';

const BATCH = 256;
const PAGES = 64;
const F = 4;
// Byte offsets (each region holds 256 × 64 floats).
const region = (i) => 1024 + i * BATCH * 64 * F;
const [X, W0, W1, W2, B, A0, A1, A2, D0, D1, WT, G0, G1] = Array.from({ length: 13 }, (_, i) => region(i));
const PARAMS = 32 * 64 + 64 * 64 + 64 * 8;

/** The gemms of one step over rows [r0, r0 + rows), weight gradients into `g`. */
function step(k, r0, rows, g) {
  const x = X + r0 * 32 * F;
  const [a0, a1, a2] = [A0 + r0 * 64 * F, A1 + r0 * 64 * F, A2 + r0 * 8 * F];
  const [d0, d1] = [D0 + r0 * 64 * F, D1 + r0 * 64 * F];
  k.gemm(x, 32, 1, W0, 64, a0, 64, rows, 64, 32, B, 3);
  k.gemm(a0, 64, 1, W1, 64, a1, 64, rows, 64, 64, B, 3);
  k.gemm(a1, 64, 1, W2, 8, a2, 8, rows, 8, 64, B, 1);
  k.gemm(a1, 1, 64, d0, 8, g + 6144 * F, 8, 64, 8, rows, 0, 0);
  k.gemm(d0, 8, 1, WT, 64, d1, 64, rows, 64, 2, 0, 0);
  k.gemm(a0, 1, 64, d1, 64, g + 2048 * F, 64, 64, 64, rows, 0, 0);
  k.gemm(d1, 64, 1, WT, 64, d0, 64, rows, 64, 64, 0, 0);
  k.gemm(x, 1, 32, d0, 64, g, 64, 32, 64, rows, 0, 0);
}

if (isMainThread) {
  const { default: wabtInit } = await import('wabt');
  const wabt = await wabtInit();
  const path = new URL('../../src/runtime/fused-dense/dense.wat', import.meta.url);
  const text = readFileSync(path, 'utf8').replace('(memory 1)', `(memory ${PAGES} ${PAGES} shared)`);
  const parsed = wabt.parseWat('dense.wat', text, { simd: true, threads: true });
  // No parsed.validate(): wabt.js validates with default features (no shared memory); V8 validates below.
  const module = new WebAssembly.Module(new Uint8Array(parsed.toBinary({}).buffer));
  parsed.destroy();
  const memory = new WebAssembly.Memory({ initial: PAGES, maximum: PAGES, shared: true });
  const floats = new Float32Array(memory.buffer);
  for (let i = 256; i < region(13) / F; i++) floats[i] = ((i * 2654435761) % 1000) / 1000 - 0.5;
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const steps = Number(process.argv[2] ?? 2000);
  const worker = new Worker(new URL(import.meta.url), { workerData: { module, memory, flag } });
  await new Promise((resolve) => worker.once('message', resolve));
  const summary = (name, times) => {
    times.sort((a, b) => a - b);
    const ms = (t) => (t * 1000).toFixed(1);
    console.log(`${name}: median ${ms(times[times.length >> 1])} µs, best ${ms(times[0])} µs, p90 ${ms(times[Math.floor(times.length * 0.9)])} µs`);
    return times[times.length >> 1];
  };
  const grads = new Float32Array(memory.buffer, G0, PARAMS);
  const other = new Float32Array(memory.buffer, G1, PARAMS);
  const run = (name, body) => {
    const times = [];
    for (let i = 0; i < steps; i++) {
      const t = performance.now();
      body();
      times.push(performance.now() - t);
    }
    return summary(name, times);
  };
  const handoff = (rows) => {
    Atomics.store(flag, 0, rows);
    Atomics.notify(flag, 0);
  };
  const join = () => {
    while (Atomics.load(flag, 0) !== -1) Atomics.wait(flag, 0, Atomics.load(flag, 0), 100);
  };
  const one = run('1 thread, 256 rows', () => step(k, 0, BATCH, G0));
  const rt = run('sync round trip alone (notify → helper → notify back)', () => {
    handoff(1);
    join();
  });
  const two = run('2 threads, 128 + 128 rows, gradients summed', () => {
    handoff(BATCH / 2);
    step(k, 0, BATCH / 2, G0);
    join();
    for (let i = 0; i < PARAMS; i++) grads[i] += other[i];
  });
  console.log(`speed-up of the gemm part: ${(one / two).toFixed(2)}× (sync round trip ${(rt * 1000).toFixed(1)} µs)`);
  handoff(-2);
  await worker.terminate();
} else {
  const { module, memory } = workerData;
  /** @type {Int32Array} */
  const flag = workerData.flag;
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const { parentPort } = await import('node:worker_threads');
  parentPort?.postMessage('ready');
  for (;;) {
    Atomics.wait(flag, 0, 0);
    const rows = Atomics.load(flag, 0);
    if (rows === -2) break;
    if (rows <= 0) continue;
    if (rows > 1) step(k, BATCH / 2, rows, G1);
    Atomics.store(flag, 0, -1);
    Atomics.notify(flag, 0);
    // Wait for the main thread to take the result before the next step.
    while (Atomics.load(flag, 0) === -1) Atomics.wait(flag, 0, -1, 100);
  }
}
