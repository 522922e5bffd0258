import { checkMetricsFile } from './metrics-check';
import { fittedPreprocessorProblem } from '../preprocess/fitted-check';
import { DataError } from '../lib/errors';
import { featureWidth, type FittedFeature, type FittedPreprocessor } from '../preprocess/fitted';
import type { TokenizerSettings } from '../preprocess/text/tokenizer';
import { checkTopology, checkTopologyBudget } from '../models/topology-check';
import { checkParameterBudget } from '../settings/limits';
import type { MissingStrategy, ScalingKind } from '../preprocess/settings';
import type { FeatureReference, TrainingReference } from '../predict/training-reference';
import type { ModelArtifacts } from './model-artifacts';
import { dequantizeWeights, storedBytesPerValue, type QuantizedWeightSpec, type WeightQuantization } from './quantize';
import { float32Bytes } from './pytorch/safetensors';
import { BUNDLE_FILES, BUNDLE_LIMITS, type ImagePreprocessingFile, type MetricsFile, type ModelBundle, type PreprocessingFile, type TabularPreprocessingFile } from './bundle-format';

/**
 * Checks every file of an imported bundle before TensorFlow.js sees it. Input is hostile until proven
 * otherwise: JSON is parsed with size caps, only known fields are copied into fresh objects (so keys like
 * "__proto__" stay data), and every problem names the file and field and says what to do.
 */
type Json = unknown;

const fail = (code: string, message: string): never => {
  throw new DataError(code, message);
};

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, Json>, key: string): Json => (Object.hasOwn(o, key) ? o[key] : undefined);
const isFiniteNumber = (v: Json): v is number => typeof v === 'number' && Number.isFinite(v);

function text(file: string, field: string, v: Json, { allowEmpty = true } = {}): string {
  if (typeof v !== 'string') return fail('bundle_invalid', `${file}: "${field}" should be text but is ${describe(v)}.`);
  if (v.length > BUNDLE_LIMITS.textLength) return fail('bundle_invalid', `${file}: "${field}" is ${v.length} characters long, more than the ${BUNDLE_LIMITS.textLength} allowed.`);
  if (!allowEmpty && v === '') return fail('bundle_invalid', `${file}: "${field}" is empty.`);
  return v;
}

function finite(file: string, field: string, v: Json): number {
  if (!isFiniteNumber(v)) return fail('bundle_invalid', `${file}: "${field}" should be a finite number but is ${describe(v)}.`);
  return v;
}

function list(file: string, field: string, v: Json, max: number): Json[] {
  if (!Array.isArray(v)) return fail('bundle_invalid', `${file}: "${field}" should be a list but is ${describe(v)}.`);
  if (v.length > max) return fail('bundle_too_large', `${file}: "${field}" has ${v.length.toLocaleString('en-US')} entries, more than the ${max.toLocaleString('en-US')} allowed.`);
  return v;
}

function textList(file: string, field: string, v: Json, max: number): string[] {
  return list(file, field, v, max).map((item, i) => text(file, `${field}[${i}]`, item));
}

function describe(v: Json): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text "${v.slice(0, 40)}"`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v).slice(0, 40)}`;
}

function unique(file: string, field: string, values: string[]): string[] {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) fail('bundle_invalid', `${file}: "${field}" lists "${v.slice(0, 60)}" twice.`);
    seen.add(v);
  }
  return values;
}

/** Parses one JSON file of the bundle, with a size cap and a message naming the file. */
export function parseJsonFile(name: string, bytes: Uint8Array): Json {
  if (bytes.byteLength > BUNDLE_LIMITS.jsonBytes) {
    fail('bundle_too_large', `${name} is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; JSON files in a model bundle may be at most ${BUNDLE_LIMITS.jsonBytes / 1024 / 1024} MB.`);
  }
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    return fail('bundle_bad_json', `${name} is not UTF-8 text (${error instanceof Error ? error.message : String(error)}). Export the model again.`);
  }
  try {
    return JSON.parse(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source) as Json;
  } catch (error) {
    return fail('bundle_bad_json', `${name} is not valid JSON (${error instanceof Error ? error.message : String(error)}). The file is damaged or not part of a model bundle; export the model again.`);
  }
}

