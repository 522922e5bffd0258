import type * as tf from '@tensorflow/tfjs';
import type { Table } from '../data/table';
import { findTextMistakes, topTokensPerClass } from '../evaluate/text-insights';
import { tableReader } from '../preprocess/feature-reader';
import { toText } from '../preprocess/fit';
import { featureWidth } from '../preprocess/fitted';
import type { PreparedData } from '../preprocess/prepare';
import type { TrainingResult } from './result';

/**
 * Adds the text evaluation to a table classifier's result: the most confident test mistakes as text
 * snippets and, for logistic regression on TF-IDF inputs, the highest-weighted terms per class.
 */
export function addTextInsights(result: TrainingResult, test: { probabilities: Float32Array; yTrue: Int32Array; model: tf.LayersModel }, table: Table, prepared: PreparedData): void {
  if (result.task === 'regression') return;
  const texts = prepared.fitted.features.filter((f) => f.kind === 'text');
  if (texts.length === 0) return;
  const reader = tableReader(table);
  const readers = texts.map((f) => reader.column(f.name)).filter((r) => r !== null);
  const fileRows = Int32Array.from(prepared.split.test, (i) => prepared.tableRows[i]);
  result.textMistakes = findTextMistakes(test.yTrue, test.probabilities, result.classes.length, fileRows, (i) =>
    readers
      .map((read) => toText(read(fileRows[i])))
      .filter((t) => t !== '')
      .join(' · '),
  );
  if (result.model.kind !== 'logreg') return;
  const slots: { slot: number; token: string }[] = [];
  let offset = 0;
  for (const f of prepared.fitted.features) {
    if (f.kind === 'text' && f.encoding === 'tfidf') f.terms.forEach((term, i) => slots.push({ slot: offset + i, token: texts.length > 1 ? `${f.name}: ${term}` : term }));
    offset += featureWidth(f);
  }
  const kernel = test.model.layers[test.model.layers.length - 1].getWeights()[0];
  result.topTokens = topTokensPerClass(kernel.dataSync() as Float32Array, prepared.fitted.inputSize, result.classes.length, slots);
}
