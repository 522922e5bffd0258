import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { unzipSync } from 'fflate';
import { UserError, existingPath, oneOf, text } from '../args.mjs';
import { importModel } from './predict.mjs';

/** `tau export --model model.zip --format pytorch --out dir/`: the bundle's model as a PyTorch project folder. */
export const exportCommand = {
  usage: `export   --model <model.zip> --format pytorch --out <dir/>
           (imports the bundle, writes its PyTorch project — model.py, weights.safetensors, preprocess.py, predict.py, train.py —
            into dir/; prints {"out", "files", "bytes"})`,
  handlesOut: true,
  validate(flags) {
    if (text(flags, 'model') === undefined) throw new UserError('missing_model', 'Give the model bundle with --model <model.zip>.');
    existingPath(flags, 'model');
    if (oneOf(flags, 'format', ['pytorch']) === undefined) throw new UserError('invalid_arguments', 'Say which format to export with --format pytorch.');
    if (text(flags, 'out') === undefined) throw new UserError('invalid_arguments', 'Say where to write the project with --out <dir/>.');
  },
  async run(page, flags) {
    await importModel(page, existingPath(flags, 'model'));
    const download = page.waitForEvent('download');
    const exported = await page.evaluate(() => window.tauStudio.exportModel({ format: 'pytorch' }));
    if (!exported.ok) {
      download.catch((error) => process.stderr.write(`[runner] no download: ${error.message}\n`));
      throw new UserError(exported.error.code, exported.error.message);
    }
    const scratch = mkdtempSync(join(tmpdir(), 'tau-export-'));
    try {
      const zipPath = join(scratch, 'pytorch.zip');
      await (await download).saveAs(zipPath);
      const out = resolve(process.cwd(), text(flags, 'out') ?? '.');
      const files = [];
      let bytes = 0;
      for (const [name, data] of Object.entries(unzipSync(readFileSync(zipPath)))) {
        if (name.endsWith('/')) continue;
        const relative = name.replace(/^pytorch\//, '');
        const target = resolve(out, relative);
        // Names come from the studio's own zip; still, never write outside --out.
        if (!target.startsWith(out + sep)) throw new Error(`unexpected path in the exported zip: ${name}`);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, data);
        files.push(relative);
        bytes += data.byteLength;
      }
      return { out, files: files.sort(), bytes };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