/** TF.js weight quantization (float16, or uint8/uint16 with scale and min); decoded to float32 on import. */
function checkQuantization(file: string, where: string, v: Json): WeightQuantization {
  if (!isObject(v)) return fail('bundle_invalid', `${file}: ${where}.quantization should be an object but is ${describe(v)}.`);
  const dtype = own(v, 'dtype');
  if (dtype === 'float16') return { dtype };
  if (dtype !== 'uint8') return fail('bundle_unsupported', `${file}: ${where} is quantized to ${describe(dtype)}; Tau Studio reads float16 and uint8 quantization.`);
  return { dtype, scale: finite(file, `${where}.quantization.scale`, own(v, 'scale')), min: finite(file, `${where}.quantization.min`, own(v, 'min')) };
}

export interface CheckedModelJson {
  modelTopology: object;
  weightSpecs: QuantizedWeightSpec[];
  paths: string[];
}

/** model.json as TensorFlow.js writes it for a LayersModel. */
export function checkModelJson(value: Json): CheckedModelJson {
  const file = BUNDLE_FILES.model;
  if (!isObject(value)) return fail('bundle_invalid', `${file} should hold an object (TensorFlow.js model.json) but holds ${describe(value)}.`);
  const format = own(value, 'format');
  if (format === 'graph-model') {
    fail(
      'bundle_unsupported',
      `${file} is a TensorFlow.js graph model (from a SavedModel or frozen graph). Tau Studio imports layers models: convert with --output_format=tfjs_layers_model, or export from Tau Studio.`,
    );
  }
  if (format !== undefined && format !== 'layers-model') fail('bundle_unsupported', `${file} has format ${describe(format)}; Tau Studio imports TensorFlow.js "layers-model" files.`);
  const topology = own(value, 'modelTopology');
  if (!isObject(topology)) return fail('bundle_invalid', `${file} has no "modelTopology" object (it is ${describe(topology)}); it is not a TensorFlow.js layers model.`);
  const manifest = list(file, 'weightsManifest', own(value, 'weightsManifest'), BUNDLE_LIMITS.files);
  if (manifest.length === 0) fail('bundle_invalid', `${file}: "weightsManifest" is empty, so the model has no weights.`);
  const paths: string[] = [];
  const weightSpecs: QuantizedWeightSpec[] = [];
  manifest.forEach((group, g) => {
    if (!isObject(group)) return fail('bundle_invalid', `${file}: weightsManifest[${g}] should be an object but is ${describe(group)}.`);
    for (const path of textList(file, `weightsManifest[${g}].paths`, own(group, 'paths'), BUNDLE_LIMITS.files)) paths.push(checkPath(path));
    const weights = list(file, `weightsManifest[${g}].weights`, own(group, 'weights'), BUNDLE_LIMITS.weightTensors);
    weights.forEach((spec, w) => {
      const where = `weightsManifest[${g}].weights[${w}]`;
      if (!isObject(spec)) return fail('bundle_invalid', `${file}: ${where} should be an object but is ${describe(spec)}.`);
      const quantization = own(spec, 'quantization') === undefined ? undefined : checkQuantization(file, where, own(spec, 'quantization'));
      const dtype = own(spec, 'dtype');
      if (dtype !== 'float32') fail('bundle_unsupported', `${file}: ${where} has dtype ${describe(dtype)}; only float32 weights are supported.`);
      const shape = list(file, `${where}.shape`, own(spec, 'shape'), BUNDLE_LIMITS.tensorDimensions).map((d, i) => {
        if (!(typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= 1e8)) return fail('bundle_invalid', `${file}: ${where}.shape[${i}] should be a whole number but is ${describe(d)}.`);
        return d;
      });
      weightSpecs.push({ name: text(file, `${where}.name`, own(spec, 'name'), { allowEmpty: false }), shape, dtype: 'float32', ...(quantization ? { quantization } : {}) }); // spread-ok: an object spread, not an array
    });
  });
  if (weightSpecs.length > BUNDLE_LIMITS.weightTensors) fail('bundle_too_large', `${file} lists ${weightSpecs.length} weight tensors, more than the ${BUNDLE_LIMITS.weightTensors} allowed.`);
  // The same layer checks and parameter budget as a link's embedded model, before TF.js builds anything.
  const layers = checkTopology(topology);
  if (layers) fail('bundle_unsupported', `${file}: ${layers}.`);
  const declared = weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
  const budget = checkTopologyBudget(topology) ?? checkParameterBudget(declared, 'The weights manifest');
  if (budget) fail('model_too_large', `${file}: ${budget}`);
  return { modelTopology: topology, weightSpecs, paths };
}

