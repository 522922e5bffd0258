/**
 * metrics.json from an imported bundle, read into a fresh object with every field checked (it used to be
 * returned as parsed once its test accuracy looked like a number). metrics.json is informational: a field
 * that does not check out is dropped with a note, never fatal; unknown keys are dropped silently.
 */
import { BUNDLE_FILES, type ClassificationTestMetrics, type MetricsFile, type RegressionTestMetrics } from './bundle-format';
import { DOCUMENT_LIMITS as LIMITS } from '../settings/limits';

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, Json>, k: string): Json => (Object.hasOwn(o, k) ? o[k] : undefined);
const finite = (v: Json): v is number => typeof v === 'number' && Number.isFinite(v);
const count = (v: Json): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const shortText = (v: Json, max = LIMITS.shortText): v is string => typeof v === 'string' && v.length <= max;

class Dropped extends Error {}
function need<T>(ok: boolean, value: T, field: string): T {
  if (!ok) throw new Dropped(field);
  return value;
}

function classification(test: Record<string, Json>, classes: string[]): ClassificationTestMetrics {
  const number = (k: string) => need(finite(own(test, k)), own(test, k) as number, `evaluation.test.${k}`);
  const cm = own(test, 'confusionMatrix');
  if (!isObject(cm)) throw new Dropped('evaluation.test.confusionMatrix');
  const labels = own(cm, 'labels');
  const matrix = own(cm, 'matrix');
  const k = classes.length;
  if (!Array.isArray(labels) || labels.length !== k || !labels.every((l, i) => l === classes[i])) throw new Dropped('evaluation.test.confusionMatrix.labels');
  if (!Array.isArray(matrix) || matrix.length !== k || !matrix.every((row) => Array.isArray(row) && row.length === k && row.every(count))) throw new Dropped('evaluation.test.confusionMatrix.matrix');
  const perClass = own(test, 'perClass');
  if (!Array.isArray(perClass) || perClass.length > LIMITS.classes || !perClass.every(isObject)) throw new Dropped('evaluation.test.perClass');
  const optionalNumber = (key: string) => {
    const v = own(test, key);
    return v === undefined ? {} : { [key]: need(finite(v), v as number, `evaluation.test.${key}`) };
  };
  return {
    accuracy: number('accuracy'),
    macroF1: number('macroF1'),
    weightedF1: number('weightedF1'),
    perClass: perClass.map((row) => Object.fromEntries(Object.entries(row).filter(([key, v]) => shortText(key) && (finite(v) || shortText(v))))),
    confusionMatrix: { labels: classes, matrix: (matrix as number[][]).map((row) => row.slice()) },
    ...optionalNumber('rocAuc'),
    ...optionalNumber('rocAucMacroOvr'),
    ...optionalNumber('logLoss'),
  };
}

function regression(test: Record<string, Json>): RegressionTestMetrics {
  const number = (k: string) => need(finite(own(test, k)), own(test, k) as number, `evaluation.test.${k}`);
  const mape = own(test, 'mape');
  const interval = own(test, 'interval');
  return {
    mae: number('mae'),
    rmse: number('rmse'),
    r2: number('r2'),
    mape: need(mape === null || finite(mape), (mape ?? null) as number | null, 'evaluation.test.mape'),
    ...(shortText(own(test, 'mapeNote'), LIMITS.longText) ? { mapeNote: own(test, 'mapeNote') as string } : {}),
    medianAbsoluteError: number('medianAbsoluteError'),
    baselineMae: number('baselineMae'),
    ...(isObject(interval) && finite(own(interval, 'level')) && finite(own(interval, 'lower')) && finite(own(interval, 'upper'))
      ? { interval: { level: own(interval, 'level') as number, lower: own(interval, 'lower') as number, upper: own(interval, 'upper') as number } }
      : {}),
  };
}

