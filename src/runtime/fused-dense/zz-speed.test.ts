import { it } from 'vitest';
import os from 'node:os';
import { FusedDenseTrainer } from './trainer';
import { createRandom } from '../../data/random';
it('speed', () => {
  const rows = 8192,
    inputs = 32;
  const r = createRandom(1);
  const x = Float32Array.from({ length: rows * inputs }, () => r() - 0.5);
  const labels = Int32Array.from({ length: rows }, (_, i) => i % 2);
  const idx = Int32Array.from({ length: rows }, (_, i) => i);
  for (const [name, dropout, l2] of [
    ['plain', 0, 0],
    ['dropout', 0.2, 0],
    ['l2', 0, 0.001],
    ['plain', 0, 0],
    ['dropout', 0.2, 0],
    ['l2', 0, 0.001],
  ] as const) {
    for (const kind of ['wasm'] as const) {
      const plan = {
        inputs,
        hidden: [
          { units: 64, dropout },
          { units: 64, dropout },
        ],
        classes: 2,
      };
      const t = new FusedDenseTrainer(plan, 256, { kind: 'adam', epsilon: 1e-7, l2 }, kind);
      t.setWeights([32 * 64, 64, 64 * 64, 64, 64 * 2, 2].map((s) => Float32Array.from({ length: s }, () => (r() - 0.5) * 0.3)));
      const times: number[] = [];
      for (let e = 0; e < 7; e++) {
        const s = performance.now();
        for (let b = 0; b < rows; b += 256) {
          t.loadRows(x, idx, b, 256);
          t.trainBatch(256, labels, b, 0.01, dropout ? Math.random : null);
        }
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      console.log(name, kind, 'median samples/s', Math.round(rows / (times[3] / 1000)), 'min-max', times.map((t) => Math.round(rows / (t / 1000))).join(','), 'load', os.loadavg()[0].toFixed(2));
    }
  }
});