/** Weight file names must stay inside the bundle: no folders up, no absolute paths. */
function checkPath(path: string): string {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.split('/').some((part) => part === '..' || part === '.' || part === '') || /^[a-zA-Z]:/.test(path)) {
    fail('bundle_invalid', `${BUNDLE_FILES.model} names the weight file "${path.slice(0, 80)}", which is not a plain file name inside the bundle.`);
  }
  return path;
}

function finiteNumber(file: string, field: string, v: Json): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fail('bundle_invalid', `${file}: "${field}" should be a finite number but is ${describe(v)}.`);
  return v;
}

function checkTarget(file: string, value: Json): FittedPreprocessor['target'] {
  if (!isObject(value)) return fail('bundle_invalid', `${file}: "target" should be an object with "name" and "classes" but is ${describe(value)}.`);
  const classes = unique(file, 'target.classes', textList(file, 'target.classes', own(value, 'classes'), BUNDLE_LIMITS.classes));
  const name = text(file, 'target.name', own(value, 'name'));
  if (own(value, 'task') === 'regression') {
    const stats = own(value, 'stats');
    if (!isObject(stats)) return fail('bundle_invalid', `${file}: a regression target needs "stats" (mean, std, min, max) but has ${describe(stats)}.`);
    const stat = (k: 'mean' | 'std' | 'min' | 'max') => finiteNumber(file, `target.stats.${k}`, own(stats, k));
    const interval = own(value, 'interval');
    return {
      name,
      classes: [],
      task: 'regression',
      stats: { mean: stat('mean'), std: stat('std'), min: stat('min'), max: stat('max') },
      ...(isObject(interval)
        ? {
            interval: {
              level: finiteNumber(file, 'target.interval.level', own(interval, 'level')),
              lower: finiteNumber(file, 'target.interval.lower', own(interval, 'lower')),
              upper: finiteNumber(file, 'target.interval.upper', own(interval, 'upper')),
            },
          }
        : {}),
    };
  }
  if (classes.length < 2) fail('bundle_invalid', `${file}: "target.classes" lists ${classes.length} class${classes.length === 1 ? '' : 'es'}; a classifier needs at least two.`);
  return { name, classes };
}

function oneOf<T extends string>(file: string, field: string, v: Json, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) return fail('bundle_invalid', `${file}: "${field}" should be one of ${allowed.join(', ')} but is ${describe(v)}.`);
  return v as T;
}

function checkFeature(file: string, value: Json, i: number): FittedFeature {
  const where = `features[${i}]`;
  if (!isObject(value)) return fail('bundle_invalid', `${file}: ${where} should be an object but is ${describe(value)}.`);
  const kind = oneOf(file, `${where}.kind`, own(value, 'kind'), ['numeric', 'categorical', 'text'] as const);
  const name = text(file, `${where}.name`, own(value, 'name'));
  if (kind === 'text') return checkTextFeature(file, where, name, value);
  if (kind === 'numeric') {
    const n = (field: string) => finite(file, `${where}.${field}`, own(value, field));
    const scale = n('scale');
    if (scale === 0) fail('bundle_invalid', `${file}: ${where}.scale is 0; scaling would divide by zero.`);
    return { kind, name, fill: n('fill'), center: n('center'), scale, min: n('min'), max: n('max'), mean: n('mean'), std: n('std') };
  }
  const categories = unique(file, `${where}.categories`, textList(file, `${where}.categories`, own(value, 'categories'), BUNDLE_LIMITS.categoriesPerFeature));
  const frequencies = list(file, `${where}.frequencies`, own(value, 'frequencies'), BUNDLE_LIMITS.categoriesPerFeature).map((f, k) => {
    const share = finite(file, `${where}.frequencies[${k}]`, f);
    if (share < 0 || share > 1) fail('bundle_invalid', `${file}: ${where}.frequencies[${k}] is ${share}; shares lie between 0 and 1.`);
    return share;
  });
  if (frequencies.length !== categories.length) fail('bundle_invalid', `${file}: ${where} has ${categories.length} categories but ${frequencies.length} frequencies.`);
  return { kind, name, categories, fill: text(file, `${where}.fill`, own(value, 'fill')), frequencies };
}

