import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StudioPage } from '../fixtures/studio-page';
import { ExportPage } from '../fixtures/export-page';

const PENGUINS = readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url), 'utf8');
const PYTHON = process.env.TAU_PYTHON ?? '/usr/bin/python3';
const torchCheck = spawnSync(PYTHON, ['-c', 'import torch, numpy, pandas'], { encoding: 'utf8' });
const hasTorch = torchCheck.status === 0;

function rowsOf(csv: string): Map<string, string>[] {
  const [header, ...rows] = Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true }).data;
  return rows.map((cells) => new Map(header.map((h, i) => [h, cells[i] ?? ''])));
}

test.describe('PyTorch project and quantized bundles', () => {
  test('"Download as PyTorch project" predicts what the app predicts; a uint8 bundle shows its size and test metrics first and imports back', async ({ page }, info) => {
    test.setTimeout(600_000);
    const studio = new StudioPage(page);
    const exporter = new ExportPage(page);
    await studio.open();
    await studio.loadSample('penguins');
    // WASM: SwiftShader's WebGPU is too slow on a loaded CI machine; the PyTorch parity is about the weights, not the backend.
    await page.getByTestId('backend-select').selectOption('wasm');
    await page.getByTestId('model-choice').getByRole('radio', { name: /^MLP/ }).check();
    await page.getByTestId('epochs').fill('3');
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('confusion-matrix')).toBeVisible({ timeout: 300_000 });

    // The PyTorch project, as the button downloads it.
    const download = page.waitForEvent('download');
    await page.getByTestId('export-pytorch-button').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/-pytorch\.zip$/);
    const { unzipSync } = await import('fflate');
    const files = unzipSync(new Uint8Array(readFileSync(await file.path())));
    expect(Object.keys(files).sort()).toEqual([
      'pytorch/README.md',
      'pytorch/model.py',
      'pytorch/predict.py',
      'pytorch/preprocess.py',
      'pytorch/preprocessing.json',
      'pytorch/studio.json',
      'pytorch/tau_safetensors.py',
      'pytorch/tau_text.py',
      'pytorch/train.py',
      'pytorch/weights.safetensors',
    ]);

    await exporter.predictCsv('penguins.csv', PENGUINS);
    const app = rowsOf(await exporter.downloadPredictions());
    if (hasTorch) {
      const dir = info.outputPath('project');
      mkdirSync(dir, { recursive: true });
      for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name.replace('pytorch/', '')), bytes);
      writeFileSync(join(dir, 'penguins.csv'), PENGUINS);
      const run = spawnSync(PYTHON, ['predict.py', '--data', 'penguins.csv', '--out', 'out.csv'], { cwd: dir, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
      expect(run.status, run.stderr).toBe(0);
      const torch = rowsOf(readFileSync(join(dir, 'out.csv'), 'utf8'));
      expect(torch).toHaveLength(app.length);
      const classes = JSON.parse(new TextDecoder().decode(files['pytorch/studio.json'])).classes as string[];
      let worst = 0;
      torch.forEach((row, i) => {
        expect(row.get('prediction'), `row ${i + 1}`).toBe(app[i].get('predicted Species'));
        for (const c of classes) worst = Math.max(worst, Math.abs(Number(row.get(`p_${c}`)) - Number(app[i].get(`probability ${c}`))));
      });
      expect(worst).toBeLessThanOrEqual(1e-4);
      info.annotations.push({ type: 'parity', description: `PyTorch vs app (WASM): ${app.length} rows, max |Δp| = ${worst.toExponential(2)}` });
      console.log(`PyTorch vs app: ${app.length} rows, max |Δp| = ${worst.toExponential(2)}`);
    } else {
      console.warn(`SKIPPED the Python half: ${PYTHON} cannot import torch, numpy and pandas (install python3-torch, python3-pandas).`);
    }

    // uint8: the size and test-metric change are shown before downloading.
    await page.getByTestId('quantize-select').selectOption('uint8');
    await expect(page.getByTestId('quantize-preview')).toContainText(/test accuracy .* → /, { timeout: 60_000 });
    const bundle = await exporter.downloadBundle(info.outputPath('penguins-uint8.zip'));
    const modelJson = JSON.parse(new TextDecoder().decode(bundle.get('model.json')));
    expect(modelJson.weightsManifest[0].weights.every((w: { quantization?: { dtype: string } }) => w.quantization?.dtype === 'uint8')).toBe(true);
    const metrics = JSON.parse(new TextDecoder().decode(bundle.get('metrics.json')));
    expect(metrics.quantization).toMatchObject({ dtype: 'uint8' });
    expect(metrics.quantization.weightBytes * 4).toBe(metrics.quantization.float32WeightBytes);
    expect(Math.abs(metrics.quantization.test.quantized.accuracy - metrics.quantization.test.float32.accuracy)).toBeLessThanOrEqual(0.01);
    // The PyTorch project is inside too, with the same uint8 codes (U8 tensors; scale and min in the header's __metadata__).
    const safetensors = bundle.get('pytorch/weights.safetensors') as Uint8Array;
    const headerLength = Number(new DataView(safetensors.buffer, safetensors.byteOffset, 8).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(safetensors.subarray(8, 8 + headerLength))) as Record<string, { dtype?: string }>;
    const tensorNames = Object.keys(header).filter((n) => n !== '__metadata__');
    expect(tensorNames.length).toBeGreaterThan(0);
    expect(tensorNames.every((n) => header[n].dtype === 'U8')).toBe(true);
    expect(metrics.quantization.bundleBytes).toBeLessThan(metrics.quantization.float32BundleBytes);
    info.annotations.push({ type: 'size', description: `uint8 zip ${metrics.quantization.bundleBytes} B vs float32 zip ${metrics.quantization.float32BundleBytes} B` });

    await exporter.importFiles([{ name: 'penguins-uint8.zip', buffer: readFileSync(info.outputPath('penguins-uint8.zip')) }]);
    await expect(page.getByText(/stored quantized \(uint8\)/)).toBeVisible({ timeout: 30_000 });
    await exporter.predictCsv('penguins-bundle.csv', PENGUINS);
    const fromBundle = await exporter.downloadPredictions();

    // The same export's PyTorch files (U8 tensors + studio.json + preprocessing.json), picked loose, import too and
    // predict exactly what the uint8 bundle predicts (the same codes, decoded as predict.py decodes them).
    await exporter.importFiles(['weights.safetensors', 'studio.json', 'preprocessing.json'].map((name) => ({ name, buffer: Buffer.from(bundle.get(`pytorch/${name}`) as Uint8Array) })));
    await expect(page.getByText(/Imported from a PyTorch project \(weights\.safetensors\).*stored quantized \(uint8\)/)).toBeVisible({ timeout: 30_000 });
    await exporter.predictCsv('penguins-project.csv', PENGUINS);
    expect(await exporter.downloadPredictions()).toBe(fromBundle);
  });

  test('reports whether this WebGPU device offers shader-f16 (float16 inference needs it)', async ({ page }, info) => {
    const studio = new StudioPage(page);
    await studio.open();
    const features = await page.evaluate(async () => {
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ features: Set<string>; info?: { vendor?: string; architecture?: string; description?: string } } | null> } }).gpu;
      if (!gpu) return { webgpu: false, f16: false, adapter: '' };
      const adapter = await gpu.requestAdapter();
      if (!adapter) return { webgpu: false, f16: false, adapter: '' };
      return { webgpu: true, f16: adapter.features.has('shader-f16'), adapter: [adapter.info?.vendor, adapter.info?.architecture, adapter.info?.description].filter(Boolean).join(' ') };
    });
    const line = `WebGPU ${features.webgpu ? `adapter "${features.adapter}"` : 'unavailable'}: shader-f16 ${features.f16 ? 'available' : 'NOT available'}`;
    info.annotations.push({ type: 'shader-f16', description: line });
    console.log(line);
    expect(features.webgpu, 'the webgpu project runs Chromium with WebGPU enabled').toBe(true);
  });
});
