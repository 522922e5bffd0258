import { optionalClassificationScores, regressionMetricsOf, regressionTestSummary, taskOf, type TrainingResult } from '../train/result';
import type { ClassificationReport } from '../evaluate';
import type { TableSummary } from '../workers/protocol';
import { delimiterName } from '../data/csv/dialect';
import { DEFAULT_TEXT_MAX_TOKENS } from '../preprocess/settings';

/** `tau inspect` output: a contract other tools read — extend, never rename. */
export function inspectOutput(summary: TableSummary) {
  return {
    rows: summary.rows,
    columns: summary.profiles.map((p) => ({
      name: p.name,
      type: p.type,
      missing: p.missing,
      distinct: p.distinct,
      ...(p.min !== undefined ? { min: p.min, max: p.max, mean: p.mean } : {}),
      ...(p.text ? { text: p.text } : {}),
    })),
    delimiter: summary.dialect.delimiter,
    delimiterName: delimiterName(summary.dialect.delimiter),
    decimal: summary.dialect.decimal,
    preview: summary.preview,
    warnings: summary.warnings,
    bytes: summary.bytes,
    parseSeconds: summary.parseSeconds,
    profileSeconds: summary.profileSeconds,
    ...(summary.parseTimings ? { parseTimings: summary.parseTimings } : {}),
  };
}

/** Text columns of a table model: their vocabulary, tokenizer and length statistics. */
function textSummary(result: TrainingResult) {
  const texts = (result.preprocessing?.features ?? []).flatMap((f) => (f.kind === 'text' ? [f] : []));
  if (texts.length === 0) return {};
  return {
    text: {
      columns: texts.map((f) => f.name),
      encoding: texts[0].encoding,
      vocabularySize: texts.reduce((s, f) => s + f.terms.length, 0),
      // Sequences (text CNN): the fitted length (95th percentile, at most the cap); bag of words: the cap.
      maxTokens: texts[0].maxTokens ?? result.prepare.textMaxTokens ?? DEFAULT_TEXT_MAX_TOKENS,
      tokenizer: texts[0].tokenizer,
      perColumn: texts.map((f) => ({ column: f.name, vocabularySize: f.terms.length, wordsSeen: f.vocabularySeen, medianTokens: f.medianTokens, p95Tokens: f.p95Tokens, oovRate: f.oovRate })),
    },
  };
}

/** `tau train` output: a contract other tools read — extend, never rename. */
function metricsOutput(result: TrainingResult) {
  const r = regressionMetricsOf(result);
  const summary = regressionTestSummary(result);
  if (r && summary) return { ...summary, baseline: r.baseline };
  const m = result.metrics as ClassificationReport;
  return {
    accuracy: m.accuracy,
    macroF1: m.macroF1,
    weightedF1: m.weightedF1,
    perClass: m.perClass,
    macro: m.macro,
    weighted: m.weighted,
    confusionMatrix: m.confusionMatrix,
    ...optionalClassificationScores(m),
  };
}

export function trainOutput(result: TrainingResult) {
  return {
    backend: result.backend,
    backendReason: result.backendReason,
    ...(result.adapter ? { adapter: result.adapter } : {}),
    ...(result.threads ? { threads: result.threads } : {}),
    rows: result.rows,
    split: result.split,
    classes: result.classes,
    model: result.model,
    modelDescription: result.modelDescription,
    /** The table columns the model reads, in order (tables only). */
    featureColumns: result.preprocessing?.features.map((f) => f.name) ?? [],
    ...(result.autoSelection ? { autoSelection: result.autoSelection } : {}),
    task: taskOf(result),
    ...(result.preprocessing?.target.task === 'regression' ? { target: result.preprocessing.target.name } : {}),
    metrics: metricsOutput(result),
    training: {
      epochs: result.training.epochs,
      bestEpoch: result.training.bestEpoch,
      stoppedBy: result.training.stoppedBy,
      seconds: result.training.seconds,
      samplesPerSecond: result.training.samplesPerSecond,
      history: result.training.history,
    },
    settings: result.settings,
    prepare: result.prepare,
    warnings: result.warnings,
    ...(result.recovery ? { recovery: result.recovery } : {}),
    ...(result.splitRows ? { splitRows: result.splitRows } : {}),
    ...textSummary(result),
    ...(result.image ? { image: result.image, misclassified: result.misclassified ?? [] } : {}),
    ...(result.textMistakes
      ? { textMistakes: result.textMistakes.map((m) => ({ row: m.row, text: m.text, true: result.classes[m.trueClass], predicted: result.classes[m.predictedClass], confidence: m.confidence })) }
      : {}),
    ...(result.topTokens ? { topTokens: Object.fromEntries(result.topTokens.map((c) => [result.classes[c.classIndex], c.tokens])) } : {}),
  };
}