/** Most terms one text feature may hold in a bundle. */
const MAX_TERMS = 200_000;

function checkTextFeature(file: string, where: string, name: string, value: Record<string, Json>): FittedFeature {
  const n = (field: string) => finite(file, `${where}.${field}`, own(value, field));
  const terms = unique(file, `${where}.terms`, textList(file, `${where}.terms`, own(value, 'terms'), MAX_TERMS));
  const idf = list(file, `${where}.idf`, own(value, 'idf'), MAX_TERMS).map((v, k) => finite(file, `${where}.idf[${k}]`, v));
  const encoding = oneOf(file, `${where}.encoding`, own(value, 'encoding'), ['tfidf', 'sequence'] as const);
  let maxTokens: number | undefined;
  if (encoding === 'sequence') {
    maxTokens = finite(file, `${where}.maxTokens`, own(value, 'maxTokens'));
    if (!(Number.isInteger(maxTokens) && maxTokens >= 1 && maxTokens <= 10_000)) fail('bundle_invalid', `${file}: ${where}.maxTokens should be a whole number from 1 to 10,000 (token ids per text).`);
  } else if (idf.length !== terms.length) fail('bundle_invalid', `${file}: ${where} has ${terms.length} terms but ${idf.length} idf weights.`);
  const t = own(value, 'tokenizer');
  if (!isObject(t)) return fail('bundle_invalid', `${file}: ${where}.tokenizer should be an object but is ${describe(t)}.`);
  const range = (field: string, v: Json): [number, number] => {
    const r = list(file, `${where}.tokenizer.${field}`, v, 2).map((x, k) => finite(file, `${where}.tokenizer.${field}[${k}]`, x));
    if (r.length !== 2 || !r.every((x) => Number.isInteger(x) && x >= 1 && x <= 8) || r[0] > r[1])
      fail('bundle_invalid', `${file}: ${where}.tokenizer.${field} should be [min, max] with 1 ≤ min ≤ max ≤ 8.`);
    return [r[0], r[1]];
  };
  const maxCellChars = finite(file, `${where}.tokenizer.maxCellChars`, own(t, 'maxCellChars'));
  if (!(Number.isInteger(maxCellChars) && maxCellChars >= 1)) fail('bundle_invalid', `${file}: ${where}.tokenizer.maxCellChars should be a positive whole number.`);
  const lowercase = own(t, 'lowercase');
  if (typeof lowercase !== 'boolean') fail('bundle_invalid', `${file}: ${where}.tokenizer.lowercase should be true or false.`);
  const charNgrams = own(t, 'charNgrams');
  const tokenizer: TokenizerSettings = {
    normalization: oneOf(file, `${where}.tokenizer.normalization`, own(t, 'normalization'), ['NFKC'] as const),
    lowercase: lowercase as boolean,
    segmenter: oneOf(file, `${where}.tokenizer.segmenter`, own(t, 'segmenter'), ['intl-word'] as const),
    wordNgrams: range('wordNgrams', own(t, 'wordNgrams')),
    charNgrams: charNgrams === null || charNgrams === undefined ? null : range('charNgrams', charNgrams),
    maxCellChars,
  };
  return {
    kind: 'text',
    name,
    tokenizer,
    encoding,
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    terms,
    idf,
    sublinearTf: own(value, 'sublinearTf') === true,
    norm: oneOf(file, `${where}.norm`, own(value, 'norm'), ['l2'] as const),
    medianTokens: n('medianTokens'),
    p95Tokens: n('p95Tokens'),
    vocabularySeen: n('vocabularySeen'),
    oovRate: n('oovRate'),
  };
}

