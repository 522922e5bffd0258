import { statSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { UserError, existingPath, oneOf, text } from '../args.mjs';
import { unwrap } from '../app.mjs';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.bmp', '.gif']);

/** Writes the current model's bundle to `path` through the app's own "Download model" path (a real download). */
export async function exportBundleTo(page, path, options = {}) {
  const target = resolve(process.cwd(), path);
  const download = page.waitForEvent('download');
  const exported = await page.evaluate((o) => window.tauStudio.exportModel(o), options);
  if (!exported.ok) {
    // The download will never come; stop waiting for it before reporting why.
    download.catch((error) => process.stderr.write(`[runner] no download: ${error.message}\n`));
    throw new UserError(exported.error.code, exported.error.message);
  }
  await (await download).saveAs(target);
  return { path: target, fileName: exported.value.fileName, bytes: statSync(target).size, ...(exported.value.quantization ? { quantization: exported.value.quantization } : {}) };
}

/** Imports --model through the app's model file input; bad bundles become UserErrors (exit 2). */
export async function importModel(page, modelPath) {
  await page.setInputFiles('[data-testid="model-import-input"]', modelPath);
  return unwrap(await page.evaluate(() => window.tauStudio.waitForModelImport()));
}

export const predict = {
  usage: `predict  --model <model.zip> --data <rows.csv | image> [--out predictions.csv]
           [--precision float32|float16|float32-shader] (float16: WebGPU kernel where shader-f16 exists; "inference" says what ran)
           (prints {"rows", "predictions": [{"row", "label", "probabilities"}], "accuracy" (if the target column is present), "invalidRows", "drift"};
            with --out writes input + predicted class + probabilities as CSV and prints the summary without "predictions")`,
  handlesOut: true,
  validate(flags) {
    if (text(flags, 'model') === undefined) throw new UserError('missing_model', 'Give the model bundle with --model <model.zip> (from `tau train … --export model.zip` or the app).');
    existingPath(flags, 'model');
    if (text(flags, 'data') === undefined) throw new UserError('missing_data', 'Give the rows to predict with --data <rows.csv>.');
  },
  async run(page, flags) {
    const imported = await importModel(page, existingPath(flags, 'model'));
    const data = existingPath(flags, 'data');
    if (!data) throw new UserError('missing_data', 'Give the rows to predict with --data <rows.csv>.');
    const out = text(flags, 'out');
    if (imported.kind === 'image') {
      if (!IMAGE_EXTENSIONS.has(extname(data).toLowerCase()))
        throw new UserError('unsupported_data', `${imported.name} classifies images; give an image file with --data (PNG, JPEG, WebP, BMP or GIF).`);
      await page.setInputFiles('[data-testid="image-input"]', data);
      const result = unwrap(await page.evaluate(() => window.tauStudio.waitForImages()));
      return JSON.parse(result.json);
    }
    const precision = oneOf(flags, 'precision', ['float32', 'float16', 'float32-shader']);
    if (precision !== undefined) await page.selectOption('[data-testid="inference-precision"]', precision);
    await page.setInputFiles('[data-testid="batch-input"]', data);
    const result = unwrap(await page.evaluate((o) => window.tauStudio.waitForBatch(o), { withPredictions: out === undefined, withCsv: out !== undefined }));
    // JSON.parse (not a structured copy) so class names such as "__proto__" stay ordinary keys.
    const output = JSON.parse(result.json);
    if (out !== undefined) {
      const target = resolve(process.cwd(), out);
      writeFileSync(target, result.csv);
      output.out = target;
    }
    return { model: { name: imported.name, classes: imported.classes, notes: imported.notes }, ...output };
  },
};
