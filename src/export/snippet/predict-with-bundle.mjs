// Load a Tau Studio model bundle and predict with @tensorflow/tfjs: in a browser, or in Node with the
// pure-JavaScript package (npm install @tensorflow/tfjs; tfjs-node is not needed).
import * as tf from '@tensorflow/tfjs';

/**
 * Loads the unzipped bundle. `readFile(name)` returns the bytes of one of its files, for example
 *   Node:    (name) => fs.promises.readFile(path.join('my-model', name))
 *   Browser: (name) => fetch(new URL(name, 'https://example.com/my-model/')).then((r) => r.arrayBuffer())
 */
export async function loadBundle(readFile) {
  const readJson = async (name) => JSON.parse(new TextDecoder().decode(await readFile(name)));
  const modelJson = await readJson('model.json');
  const preprocessing = await readJson('preprocessing.json');
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const shards = [];
  for (const path of modelJson.weightsManifest.flatMap((group) => group.paths)) shards.push(new Uint8Array(await readFile(path)));
  const weightData = new Uint8Array(shards.reduce((size, shard) => size + shard.length, 0));
  shards.reduce((offset, shard) => (weightData.set(shard, offset), offset + shard.length), 0);
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData: weightData.buffer }));
  return { model, preprocessing };
}

// The spellings of "no value" Tau Studio reads as missing.
const MISSING = new Set(['', 'NA', 'N/A', 'n/a', 'na', 'NaN', 'nan', 'NAN', 'null', 'NULL', 'Null', 'None', 'none', '?', '-', '#N/A', '#NA', '<NA>', '.', 'missing']);
const isMissing = (value) => value === null || value === undefined || (typeof value === 'string' && (value.trim() === '' || (value.length <= 7 && MISSING.has(value.trim()))));

/** One raw row ({ column: value } or a Map; values as text or numbers) → the model's input vector. */
export function encodeRow(preprocessing, row) {
  const get = row instanceof Map ? (name) => row.get(name) : (name) => (Object.hasOwn(row, name) ? row[name] : undefined);
  const input = [];
  for (const feature of preprocessing.features) {
    let value = get(feature.name);
    if (feature.kind === 'text') {
      // Free text: TF-IDF of the tokenizer's terms in the fitted order (bag of words), or word ids for the
      // text CNN (encoding "sequence"); a missing text has no terms.
      const text = isMissing(value) ? '' : String(value);
      for (const v of feature.encoding === 'sequence' ? sequence(feature, text) : tfidf(feature, text)) input.push(v);
      continue;
    }
    if (isMissing(value)) {
      if (preprocessing.missing === 'drop') throw new Error(`${feature.name}: value is missing (the model was trained on complete rows only)`);
      value = feature.fill; // imputed as at training time
    }
    if (feature.kind === 'numeric') {
      const number = typeof value === 'number' ? value : /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value) ? Number(value) : NaN;
      if (!Number.isFinite(number)) throw new Error(`${feature.name}: "${value}" is not a number`);
      input.push((number - feature.center) / feature.scale);
    } else {
      // One-hot in the fitted order; a category not seen in training is all zeros.
      const text = String(value);
      for (const category of feature.categories) input.push(category === text ? 1 : 0);
    }
  }
  return input;
}

/** The tokenizer of src/preprocess/text/tokenizer.ts: cut, NFKC, lowercase, ICU words, word n-grams, char n-grams. */
export function textTerms(tokenizer, text) {
  let cell = text.length > tokenizer.maxCellChars ? text.slice(0, tokenizer.maxCellChars) : text;
  cell = cell.normalize(tokenizer.normalization);
  if (tokenizer.lowercase) cell = cell.toLowerCase();
  const words = [];
  for (const part of new Intl.Segmenter('en', { granularity: 'word' }).segment(cell)) if (part.isWordLike) words.push(part.segment);
  const terms = [];
  const [lo, hi] = tokenizer.wordNgrams;
  for (let n = lo; n <= hi; n++) for (let i = 0; i + n <= words.length; i++) terms.push(words.slice(i, i + n).join(' '));
  if (tokenizer.charNgrams) {
    const [cl, ch] = tokenizer.charNgrams;
    for (const w of words) {
      const chars = Array.from(` ${w} `);
      for (let n = cl; n <= ch; n++) for (let i = 0; i + n <= chars.length; i++) terms.push(`#${chars.slice(i, i + n).join('')}`);
    }
  }
  return terms;
}

