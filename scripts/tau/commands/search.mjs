import { UserError, number, text } from '../args.mjs';
import { loadData, unwrap } from '../app.mjs';
import { trainOptions } from './train.mjs';

const BUDGET = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|seconds|m|min|minutes|t|trials?)?\s*$/i;

/** Whether --budget is a time of 1 s to 24 h or a whole number of trials from 1 to 10,000 (as src/search/budget.ts parseBudget). */
function validBudget(textValue) {
  const m = BUDGET.exec(textValue);
  if (!m) return false;
  const value = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  if (unit.startsWith('t')) return Number.isInteger(value) && value >= 1 && value <= 10_000;
  const seconds = unit.startsWith('m') ? value * 60 : value;
  return seconds >= 1 && seconds <= 24 * 3600;
}

function searchOptions(flags) {
  const base = trainOptions(flags);
  const budget = text(flags, 'budget');
  if (budget !== undefined && !validBudget(budget))
    throw new UserError('invalid_arguments', `--budget takes a time from 1s to 24h ("60s", "2m") or a whole number of trials from 1 to 10000 ("20trials"); got "${budget}".`);
  const cv = number(flags, 'cv', { integer: true });
  if (cv !== undefined && !(cv === 0 || (cv >= 2 && cv <= 20))) throw new UserError('invalid_arguments', `--cv takes a whole number of folds from 2 to 20, or 0 for a holdout; got ${cv}.`);
  return {
    target: base.target,
    backend: base.backend,
    seed: base.seed,
    testSize: base.testSize,
    validationSize: base.validationSize,
    includeSplit: base.includeSplit,
    ...(budget !== undefined ? { budget } : {}),
    ...(cv !== undefined ? { cv } : {}),
  };
}

export const search = {
  usage: `search   --data <file.csv> | --sample <id>  --target <column> [--budget 60s|2m|20trials] (default 60s)
           [--cv 5] (k-fold CV on the training rows; 0 = holdout; tables above 5,000 rows always use a holdout)
           [--seed N] [--backend auto|webgpu|webgl|wasm|cpu] [--test-size 0.2] [--include-split] [--out result.json]
           → {trials: [{id, settings, validation: {metric, mean, std}, seconds}], best, metrics (test, final model), split, backend}`,
  validate(flags) {
    const options = searchOptions(flags);
    if (!options.target) throw new UserError('missing_target', 'Say which column to predict with --target <column>.');
  },
  async run(page, flags) {
    await loadData(page, flags);
    return unwrap(await page.evaluate((o) => window.tauStudio.search(o), searchOptions(flags)));
  },
};
