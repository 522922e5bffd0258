import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError, bool, existingPath, text } from '../args.mjs';
import { unwrap } from '../app.mjs';

const MAX_NOTEBOOK_FILE_BYTES = 64 * 1024 * 1024;

/** The `nb=…` part of a link, a `#nb=…` fragment or a bare `nb=…`; the app checks the rest. */
function linkFragment(flags) {
  const link = text(flags, 'url');
  if (link === undefined) return null;
  const at = link.indexOf('nb=');
  if (at < 0) throw new UserError('bad_link', 'The --url has no notebook in it (no "#nb=" part). Give the whole link that "Copy link" or `tau share` made.');
  return `#${link.slice(at)}`;
}

/** Same accuracy and confusion matrix: what "same link + same backend → same metrics" promises. */
function sameMetrics(a, b) {
  return a.accuracy === b.accuracy && JSON.stringify(a.confusionMatrix) === JSON.stringify(b.confusionMatrix);
}

export const run = {
  usage: `run      --url "<link or #nb=…>" | --notebook <file.json>  [--retrain] [--data <file>] (the notebook's file, checked by SHA-256)
           Prints the stored results as \`tau train\` does (the retrained run with --retrain) plus "stored", "notebook"`,
  validate(flags) {
    const url = linkFragment(flags);
    const notebook = text(flags, 'notebook');
    if ((url === null) === (notebook === undefined)) throw new UserError('invalid_arguments', 'Give exactly one of --url "<link>" or --notebook <file.json>.');
    if (notebook !== undefined) {
      const path = existingPath(flags, 'notebook');
      if (path && statSync(path).size > MAX_NOTEBOOK_FILE_BYTES) throw new UserError('file_too_large', `${notebook} is larger than ${MAX_NOTEBOOK_FILE_BYTES / 1024 / 1024} MB; it is not a notebook.`);
    }
  },
  appOptions: (flags) => ({ hash: linkFragment(flags) ?? '' }),
  async run(page, flags) {
    // A --url opens exactly as a person's browser would: from the address, through the app's own checks.
    let info = unwrap(await page.evaluate(() => window.tauStudio.notebookReady()));
    const notebookPath = existingPath(flags, 'notebook');
    if (notebookPath) {
      const content = readFileSync(notebookPath, 'utf8');
      info = unwrap(await page.evaluate(([t, n]) => window.tauStudio.openNotebookFile(t, n), [content, basename(notebookPath)]));
    }
    let datasetCheck = null;
    const dataPath = existingPath(flags, 'data');
    if (dataPath) {
      if (info.dataset?.kind !== 'file') {
        throw new UserError('invalid_arguments', `--data is for notebooks made from a file; this one uses ${info.dataset ? `${info.dataset.kind} ${info.dataset.name}` : 'no data'}.`);
      }
      await page.setInputFiles('[data-testid="notebook-data-input"]', dataPath);
      datasetCheck = unwrap(await page.evaluate(() => window.tauStudio.datasetCheck()));
      if (datasetCheck?.state === 'differs') throw new UserError('dataset_mismatch', datasetCheck.message);
    }
    const notebook = { id: info.id, title: info.title, dataset: info.dataset, hasWeights: info.hasWeights, ...(datasetCheck ? { datasetCheck } : {}) };
    if (!bool(flags, 'retrain')) {
      if (!info.stored) return { retrained: false, stored: null, notebook };
      return { ...info.stored, retrained: false, stored: info.stored, notebook };
    }
    const retrained = unwrap(await page.evaluate(() => window.tauStudio.retrainNotebook()));
    return {
      ...retrained,
      retrained: true,
      stored: info.stored,
      ...(info.stored ? { sameMetrics: sameMetrics(retrained.metrics, info.stored.metrics), sameBackend: retrained.backend === info.stored.backend } : {}),
      notebook,
    };
  },
};
