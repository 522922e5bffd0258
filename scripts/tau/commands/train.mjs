import { UserError, bool, number, oneOf, text } from '../args.mjs';
import { loadData, unwrap } from '../app.mjs';
import { LIMITS } from '../limits.mjs';
import { exportBundleTo } from './predict.mjs';
import { imageDataKind, imageLoadOptions, imageTrainOptions, loadImageData } from '../image-data.mjs';

export function trainOptions(flags) {
  const hiddenText = text(flags, 'hidden');
  const hidden = hiddenText === undefined ? undefined : hiddenText.split(',').map((s) => Number(s.trim()));
  const units = LIMITS.model.units;
  if (hidden && hidden.some((u) => !Number.isInteger(u) || u < units.min || u > units.max)) {
    throw new UserError('invalid_arguments', `--hidden takes whole numbers from ${units.min} to ${units.max} separated by commas, e.g. 64,64; got "${hiddenText}".`);
  }
  return {
    target: text(flags, 'target'),
    model: oneOf(flags, 'model', ['auto', 'logreg', 'linear', 'mlp', 'cnn', 'bow', 'textcnn']),
    task: oneOf(flags, 'task', ['auto', 'classification', 'regression']),
    loss: oneOf(flags, 'loss', ['mse', 'mae', 'huber']),
    textColumns: text(flags, 'text-columns')
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    vocabSize: number(flags, 'vocab-size', { integer: true }),
    maxTokens: number(flags, 'max-tokens', { integer: true }),
    hidden,
    backend: oneOf(flags, 'backend', ['auto', 'webgpu', 'webgl', 'wasm', 'cpu']),
    epochs: number(flags, 'epochs', { integer: true }),
    batchSize: number(flags, 'batch-size', { integer: true }),
    learningRate: number(flags, 'learning-rate'),
    reduceLrAfter: number(flags, 'reduce-lr-after', { integer: true }),
    seed: number(flags, 'seed', { integer: true }),
    testSize: number(flags, 'test-size'),
    validationSize: number(flags, 'validation-size'),
    dropout: number(flags, 'dropout'),
    l2: number(flags, 'l2'),
    includeSplit: bool(flags, 'include-split'),
  };
}

/** --quantize float16|uint8: the exported bundle stores its weights quantized (TF.js weights manifest). */
function exportOptions(flags) {
  const quantize = oneOf(flags, 'quantize', ['float16', 'uint8']);
  if (quantize !== undefined && text(flags, 'export') === undefined) throw new UserError('invalid_arguments', '--quantize applies to the exported bundle; add --export model.zip.');
  return quantize ? { quantize } : {};
}

export const train = {
  usage: `train    --data <file.csv> | --sample <id>  --target <column> [--task auto|classification|regression]
           [--model auto|logreg|linear|mlp] (logreg: classification; linear: regression) [--loss mse|mae|huber] (regression) [--hidden 64,64]
           [--backend auto|webgpu|webgl|wasm|cpu] [--epochs N] [--batch-size N] [--learning-rate x]
           [--reduce-lr-after N] (halve the learning rate after N epochs without improvement; 0 = never)
           [--seed N] [--test-size 0.2] [--validation-size 0.1] [--dropout 0.1] [--l2 0.0001]
           [--include-split] (adds "splitRows": original row numbers per split) [--out result.json]
           [--text-columns a,b] (tokenize these columns as free text; text-only tables use their text columns anyway)
           [--model bow] (TF-IDF of words and word pairs + logistic regression) [--vocab-size 20000] [--max-tokens 200]
           [--export model.zip] (also writes the model bundle, with a PyTorch project in pytorch/; adds "export": {path, fileName, bytes})
           [--quantize float16|uint8] (the bundle's weights stored quantized; "export.quantization": sizes, test metrics before/after)
         --data <image folder|images.zip|pixels.csv|*-images-idx3-ubyte[.gz]> [--target label (pixel CSV)] [--model cnn|auto|logreg|mlp]
           [--image-size 28|WxH] [--channels auto|gray|rgb] [--class-names a,b,…] [--augment flip,shift[=0.1],rotation[=10]]
           [--cnn small|medium|conv32,pool,conv64,pool,fc128] (a preset or layers: conv<filters>[x<kernel>], pool, bn, dropout<rate>, fc<units>)`,
  allowDirectoryData: true,
  validate(flags) {
    const options = trainOptions(flags);
    const images = imageDataKind(flags);
    exportOptions(flags);
    if (images) {
      imageLoadOptions(flags);
      imageTrainOptions(flags);
    } else if (!options.target) throw new UserError('missing_target', 'Say which column to predict with --target <column>.');
  },
  async run(page, flags) {
    const images = imageDataKind(flags);
    if (images) {
      await loadImageData(page, flags, images);
      const trained = unwrap(await page.evaluate((o) => window.tauStudio.trainImages(o), { ...trainOptions(flags), ...imageTrainOptions(flags) }));
      return text(flags, 'export') === undefined ? trained : { ...trained, export: await exportBundleTo(page, text(flags, 'export'), exportOptions(flags)) };
    }
    await loadData(page, flags);
    const result = unwrap(await page.evaluate((o) => window.tauStudio.train(o), trainOptions(flags)));
    return text(flags, 'export') === undefined ? result : { ...result, export: await exportBundleTo(page, text(flags, 'export'), exportOptions(flags)) };
  },
};