/** Words of the tokenizer (no n-grams). */
function textWords(tokenizer, text) {
  return textTerms({ ...tokenizer, wordNgrams: [1, 1], charNgrams: null }, text);
}

/** Text CNN input: id of each word (terms[i] → i + 2; 1 = not in the vocabulary), cut or padded with 0 to maxTokens. */
function sequence(feature, text) {
  if (!termIndexes.has(feature)) termIndexes.set(feature, new Map(feature.terms.map((t, i) => [t, i])));
  const index = termIndexes.get(feature);
  const ids = new Array(feature.maxTokens).fill(0);
  textWords(feature.tokenizer, text)
    .slice(0, feature.maxTokens)
    .forEach((word, i) => (ids[i] = index.has(word) ? index.get(word) + 2 : 1));
  return ids;
}

const termIndexes = new WeakMap();
/** Sublinear tf × idf per known term, scaled to unit length (scikit-learn's TfidfVectorizer). */
function tfidf(feature, text) {
  if (!termIndexes.has(feature)) termIndexes.set(feature, new Map(feature.terms.map((t, i) => [t, i])));
  const index = termIndexes.get(feature);
  const counts = new Map();
  for (const term of textTerms(feature.tokenizer, text)) {
    const slot = index.get(term);
    if (slot !== undefined) counts.set(slot, (counts.get(slot) ?? 0) + 1);
  }
  const row = new Array(feature.terms.length).fill(0);
  let squares = 0;
  for (const [slot, count] of counts) {
    row[slot] = (feature.sublinearTf ? 1 + Math.log(count) : count) * feature.idf[slot];
    squares += row[slot] * row[slot];
  }
  const norm = squares > 0 ? Math.sqrt(squares) : 1;
  for (const slot of counts.keys()) row[slot] /= norm;
  return row;
}

/** Image models: `pixels` is height × width × channels uint8 values (HWC), already at the bundle's size. */
export function encodeImage(preprocessing, pixels) {
  return Array.from(pixels, (value) => value * preprocessing.pixelScale);
}

/**
 * Predicts rows (tabular) or images; returns [{ label, probabilities: { className: p } }] for a classifier and
 * [{ value, interval? }] for a regression model (preprocessing.target.task === "regression"; the model's one
 * output is already in the target's units; interval = value + target.interval.lower … value + upper).
 */
export function predict({ model, preprocessing }, items) {
  const classes = preprocessing.target.classes;
  const regression = preprocessing.target.task === 'regression';
  const shape = model.inputs[0].shape.slice(1);
  const encoded = items.map((item) => (preprocessing.kind === 'image' ? encodeImage(preprocessing, item) : encodeRow(preprocessing, item)));
  const output = tf.tidy(() => model.predict(tf.tensor(encoded.flat(), [encoded.length, ...shape])));
  const values = output.dataSync();
  output.dispose();
  if (regression) {
    const band = preprocessing.target.interval;
    return encoded.map((_, i) => {
      const value = values[i];
      return band ? { value, interval: { level: band.level, lower: value + band.lower, upper: value + band.upper } } : { value };
    });
  }
  return encoded.map((_, i) => {
    const p = Array.from(values.subarray(i * classes.length, (i + 1) * classes.length));
    const best = p.indexOf(p.reduce((a, b) => (b > a ? b : a)));
    return { label: classes[best], probabilities: Object.fromEntries(classes.map((c, k) => [c, p[k]])) };
  });
}
