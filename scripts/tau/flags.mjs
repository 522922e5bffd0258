// The runner's one table of commands and the flags each accepts. Parsing, validation (unknown flags and
// malformed values are usage errors, exit 2), `--help` and the suggestions for typos all read it.
// Adding a flag: add it here (name, kind, help) AND where the command reads it. Flags are a contract:
// extend, never rename.

/**
 * @typedef {'boolean' | 'number' | 'integer' | 'text' | 'oneOf' | 'path'} FlagKind
 * @typedef {{ name: string, kind: FlagKind, help: string, values?: string[], placeholder?: string }} FlagSpec
 * @typedef {{ summary: string, usage: string, flags: FlagSpec[], notes?: string[] }} CommandSpec
 */

/** @type {FlagSpec[]} Accepted by every command. */
export const GLOBAL_FLAGS = [
  { name: 'no-webgpu', kind: 'boolean', help: 'start Chromium without WebGPU (the app falls back to WebGL, WASM or CPU)' },
  { name: 'verbose', kind: 'boolean', help: "print the page's console on stderr" },
  { name: 'quiet', kind: 'boolean', help: 'no progress lines on stderr' },
  { name: 'timeout', kind: 'number', placeholder: 'seconds', help: 'longest wait for any one step in the page (default 600)' },
  { name: 'out', kind: 'path', placeholder: 'file', help: 'also write the JSON to this file (predict: the predictions CSV)' },
  { name: 'help', kind: 'boolean', help: 'print this help on stdout and exit 0' },
];

/** @type {FlagSpec[]} */
const DATA_FLAGS = [
  { name: 'data', kind: 'path', placeholder: 'file|folder', help: 'a CSV/TSV table, or images: a folder of class folders, a .zip of one, a pixel CSV, an IDX images file' },
  { name: 'sample', kind: 'text', placeholder: 'id', help: 'a built-in sample instead of --data: iris, penguins, wine, breast-cancer, diabetes, cars' },
];

