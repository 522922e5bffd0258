import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { StudioPage } from '../fixtures/studio-page';

/**
 * The opt-in WebGPU inference path (src/runtime/webgpu-f16): the dense kernel's float32 instantiation runs
 * on this machine's real WebGPU (SwiftShader) and must predict what TensorFlow.js predicts; the float16
 * instantiation runs only where the adapter offers shader-f16, and otherwise the app says plainly that it
 * cannot and which precision it used.
 */
const PENGUINS = readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url), 'utf8');

interface BatchJson {
  rows: number;
  predictions: { row: number; label: string | null; probabilities: Record<string, number> | null }[];
  inference?: { requested: string; used: string; adapter?: string; note: string };
}

async function predictWith(page: Page, precision: string, name: string): Promise<BatchJson> {
  await page.getByTestId('inference-precision').selectOption(precision);
  await page.getByTestId('batch-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(PENGUINS, 'utf8') });
  const result = await page.evaluate(() => window.tauStudio!.waitForBatch({ withPredictions: true, withCsv: false }));
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return JSON.parse(result.value.json) as BatchJson;
}

function maxDifference(a: BatchJson, b: BatchJson): number {
  expect(b.predictions).toHaveLength(a.predictions.length);
  let worst = 0;
  a.predictions.forEach((p, i) => {
    const q = b.predictions[i];
    expect(q.label === null, `row ${p.row}`).toBe(p.label === null);
    if (!p.probabilities || !q.probabilities) return;
    for (const [c, v] of Object.entries(p.probabilities)) worst = Math.max(worst, Math.abs(v - q.probabilities[c]));
  });
  return worst;
}

test('WebGPU dense kernel: float32 instantiation equals TF.js on SwiftShader; float16 runs where shader-f16 exists, else the app says so', async ({ page }, info) => {
  test.setTimeout(300_000);
  const studio = new StudioPage(page);
  await studio.open();
  await studio.loadSample('penguins');
  await studio.trainTiny({ backend: 'wasm', model: 'mlp', epochs: 3 });

  const tfjs = await predictWith(page, 'float32', 'penguins-tfjs.csv');
  expect(tfjs.inference).toBeUndefined();
  expect(tfjs.predictions.filter((p) => p.label !== null).length).toBeGreaterThan(300);

  const shader = await predictWith(page, 'float32-shader', 'penguins-shader.csv');
  expect(shader.inference?.used, shader.inference?.note).toBe('webgpu-float32');
  await expect(page.getByTestId('inference-note')).toContainText('WebGPU dense kernel in float32');
  const f32 = maxDifference(tfjs, shader);
  info.annotations.push({ type: 'f32 shader vs TF.js', description: `${tfjs.rows} rows on ${shader.inference?.adapter}: max |Δp| = ${f32.toExponential(2)}` });
  console.log(`f32 WGSL kernel vs TF.js (WASM): ${tfjs.rows} rows on ${shader.inference?.adapter}, max |Δp| = ${f32.toExponential(2)}`);
  expect(f32).toBeLessThanOrEqual(1e-4);

  const half = await predictWith(page, 'float16', 'penguins-f16.csv');
  if (half.inference?.used === 'webgpu-float16') {
    const f16 = maxDifference(tfjs, half);
    console.log(`f16 WGSL kernel vs TF.js: max |Δp| = ${f16.toExponential(2)}`);
    info.annotations.push({ type: 'f16 vs TF.js', description: `max |Δp| = ${f16.toExponential(2)}` });
    expect(f16).toBeLessThanOrEqual(2e-2);
  } else {
    // SwiftShader has no shader-f16: the app must say so plainly, and the predictions are TF.js float32 ones.
    expect(half.inference?.used).toBe('tfjs-float32');
    await expect(page.getByTestId('inference-note')).toContainText(/does not offer shader-f16, so float16 inference cannot run here; predictions used float32/);
    expect(maxDifference(tfjs, half)).toBe(0);
    info.annotations.push({ type: 'f16', description: half.inference?.note ?? '' });
    console.log(`float16: ${half.inference?.note}`);
  }
});
