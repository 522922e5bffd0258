import { UserError, number, oneOf, text } from '../args.mjs';
import { loadData, unwrap } from '../app.mjs';

export function trainOptions(flags) {
  const hiddenText = text(flags, 'hidden');
  const hidden = hiddenText === undefined ? undefined : hiddenText.split(',').map((s) => Number(s.trim()));
  if (hidden && hidden.some((u) => !Number.isInteger(u) || u < 1 || u > 4096)) {
    throw new UserError('invalid_arguments', `--hidden takes whole numbers from 1 to 4096 separated by commas, e.g. 64,64; got "${hiddenText}".`);
  }
  return {
    target: text(flags, 'target'),
    model: oneOf(flags, 'model', ['auto', 'logreg', 'mlp']),
    hidden,
    backend: oneOf(flags, 'backend', ['auto', 'webgpu', 'webgl', 'wasm', 'cpu']),
    epochs: number(flags, 'epochs', { integer: true }),
    batchSize: number(flags, 'batch-size', { integer: true }),
    learningRate: number(flags, 'learning-rate'),
    seed: number(flags, 'seed', { integer: true }),
    testSize: number(flags, 'test-size'),
    validationSize: number(flags, 'validation-size'),
  };
}

export const train = {
  usage: `train    --data <file.csv> | --sample <id>  --target <column> [--model logreg|mlp|auto] [--hidden 64,64]
           [--backend auto|webgpu|webgl|wasm|cpu] [--epochs N] [--batch-size N] [--learning-rate x]
           [--seed N] [--test-size 0.2] [--validation-size 0.1] [--out result.json]`,
  validate(flags) {
    const options = trainOptions(flags);
    if (!options.target) throw new UserError('missing_target', 'Say which column to predict with --target <column>.');
  },
  async run(page, flags) {
    await loadData(page, flags);
    return unwrap(await page.evaluate((o) => window.tauStudio.train(o), trainOptions(flags)));
  },
};