/** @type {FlagSpec[]} `tau train` and `tau share`. */
const TRAIN_FLAGS = [
  ...DATA_FLAGS,
  { name: 'target', kind: 'text', placeholder: 'column', help: 'the column to predict (pixel CSV: the label column)' },
  { name: 'task', kind: 'oneOf', values: ['auto', 'classification', 'regression'], help: 'what to predict: a class or a number (auto: decided from the target column)' },
  {
    name: 'model',
    kind: 'oneOf',
    values: ['auto', 'logreg', 'linear', 'mlp', 'cnn', 'bow', 'textcnn'],
    help: 'model kind (auto: a small model search; linear: regression; bow: TF-IDF + logistic regression for text; textcnn: the text CNN on word ids)',
  },
  { name: 'loss', kind: 'oneOf', values: ['mse', 'mae', 'huber'], help: 'regression loss of the MLP' },
  { name: 'text-columns', kind: 'text', placeholder: 'a,b', help: 'tokenize these columns as free text (TF-IDF of words and word pairs)' },
  { name: 'vocab-size', kind: 'integer', placeholder: 'N', help: 'text: terms kept per text column (default 20000)' },
  { name: 'max-tokens', kind: 'integer', placeholder: 'N', help: 'text: token sequence cap (default 200)' },
  { name: 'hidden', kind: 'text', placeholder: '64,64', help: 'MLP hidden layer sizes, 1 to 4096 each' },
  { name: 'backend', kind: 'oneOf', values: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'], help: 'TensorFlow.js backend (auto: calibrated choice)' },
  { name: 'epochs', kind: 'integer', placeholder: 'N', help: 'training epochs' },
  { name: 'batch-size', kind: 'integer', placeholder: 'N', help: 'examples per batch' },
  { name: 'learning-rate', kind: 'number', placeholder: 'x', help: 'step size' },
  { name: 'reduce-lr-after', kind: 'integer', placeholder: 'N', help: 'halve the learning rate after N epochs without improvement (0 = never)' },
  { name: 'seed', kind: 'integer', placeholder: 'N', help: 'seed for the split, initialisation and shuffling' },
  { name: 'test-size', kind: 'number', placeholder: '0.2', help: 'share of rows held out for the test split' },
  { name: 'validation-size', kind: 'number', placeholder: '0.1', help: 'share of rows used for validation (early stopping)' },
  { name: 'dropout', kind: 'number', placeholder: 'rate', help: 'MLP dropout rate' },
  { name: 'l2', kind: 'number', placeholder: 'λ', help: 'L2 penalty on the weights' },
  { name: 'include-split', kind: 'boolean', help: 'add "splitRows": the original row numbers of each split' },
  { name: 'export', kind: 'path', placeholder: 'model.zip', help: 'also write the model bundle (with a PyTorch project in pytorch/); adds "export": {path, fileName, bytes}' },
  { name: 'quantize', kind: 'oneOf', values: ['float16', 'uint8'], help: 'store the exported weights quantized; adds "export.quantization" (sizes, test metrics before/after)' },
  { name: 'image-size', kind: 'text', placeholder: '28|WxH', help: 'images: resize to this size (4 to 512 pixels)' },
  { name: 'channels', kind: 'oneOf', values: ['auto', '1', '3', 'gray', 'rgb'], help: 'images: colour channels' },
  { name: 'class-names', kind: 'text', placeholder: 'a,b,…', help: 'images: class names in label order (IDX, numeric pixel-CSV labels)' },
  { name: 'augment', kind: 'text', placeholder: 'flip,shift[=0.1],rotation[=10]', help: 'images: seeded augmentation of training batches' },
  {
    name: 'cnn',
    kind: 'text',
    placeholder: 'small|medium|layers',
    help: 'images: a preset or layers, e.g. conv32,pool,conv64,pool,fc128 (conv<filters>[x<kernel>], pool, bn, dropout<rate>, fc<units>)',
  },
];

/** @type {Record<string, CommandSpec>} */
export const COMMANDS = {
  inspect: {
    summary: 'load a table and print rows, columns (type, missing, distinct), delimiter and a preview',
    usage: 'inspect --data <file.csv> | --sample <id>',
    flags: DATA_FLAGS,
  },
  train: {
    summary: 'train a model and print the metrics, the training history and the backend used',
    usage: 'train --data <file> | --sample <id> --target <column> [options]',
    flags: TRAIN_FLAGS,
  },
  search: {
    summary: 'model search (random search in successive-halving brackets, k-fold CV on the training rows), then the best model on the test split once',
    usage: 'search --data <file.csv> | --sample <id> --target <column> [--budget 60s|2m|20trials] [--cv 5] [--seed N]',
    flags: [
      ...DATA_FLAGS,
      { name: 'target', kind: 'text', placeholder: 'column', help: 'the column to predict' },
      { name: 'budget', kind: 'text', placeholder: '60s|2m|20trials', help: 'wall time or number of trials (default 60s)' },
      { name: 'cv', kind: 'integer', placeholder: 'K', help: 'folds of cross-validation on the training rows (0 = holdout; above 5,000 rows always a holdout)' },
      { name: 'seed', kind: 'integer', placeholder: 'N', help: 'seed for the split and the search' },
      { name: 'backend', kind: 'oneOf', values: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'], help: 'TensorFlow.js backend' },
      { name: 'test-size', kind: 'number', placeholder: '0.2', help: 'share of rows held out for the test split' },
      { name: 'validation-size', kind: 'number', placeholder: '0.1', help: 'holdout share when not cross-validating' },
      { name: 'include-split', kind: 'boolean', help: 'add "splitRows": the original row numbers of each split' },
    ],
  },
  export: {
    summary: 'convert an existing model bundle, e.g. to a PyTorch project folder',
    usage: 'export --model <model.zip> --format pytorch --out <dir/>',
    flags: [
      { name: 'model', kind: 'path', placeholder: 'model.zip', help: 'a model bundle from `tau train --export` or the app' },
      { name: 'format', kind: 'oneOf', values: ['pytorch'], help: 'what to write' },
    ],
    notes: ['--out names the folder the project is written to.'],
  },
  predict: {
    summary: 'predict with a model bundle; prints rows, predictions, accuracy (target present), invalid rows, drift',
    usage: 'predict --model <model.zip> --data <rows.csv | image> [--out predictions.csv] [--precision float16]',
    flags: [
      { name: 'model', kind: 'path', placeholder: 'model.zip', help: 'a model bundle from `tau train --export` or the app' },
      { name: 'data', kind: 'path', placeholder: 'rows.csv|image', help: 'the rows (CSV) or the image to classify' },
      {
        name: 'precision',
        kind: 'oneOf',
        values: ['float32', 'float16', 'float32-shader'],
        help: 'table models: float16 runs a WebGPU kernel where the adapter has shader-f16 ("inference" says what ran, and why not)',
      },
    ],
    notes: ['With --out, writes input + predicted class + probabilities as CSV and prints the summary without "predictions".'],
  },
  share: {
    summary: 'train as `tau train` does, then print the notebook link ("url", "fragment", "bytes", "metrics", …)',
    usage: 'share --data <file> | --sample <id> --target <column> [train options]',
    flags: TRAIN_FLAGS,
  },
  run: {
    summary: 'open a notebook link or file and print its stored results (or a retrained run)',
    usage: 'run --url "<link or #nb=…>" | --notebook <file.json> [--retrain] [--data <file>]',
    flags: [
      { name: 'url', kind: 'text', placeholder: 'link', help: 'a notebook link, a #nb=… fragment or a bare nb=…' },
      { name: 'notebook', kind: 'path', placeholder: 'file.json', help: 'an exported notebook file' },
      { name: 'retrain', kind: 'boolean', help: 'train again with the stored settings; adds sameMetrics and sameBackend' },
      { name: 'data', kind: 'path', placeholder: 'file', help: "the notebook's data file (checked by SHA-256)" },
    ],
  },
  revenue: {
    summary: 'project revenue R = N × P × T (with growth, churn, price change and cost) through the app',
    usage: 'revenue --customers N --price P --periods T [options]',
    // Values are checked by the page's own revenue parser (it accepts locale-formatted numbers).
    flags: [
      { name: 'customers', kind: 'text', placeholder: 'N', help: 'customers at the start' },
      { name: 'price', kind: 'text', placeholder: 'P', help: 'price per customer per period' },
      { name: 'periods', kind: 'text', placeholder: 'T', help: 'number of periods' },
      { name: 'growth', kind: 'text', placeholder: 'g', help: 'customer growth per period' },
      { name: 'growth-mode', kind: 'text', placeholder: 'percent|absolute', help: 'how --growth is read' },
      { name: 'churn', kind: 'text', placeholder: 'c', help: 'percent of customers lost per period' },
      { name: 'price-change', kind: 'text', placeholder: 'p', help: 'percent price change per period' },
      { name: 'cost', kind: 'text', placeholder: 'k', help: 'cost per customer per period' },
      { name: 'currency', kind: 'text', placeholder: 'EUR', help: 'ISO currency code' },
      { name: 'unit', kind: 'text', placeholder: 'month', help: 'period unit' },
      { name: 'locale', kind: 'text', placeholder: 'en-US', help: 'number formatting' },
    ],
  },
};

/** The flags `command` accepts: its own, then the global ones. */
export function flagsOf(command) {
  return [...COMMANDS[command].flags, ...GLOBAL_FLAGS];
}

function describeFlag(flag) {
  const value = flag.kind === 'boolean' ? '' : ` <${flag.kind === 'oneOf' ? flag.values?.join('|') : (flag.placeholder ?? flag.kind)}>`;
  return { left: `--${flag.name}${value}`, right: flag.help };
}

function table(rows, indent = '  ') {
  const width = Math.min(
    40,
    rows.reduce((w, r) => Math.max(w, r.left.length), 0),
  );
  return rows.map((r) => (r.left.length > width ? `${indent}${r.left}\n${indent}${' '.repeat(width + 2)}${r.right}` : `${indent}${r.left.padEnd(width + 2)}${r.right}`)).join('\n');
}

/** `tau --help`: every command in one line each. */
export function generalHelp(version) {
  return `Tau Studio runner ${version}: drives the built app in headless Chromium and prints one JSON object.

Usage: npm run --silent tau -- <command> [options]

Commands:
${table(Object.entries(COMMANDS).map(([name, c]) => ({ left: name, right: c.summary })))}

Global options:
${table([...GLOBAL_FLAGS.map(describeFlag), { left: '--version', right: "print the runner's version and exit 0" }])}

Run \`npm run --silent tau -- <command> --help\` for a command's options.
Exit codes: 0 success, 2 bad input or usage ({"error": {"code", "message"}} on stdout), 1 other failures.
`;
}

/** `tau <command> --help`. */
export function commandHelp(command) {
  const spec = COMMANDS[command];
  return `${command}: ${spec.summary}

Usage: npm run --silent tau -- ${spec.usage}

Options:
${table(spec.flags.map(describeFlag))}
${spec.notes ? `\n${spec.notes.join('\n')}\n` : ''}
Global options:
${table(GLOBAL_FLAGS.map(describeFlag))}
`;
}