function checkReference(value: Json, features: FittedFeature[]): TrainingReference {
  const file = `${BUNDLE_FILES.preprocessing} (monitoring)`;
  if (!isObject(value) || own(value, 'format') !== 'tau-training-reference') return fail('bundle_invalid', `${file} is not a training reference.`);
  const rows = finite(file, 'rows', own(value, 'rows'));
  const share = (field: string, v: Json) => {
    const s = finite(file, field, v);
    if (s < 0 || s > 1) fail('bundle_invalid', `${file}: "${field}" is ${s}; shares lie between 0 and 1.`);
    return s;
  };
  const entries = list(file, 'features', own(value, 'features'), BUNDLE_LIMITS.features);
  if (entries.length !== features.length) fail('bundle_invalid', `${file} describes ${entries.length} features but the preprocessing has ${features.length}.`);
  const refs = entries.map((entry, i): FeatureReference => {
    const where = `features[${i}]`;
    if (!isObject(entry)) return fail('bundle_invalid', `${file}: ${where} should be an object.`);
    const name = text(file, `${where}.name`, own(entry, 'name'));
    if (name !== features[i].name || own(entry, 'kind') !== features[i].kind) fail('bundle_invalid', `${file}: ${where} does not match feature "${features[i].name}".`);
    const missingShare = share(`${where}.missingShare`, own(entry, 'missingShare'));
    if (features[i].kind === 'text') return { kind: 'text', name, missingShare, oovRate: share(`${where}.oovRate`, own(entry, 'oovRate')) };
    if (features[i].kind === 'categorical') return { kind: 'categorical', name, missingShare, otherShare: share(`${where}.otherShare`, own(entry, 'otherShare')) };
    const edges = list(file, `${where}.edges`, own(entry, 'edges'), 1000).map((e, k) => finite(file, `${where}.edges[${k}]`, e));
    const shares = list(file, `${where}.shares`, own(entry, 'shares'), 1001).map((s, k) => share(`${where}.shares[${k}]`, s));
    if (shares.length !== edges.length + 1 || edges.some((e, k) => k > 0 && e <= edges[k - 1])) fail('bundle_invalid', `${file}: ${where} has inconsistent bins.`);
    return { kind: 'numeric', name, missingShare, mean: finite(file, `${where}.mean`, own(entry, 'mean')), std: finite(file, `${where}.std`, own(entry, 'std')), edges, shares };
  });
  return { format: 'tau-training-reference', version: 1, rows, features: refs };
}

