import { expect, test } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { StudioPage } from '../fixtures/studio-page';
import { ExportPage } from '../fixtures/export-page';
import { loadBundle, predict } from '../../src/export/snippet/predict-with-bundle.mjs';

const PENGUINS = readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url), 'utf8');

/** CSV text → rows as Maps (column names stay data, even "__proto__"). */
function rowsOf(csv: string): Map<string, string>[] {
  const parsed = Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true }).data;
  const [header, ...rows] = parsed;
  return rows.map((cells) => new Map(header.map((h, i) => [h, cells[i] ?? ''])));
}

test.describe('export, import and predict', () => {
  test('parity: the exported bundle, loaded in Node with @tensorflow/tfjs and the README snippet, predicts what the app predicts', async ({ page }, info) => {
    const studio = new StudioPage(page);
    const exporter = new ExportPage(page);
    await studio.open();
    await studio.loadSample('penguins');
    await exporter.trainMlp({ epochs: 8 });
    await expect(page.getByTestId('current-model')).toContainText('penguins-mlp');
    // The worker answers model-info without metrics (the page holds them and adds them): the accuracy still shows.
    await expect(page.getByTestId('current-model')).toContainText(/test accuracy \d/);

    const files = await exporter.downloadBundle(info.outputPath('penguins.zip'));
    expect([...files.keys()].filter((name) => !name.startsWith('pytorch/')).sort()).toEqual(['README.md', 'group1-shard1of1.bin', 'metrics.json', 'model.json', 'preprocessing.json']);
    const metrics = JSON.parse(new TextDecoder().decode(files.get('metrics.json')));
    expect(metrics.evaluation.test.confusionMatrix.matrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(metrics.evaluation.split.test);
    expect(metrics.evaluation.backend).toBe('webgpu');

    // In-app predictions for every row of the data set (the test rows included), through the batch CSV path.
    await exporter.predictCsv('penguins.csv', PENGUINS);
    const app = rowsOf(await exporter.downloadPredictions());
    const raw = rowsOf(PENGUINS);
    expect(app).toHaveLength(344);

    await tf.setBackend('cpu');
    const bundle = await loadBundle(async (name) => files.get(name) as Uint8Array);
    const classes = bundle.preprocessing.target.classes;
    const predictable = raw.map((row, i) => ({ row, i })).filter(({ i }) => app[i].get('problem') === '');
    // penguins.csv has rows with missing values; they are imputed, not dropped, in both places.
    expect(predictable.length).toBe(344);
    const node = predict(
      bundle,
      predictable.map(({ row }) => row),
    );
    let worst = 0;
    predictable.forEach(({ i }, k) => {
      expect(node[k].label, `row ${i + 1}`).toBe(app[i].get('predicted Species'));
      for (const c of classes) worst = Math.max(worst, Math.abs(node[k].probabilities[c] - Number(app[i].get(`probability ${c}`))));
    });
    expect(worst).toBeLessThan(1e-5);
    info.annotations.push({ type: 'parity', description: `344 rows, max |Δp| = ${worst.toExponential(2)}` });
    console.log(`parity: 344 rows, identical labels, max |Δp| = ${worst.toExponential(2)}`);
    bundle.model.dispose();
  });

  test('import a bundle in a fresh tab: form with live probabilities, batch CSV with invalid rows, accuracy and drift; broken bundles are refused', async ({ page, browser }, info) => {
    // Make a bundle to import (a tiny logistic regression).
    const studio = new StudioPage(page);
    await studio.open();
    await studio.loadSample('penguins');
    await studio.trainTiny({ backend: 'webgpu', epochs: 30 });
    const files = await new ExportPage(page).downloadBundle(info.outputPath('model.zip'));
    const zip = readFileSync(info.outputPath('model.zip'));

    const fresh = await browser.newPage();
    const other = new StudioPage(fresh);
    const exporter = new ExportPage(fresh);
    await other.open();
    await expect(fresh.getByTestId('current-model')).toContainText('No model yet');
    await exporter.importFiles([{ name: 'model.zip', buffer: zip }]);
    await expect(fresh.getByTestId('current-model')).toContainText('model.zip (imported): 3 classes (Adelie, Chinstrap, Gentoo)');

    // The form: one field per input column with the right control.
    await expect(fresh.getByTestId('predict-field')).toHaveCount(6);
    await expect(exporter.field('Island')).toHaveJSProperty('tagName', 'SELECT');
    await expect(exporter.field('Body Mass (g)')).toHaveJSProperty('tagName', 'INPUT');
    await expect(fresh.getByTestId('form-predicted')).toBeVisible();
    const before = await exporter.formProbabilities();
    expect([...before.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    // A heavy Biscoe penguin with long flippers and a shallow beak: the live probabilities move to Gentoo.
    await exporter.field('Island').selectOption('Biscoe');
    await exporter.field('Beak Depth (mm)').fill('14.5');
    await exporter.field('Flipper Length (mm)').fill('225');
    await exporter.field('Body Mass (g)').fill('5600');
    await expect.poll(async () => (await exporter.formProbabilities()).get('Gentoo') ?? 0).toBeGreaterThan(Math.max(0.6, before.get('Gentoo') ?? 0));
    await expect(fresh.getByTestId('form-predicted')).toHaveText('Gentoo');
    await exporter.field('Body Mass (g)').fill('20000');
    await expect(fresh.getByTestId('section-predict')).toContainText('Outside the training range');
    await exporter.field('Body Mass (g)').fill('heavy');
    await expect(fresh.getByTestId('form-result')).toContainText('Body Mass (g): "heavy" is not a number');

    // A batch: a bad value in row 2, an island never seen in training, and the target column for accuracy.
    const header = 'Species,Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex';
    const good = PENGUINS.trim().split('\n').slice(1, 31);
    const batch = [header, good[0], 'Adelie,Dream,39,18,abc,3500,MALE', ...good.slice(1), 'Gentoo,Atlantis,50,15,220,5200,MALE'].join('\n');
    await exporter.predictCsv('new-penguins.csv', batch);
    await expect(fresh.getByTestId('batch-summary')).toContainText('31 of 32 rows predicted, 1 invalid');
    await expect(fresh.getByTestId('batch-accuracy')).toBeVisible();
    await expect(fresh.getByTestId('invalid-rows')).toContainText('Row 2, column “Flipper Length (mm)”: "abc" is not a number');
    await expect(fresh.getByTestId('drift-report')).toContainText('never seen in training: "Atlantis" (1)');
    await expect(fresh.getByTestId('batch-row')).toHaveCount(32);
    const csv = rowsOf(await exporter.downloadPredictions());
    expect(csv[1].get('problem')).toBe('Flipper Length (mm): "abc" is not a number');
    expect(csv[31].get('Island')).toBe('Atlantis');
    expect(classesOf(csv[0]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

    // Broken bundles get a message naming the problem; the imported model stays.
    await exporter.importFiles([
      { name: 'model.json', buffer: Buffer.from(files.get('model.json') as Uint8Array) },
      { name: 'group1-shard1of1.bin', buffer: Buffer.from(new Uint8Array(12)) },
    ]);
    await expect(fresh.getByTestId('model-error')).toContainText('has no preprocessing.json');
    await expect(fresh.getByTestId('model-error')).toContainText('The current model (model.zip) is unchanged');
    await exporter.importFiles([
      { name: 'model.json', buffer: Buffer.from(files.get('model.json') as Uint8Array) },
      { name: 'group1-shard1of1.bin', buffer: Buffer.from(new Uint8Array(12)) },
      { name: 'preprocessing.json', buffer: Buffer.from(files.get('preprocessing.json') as Uint8Array) },
    ]);
    await expect(fresh.getByTestId('model-error')).toContainText('weight files hold 12 bytes but model.json describes');
    await exporter.importFiles([{ name: 'notes.zip', buffer: Buffer.from('this is not a zip file at all, just text') }]);
    await expect(fresh.getByTestId('model-error')).toContainText('notes.zip');
    await expect(fresh.getByTestId('current-model')).toContainText('model.zip (imported)');

    // Save in this browser, see it listed, open it, delete it.
    await fresh.getByTestId('save-name').fill('penguins v1');
    await fresh.getByTestId('save-browser-button').click();
    await expect(fresh.getByTestId('saved-model')).toHaveCount(1);
    await expect(fresh.getByTestId('saved-models')).toContainText('penguins v1');
    await fresh.getByRole('button', { name: 'Open penguins v1' }).click();
    await expect(fresh.getByTestId('current-model')).toContainText('penguins v1 (opened from this browser)');
    await expect(fresh.getByTestId('form-predicted')).toBeVisible();
    await fresh.getByRole('button', { name: 'Delete penguins v1' }).click();
    await expect(fresh.getByTestId('saved-model')).toHaveCount(0);
    await fresh.close();
  });
});

function classesOf(row: Map<string, string>): number[] {
  return [...row.entries()].filter(([k]) => k.startsWith('probability ')).map(([, v]) => Number(v));
}

test.describe('image models', () => {
  test('an image model bundle (model.json + weights + preprocessing.json picked together) classifies dropped images', async ({ page }) => {
    await tf.setBackend('cpu');
    const { buildModel } = await import('../../src/models/build-model');
    const { toArtifacts } = await import('../../src/train/model-io');
    const model = buildModel(
      {
        kind: 'cnn',
        l2: 0,
        layers: [
          { type: 'conv', filters: 2, kernel: 3, activation: 'relu' },
          { type: 'maxpool', size: 2 },
        ],
      },
      [16, 16, 3],
      2,
      7,
    );
    const artifacts = await toArtifacts({ model, preprocessing: null, exampleShape: [16, 16, 3], classes: ['circle', 'triangle'], image: { width: 16, height: 16, channels: 3 } });
    model.dispose();
    const modelJson = {
      format: 'layers-model',
      generatedBy: 'test',
      convertedBy: null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    };
    const preprocessing = {
      format: 'tau-preprocessing',
      version: 1,
      kind: 'image',
      target: { name: 'shape', classes: ['circle', 'triangle'] },
      image: { width: 16, height: 16, channels: 3 },
      pixelScale: 1 / 255,
      layout: 'HWC',
    };

    const studio = new StudioPage(page);
    const exporter = new ExportPage(page);
    await studio.open();
    await exporter.importFiles([
      { name: 'model.json', buffer: Buffer.from(JSON.stringify(modelJson)) },
      { name: 'weights.bin', buffer: Buffer.from(artifacts.weightData) },
      { name: 'preprocessing.json', buffer: Buffer.from(JSON.stringify(preprocessing)) },
    ]);
    await expect(page.getByTestId('current-model')).toContainText('2 classes (circle, triangle) from 16×16 RGB images');
    await expect(page.getByTestId('model-notice')).toBeVisible();
    await expect(page.getByTestId('predict-form')).toHaveCount(0);
    const triangle = readFileSync(new URL('../fixtures/images/shapes/triangle/01.png', import.meta.url));
    await page.getByTestId('image-input').setInputFiles([
      { name: 'triangle.png', mimeType: 'image/png', buffer: triangle },
      { name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('not an image') },
    ]);
    const results = page.getByTestId('image-result');
    await expect(results).toHaveCount(2);
    await expect(results.nth(0)).toHaveAttribute('data-label', /^(circle|triangle)$/);
    const shown = await results
      .nth(0)
      .getByTestId('probability')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(shown.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    await expect(results.nth(1)).toContainText('broken.png');
    await expect(results.nth(1)).toHaveAttribute('data-label', '');
  });
});