function evaluation(value: Record<string, Json>): NonNullable<MetricsFile['evaluation']> {
  const text = (k: string) => need(shortText(own(value, k)), own(value, k) as string, `evaluation.${k}`);
  const classes = own(value, 'classes');
  if (!Array.isArray(classes) || classes.length > LIMITS.classes || !classes.every((c) => shortText(c)) || new Set(classes).size !== classes.length) throw new Dropped('evaluation.classes');
  const split = own(value, 'split');
  if (!isObject(split) || !count(own(split, 'train')) || !count(own(split, 'validation')) || !count(own(split, 'test'))) throw new Dropped('evaluation.split');
  const training = own(value, 'training');
  if (!isObject(training) || !['epochs', 'bestEpoch', 'seconds', 'samplesPerSecond'].every((k) => finite(own(training, k))) || !shortText(own(training, 'stoppedBy')))
    throw new Dropped('evaluation.training');
  const task = own(value, 'task');
  if (task !== undefined && task !== 'classification' && task !== 'regression') throw new Dropped('evaluation.task');
  const test = own(value, 'test');
  if (!isObject(test)) throw new Dropped('evaluation.test');
  const objectField = (k: string) => need(isObject(own(value, k)), own(value, k) as object, `evaluation.${k}`);
  const rows = own(value, 'rows');
  const seed = own(value, 'seed');
  return {
    finishedAt: text('finishedAt'),
    datasetName: text('datasetName'),
    rows: need(count(rows), rows as number, 'evaluation.rows'),
    classes: classes as string[],
    split: { train: own(split, 'train') as number, validation: own(split, 'validation') as number, test: own(split, 'test') as number },
    model: objectField('model'),
    modelDescription: text('modelDescription'),
    backend: text('backend'),
    ...(shortText(own(value, 'adapter')) ? { adapter: own(value, 'adapter') as string } : {}),
    seed: need(finite(seed), seed as number, 'evaluation.seed'),
    settings: objectField('settings'),
    prepare: objectField('prepare'),
    ...(task ? { task } : {}),
    test: task === 'regression' ? regression(test) : classification(test, classes as string[]),
    training: {
      epochs: own(training, 'epochs') as number,
      bestEpoch: own(training, 'bestEpoch') as number,
      stoppedBy: own(training, 'stoppedBy') as string,
      seconds: own(training, 'seconds') as number,
      samplesPerSecond: own(training, 'samplesPerSecond') as number,
    },
  };
}

/** metrics.json, checked field by field; null (with a note) when it is not Tau Studio metrics at all. */
export function checkMetricsFile(value: Json, notes: string[]): MetricsFile | null {
  const file = BUNDLE_FILES.metrics;
  if (!isObject(value) || own(value, 'format') !== 'tau-metrics') {
    notes.push(`${file} is not Tau Studio metrics; it was ignored.`);
    return null;
  }
  const exportedAt = own(value, 'exportedAt');
  const out: MetricsFile = { format: 'tau-metrics', version: 1, exportedAt: shortText(exportedAt) ? exportedAt : '' };
  const raw = own(value, 'evaluation');
  if (raw !== undefined) {
    try {
      if (!isObject(raw)) throw new Dropped('evaluation');
      out.evaluation = evaluation(raw);
    } catch (error) {
      if (!(error instanceof Dropped)) throw error;
      notes.push(`${file} has an unreadable "${error.message}"; its evaluation was ignored.`);
    }
  }
  const quantization = own(value, 'quantization');
  if (quantization !== undefined) {
    const q = isObject(quantization) ? quantization : null;
    const sizes = ['weightBytes', 'float32WeightBytes', 'bundleBytes', 'float32BundleBytes', 'float32TfjsBundleBytes'];
    if (q && (q.dtype === 'uint8' || q.dtype === 'float16') && sizes.every((k) => count(own(q, k)))) {
      out.quantization = JSON.parse(JSON.stringify(q)) as MetricsFile['quantization'];
    } else {
      notes.push(`${file} has an unreadable "quantization" report; it was ignored.`);
    }
  }
  return out;
}