/** preprocessing.json: the fitted transforms of a table model, or the input description of an image model. */
export function checkPreprocessing(value: Json, notes: string[] = []): PreprocessingFile {
  const file = BUNDLE_FILES.preprocessing;
  if (!isObject(value)) return fail('bundle_invalid', `${file} should hold an object but holds ${describe(value)}.`);
  if (own(value, 'format') !== 'tau-preprocessing')
    fail('bundle_invalid', `${file} is not Tau Studio preprocessing (its "format" is ${describe(own(value, 'format'))}, expected "tau-preprocessing").`);
  if (own(value, 'version') !== 1) fail('bundle_unsupported', `${file} has version ${describe(own(value, 'version'))}; this Tau Studio reads version 1. Update Tau Studio or export the model again.`);
  const target = checkTarget(file, own(value, 'target'));
  if (own(value, 'kind') === 'image') {
    const image = own(value, 'image');
    if (!isObject(image)) return fail('bundle_invalid', `${file}: "image" should be an object with width, height and channels but is ${describe(image)}.`);
    const side = (field: 'width' | 'height') => {
      const v = own(image, field);
      if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 4096))
        return fail('bundle_invalid', `${file}: "image.${field}" should be a whole number from 1 to 4096 but is ${describe(v)}.`);
      return v;
    };
    const channels = own(image, 'channels');
    if (channels !== 1 && channels !== 3) fail('bundle_invalid', `${file}: "image.channels" should be 1 or 3 but is ${describe(channels)}.`);
    const pixelScale = finite(file, 'pixelScale', own(value, 'pixelScale'));
    if (!(pixelScale > 0)) fail('bundle_invalid', `${file}: "pixelScale" should be positive but is ${pixelScale}.`);
    const result: ImagePreprocessingFile = {
      format: 'tau-preprocessing',
      version: 1,
      kind: 'image',
      target,
      image: { width: side('width'), height: side('height'), channels: channels as 1 | 3 },
      pixelScale,
      layout: 'HWC',
    };
    return result;
  }
  if (own(value, 'kind') !== undefined && own(value, 'kind') !== 'tabular') fail('bundle_invalid', `${file}: "kind" should be "tabular" or "image" but is ${describe(own(value, 'kind'))}.`);
  const features = list(file, 'features', own(value, 'features'), BUNDLE_LIMITS.features).map((f, i) => checkFeature(file, f, i));
  if (features.length === 0) fail('bundle_invalid', `${file}: "features" is empty; a table model needs at least one input column.`);
  unique(
    file,
    'features[].name',
    features.map((f) => f.name),
  );
  const width = features.reduce((sum, f) => sum + featureWidth(f), 0);
  const inputSize = own(value, 'inputSize');
  if (inputSize !== width) fail('bundle_invalid', `${file}: "inputSize" is ${describe(inputSize)} but the features add up to ${width} inputs.`);
  const inputNames = textList(file, 'inputNames', own(value, 'inputNames'), Math.max(BUNDLE_LIMITS.features * 10, width));
  if (inputNames.length !== width) fail('bundle_invalid', `${file}: "inputNames" has ${inputNames.length} names for ${width} inputs.`);
  const fitted: FittedPreprocessor = {
    format: 'tau-preprocessing',
    version: 1,
    target,
    missing: oneOf<MissingStrategy>(file, 'missing', own(value, 'missing'), ['drop', 'mean', 'median', 'most_frequent']),
    scaling: oneOf<ScalingKind>(file, 'scaling', own(value, 'scaling'), ['standardize', 'minmax', 'none']),
    features,
    inputSize: width,
    inputNames,
  };
  // The same meaning check as links and stored notebooks (one validator for fitted preprocessing).
  const problem = fittedPreprocessorProblem(fitted);
  if (problem) fail('bundle_invalid', `${file}: ${problem}.`);
  const result: TabularPreprocessingFile = { ...fitted, kind: 'tabular' };
  const monitoring = own(value, 'monitoring');
  if (monitoring !== undefined) {
    try {
      result.monitoring = checkReference(monitoring, features);
    } catch (error) {
      // Drift statistics are optional: a broken block costs drift detail, not the model.
      notes.push(`The training statistics in ${file} were ignored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}

/** metrics.json is informational: a foreign or broken one is noted and ignored, never fatal (checked field by field in metrics-check.ts). */
export function checkMetrics(value: Json, notes: string[]): MetricsFile | null {
  return checkMetricsFile(value, notes);
}

/** The model's input shape and output units as written in a Keras-style topology, when they can be read without TensorFlow.js. */
export function topologyShapes(topology: object): { input: number[] | null; units: number | null } {
  const root = topology as Record<string, Json>;
  const config = isObject(root) ? own(root, 'config') : undefined;
  const layers = Array.isArray(config) ? config : isObject(config) ? own(config, 'layers') : undefined;
  if (!Array.isArray(layers) || layers.length === 0) return { input: null, units: null };
  let input: number[] | null = null;
  for (const layer of layers) {
    const layerConfig = isObject(layer) ? own(layer, 'config') : undefined;
    const shape = isObject(layerConfig) ? (own(layerConfig, 'batch_input_shape') ?? own(layerConfig, 'batchInputShape')) : undefined;
    if (Array.isArray(shape) && shape.slice(1).every((d) => typeof d === 'number')) {
      input = shape.slice(1) as number[];
      break;
    }
  }
  const last = layers[layers.length - 1];
  const lastConfig = isObject(last) ? own(last, 'config') : undefined;
  const units = isObject(lastConfig) && typeof own(lastConfig, 'units') === 'number' ? (own(lastConfig, 'units') as number) : null;
  return { input, units };
}

/** Finds the bundle's files in `files` (names relative to the bundle folder) and checks them against each other. */
export function assembleBundle(files: ReadonlyMap<string, Uint8Array>, source: string): ModelBundle {
  const notes: string[] = [];
  const get = (name: string) => files.get(name);
  const modelBytes = get(BUNDLE_FILES.model);
  if (!modelBytes) {
    const jsons = [...files.keys()].filter((n) => n.endsWith('.json'));
    return fail(
      'bundle_missing_file',
      `${source} has no ${BUNDLE_FILES.model}${jsons.length ? ` (it has ${jsons.slice(0, 5).join(', ')})` : ''}. A model bundle needs model.json, its weight files (.bin) and preprocessing.json.`,
    );
  }
  const model = checkModelJson(parseJsonFile(BUNDLE_FILES.model, modelBytes));
  const preprocessingBytes = get(BUNDLE_FILES.preprocessing);
  if (!preprocessingBytes) {
    return fail(
      'bundle_missing_file',
      `${source} has no ${BUNDLE_FILES.preprocessing}. It tells Tau Studio the input columns, their transforms and the class names; pick it together with model.json, or import the .zip exported by Tau Studio.`,
    );
  }
  const preprocessing = checkPreprocessing(parseJsonFile(BUNDLE_FILES.preprocessing, preprocessingBytes), notes);
  const metricsBytes = get(BUNDLE_FILES.metrics);
  const metrics = metricsBytes ? checkMetrics(parseJsonFile(BUNDLE_FILES.metrics, metricsBytes), notes) : null;
  if (!metricsBytes) notes.push(`${BUNDLE_FILES.metrics} is missing: the model's test metrics are unknown.`);

  const missingShards = model.paths.filter((p) => !files.has(p));
  if (missingShards.length > 0) {
    fail(
      'bundle_missing_file',
      `${source} lacks the weight file${missingShards.length > 1 ? 's' : ''} ${missingShards.slice(0, 5).join(', ')} named in model.json. Pick every .bin file together with model.json, or import the whole .zip.`,
    );
  }
  const shards = model.paths.map((p) => files.get(p) as Uint8Array);
  const actual = shards.reduce((sum, s) => sum + s.byteLength, 0);
  const expected = model.weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1) * storedBytesPerValue(w), 0);
  if (actual !== expected) {
    fail(
      'bundle_weights_mismatch',
      `The weight files hold ${actual.toLocaleString('en-US')} bytes but model.json describes ${expected.toLocaleString('en-US')} bytes of weights. A weight file is truncated or belongs to another model; export the model again.`,
    );
  }
  let weightData: Uint8Array<ArrayBuffer> = new Uint8Array(actual);
  let offset = 0;
  for (const shard of shards) {
    weightData.set(shard, offset);
    offset += shard.byteLength;
  }
  const quantized = model.weightSpecs.find((w) => w.quantization)?.quantization?.dtype;
  if (quantized) {
    // The studio works in float32: decode as TF.js does (value = q × scale + min, or float16).
    weightData = float32Bytes(dequantizeWeights(model.weightSpecs, weightData));
    notes.push(`The weights are stored quantized (${quantized}); they were decoded to float32.`);
  }

  const classes = preprocessing.target.classes;
  const exampleShape = preprocessing.kind === 'image' ? [preprocessing.image.height, preprocessing.image.width, preprocessing.image.channels] : [preprocessing.inputSize];
  const shapes = topologyShapes(model.modelTopology);
  if (shapes.input && shapes.input.join('x') !== exampleShape.join('x')) {
    fail(
      'bundle_shape_mismatch',
      preprocessing.kind === 'image'
        ? `The model expects images of shape [${shapes.input.join(', ')}] but preprocessing.json says [${exampleShape.join(', ')}] (height, width, channels). These files come from different models.`
        : `The model takes ${shapes.input.join('×')} inputs but preprocessing.json produces ${preprocessing.inputSize} (from ${preprocessing.features.length} columns). These files come from different models.`,
    );
  }
  const regression = preprocessing.kind === 'tabular' && preprocessing.target.task === 'regression';
  if (regression && shapes.units !== null && shapes.units !== 1) {
    fail('bundle_shape_mismatch', `The model has ${shapes.units} outputs but preprocessing.json describes a regression (one number). These files come from different models.`);
  }
  if (!regression && shapes.units !== null && shapes.units !== classes.length) {
    fail(
      'bundle_shape_mismatch',
      `The model predicts ${shapes.units} classes but preprocessing.json names ${classes.length} (${classes.slice(0, 5).join(', ')}${classes.length > 5 ? ', …' : ''}). These files come from different models.`,
    );
  }
  const artifacts: ModelArtifacts = {
    format: 'tau-model',
    version: 1,
    modelTopology: model.modelTopology,
    weightSpecs: model.weightSpecs.map((w) => ({ name: w.name, shape: w.shape, dtype: w.dtype })),
    weightData: weightData.buffer as ArrayBuffer,
    exampleShape,
    classes,
    preprocessing: preprocessing.kind === 'tabular' ? stripMonitoring(preprocessing) : null,
    ...(preprocessing.kind === 'image' ? { image: preprocessing.image } : {}),
  };
  return { artifacts, preprocessing, metrics, notes };
}

function stripMonitoring(file: TabularPreprocessingFile): FittedPreprocessor {
  const { format, version, target, missing, scaling, features, inputSize, inputNames } = file;
  return { format, version, target, missing, scaling, features, inputSize, inputNames };
}
