import { test, expect } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot, runnerJson, tau } from '../fixtures/runner-call';

/**
 * `tau predict --precision float32|float16|float32-shader` through the runner (each call is its own headless
 * Chromium with WebGPU, as a CLI user gets it). This machine's WebGPU adapter is SwiftShader, which has no
 * shader-f16: float32 and float32-shader must give the default prediction's probabilities (float32-shader runs
 * the studio's own WGSL kernel), float16 must say in `inference` that float32 was used and why, and a value
 * outside the list is a usage error (exit 2) naming the flag.
 */

const root = projectRoot;
const PENGUINS = join(root, 'public', 'samples', 'penguins.csv');

interface Predicted {
  rows: number;
  predictions: { row: number; label: string | null; probabilities: Record<string, number> | null }[];
  inference?: { requested: string; used: string; adapter?: string; note: string };
}

async function predict(bundle: string, ...extra: string[]): Promise<Predicted> {
  const call = await tau('predict', '--model', bundle, '--data', PENGUINS, '--quiet', ...extra);
  expect(call.code, call.stderr).toBe(0);
  return runnerJson<Predicted>(call);
}

/** Largest |Δp| over every row and class; the same rows must be predicted (or refused) by both. */
function maxDifference(a: Predicted, b: Predicted): number {
  expect(b.predictions).toHaveLength(a.predictions.length);
  let worst = 0;
  a.predictions.forEach((p, i) => {
    const q = b.predictions[i];
    expect(q.row).toBe(p.row);
    expect(q.label === null, `row ${p.row}`).toBe(p.label === null);
    if (!p.probabilities || !q.probabilities) return;
    expect(Object.keys(q.probabilities).sort()).toEqual(Object.keys(p.probabilities).sort());
    for (const [c, v] of Object.entries(p.probabilities)) worst = Math.max(worst, Math.abs(v - q.probabilities[c]));
  });
  return worst;
}

test('tau predict --precision: float32 and float32-shader equal the default within 1e-5; float16 on SwiftShader says float32 was used; a bad value exits 2', async () => {
  test.setTimeout(420_000);
  const info = test.info();
  const dir = mkdtempSync(join(tmpdir(), 'tau-precision-'));
  const bundle = join(dir, 'penguins.zip');
  const trained = await tau(
    'train',
    '--sample',
    'penguins',
    '--target',
    'Species',
    '--model',
    'mlp',
    '--hidden',
    '16,8',
    '--backend',
    'wasm',
    '--epochs',
    '4',
    '--seed',
    '5',
    '--export',
    bundle,
    '--quiet',
  );
  expect(trained.code, trained.stderr).toBe(0);

  const usual = await predict(bundle);
  expect(usual.inference).toBeUndefined();
  const predicted = usual.predictions.filter((p) => p.probabilities !== null);
  expect(predicted.length).toBeGreaterThan(300);
  // Real probabilities, not a constant: they sum to 1 and differ between rows.
  for (const p of predicted.slice(0, 20)) expect(Object.values(p.probabilities ?? {}).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  expect(new Set(predicted.map((p) => JSON.stringify(p.probabilities))).size).toBeGreaterThan(10);

  const float32 = await predict(bundle, '--precision', 'float32');
  expect(float32.inference).toBeUndefined();
  expect(maxDifference(usual, float32)).toBeLessThanOrEqual(1e-5);

  const shader = await predict(bundle, '--precision', 'float32-shader');
  expect(shader.inference, JSON.stringify(shader.inference)).toMatchObject({ requested: 'float32-shader', used: 'webgpu-float32', adapter: expect.any(String) });
  const shaderDifference = maxDifference(usual, shader);
  info.annotations.push({ type: 'float32-shader vs default', description: `${usual.rows} rows on ${shader.inference?.adapter}: max |Δp| = ${shaderDifference.toExponential(2)}` });
  console.log(`tau predict --precision float32-shader vs default: ${usual.rows} rows on ${shader.inference?.adapter}, max |Δp| = ${shaderDifference.toExponential(2)}`);
  expect(shaderDifference).toBeLessThanOrEqual(1e-5);

  const half = await predict(bundle, '--precision', 'float16');
  if (half.inference?.used === 'webgpu-float16') {
    // A device with shader-f16 (not this machine's SwiftShader): float16 storage, so only close.
    console.log(`tau predict --precision float16 ran in float16 on ${half.inference.adapter}: max |Δp| = ${maxDifference(usual, half).toExponential(2)}`);
    expect(maxDifference(usual, half)).toBeLessThanOrEqual(2e-2);
  } else {
    expect(half.inference).toEqual({
      requested: 'float16',
      used: 'tfjs-float32',
      note: expect.stringMatching(/WebGPU adapter \(.+\) does not offer shader-f16, so float16 inference cannot run here; predictions used float32\./),
    });
    expect(maxDifference(usual, half)).toBe(0);
    console.log(`tau predict --precision float16: ${half.inference?.note}`);
  }

  const bad = await tau('predict', '--model', bundle, '--data', PENGUINS, '--precision', 'float8', '--quiet');
  expect(bad.code, bad.stderr).toBe(2);
  expect(bad.stderr).not.toMatch(/\n\s+at /);
  const error = runnerJson<{ error: { code: string; message: string } }>(bad).error;
  expect(error.code).toBe('invalid_arguments');
  expect(error.message).toMatch(/--precision/);
  expect(error.message).toMatch(/float32, float16, float32-shader/);
  expect(error.message).toContain('float8');
});
