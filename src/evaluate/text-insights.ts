/**
 * What a text classifier's evaluation adds: the test texts it got most confidently wrong (shown as
 * snippets, like the misclassified image gallery) and, for a linear model on bag-of-words inputs, the
 * terms with the largest weight for each class.
 */
import { argmaxRows } from './argmax';

/** A test row the model got wrong, with the start of its text. */
export interface TextMistake {
  /** 1-based row of the data file. */
  row: number;
  /** The row's text columns joined by " · ", at most MAX_SNIPPET_CHARS characters. */
  text: string;
  trueClass: number;
  predictedClass: number;
  /** Probability the model gave its (wrong) prediction. */
  confidence: number;
}

/** The highest-weighted terms of one class (linear model on TF-IDF inputs). */
export interface ClassTopTokens {
  classIndex: number;
  tokens: { token: string; weight: number }[];
}

export const MAX_TEXT_MISTAKES = 24;
export const MAX_SNIPPET_CHARS = 240;
export const TOP_TOKENS_PER_CLASS = 10;

/** The most confident mistakes first (ties: file order); `textOf(i)` gives test row i's text. */
export function findTextMistakes(
  yTrue: Int32Array,
  probabilities: Float32Array,
  classCount: number,
  fileRows: ArrayLike<number>,
  textOf: (i: number) => string,
  limit = MAX_TEXT_MISTAKES,
): TextMistake[] {
  const predicted = argmaxRows(probabilities, classCount);
  const wrong: { i: number; confidence: number }[] = [];
  for (let i = 0; i < yTrue.length; i++) {
    if (predicted[i] !== yTrue[i]) wrong.push({ i, confidence: probabilities[i * classCount + predicted[i]] });
  }
  wrong.sort((a, b) => b.confidence - a.confidence || fileRows[a.i] - fileRows[b.i]);
  return wrong.slice(0, limit).map(({ i, confidence }) => {
    const text = textOf(i);
    return {
      row: fileRows[i] + 1,
      text: text.length > MAX_SNIPPET_CHARS ? `${text.slice(0, MAX_SNIPPET_CHARS - 1)}…` : text,
      trueClass: yTrue[i],
      predictedClass: predicted[i],
      confidence,
    };
  });
}

/**
 * Per class, the `top` terms with the largest positive weight. `kernel` is the dense layer's
 * inputs × classes weight matrix (row-major); `slots` lists the input slots that are terms and their names.
 */
export function topTokensPerClass(kernel: Float32Array, inputSize: number, classCount: number, slots: { slot: number; token: string }[], top = TOP_TOKENS_PER_CLASS): ClassTopTokens[] {
  if (kernel.length !== inputSize * classCount) throw new Error(`A ${inputSize} × ${classCount} kernel has ${inputSize * classCount} weights, not ${kernel.length}.`);
  return Array.from({ length: classCount }, (_, k) => {
    const ranked = slots
      .map(({ slot, token }) => ({ token, weight: kernel[slot * classCount + k] }))
      .filter((t) => t.weight > 0)
      .sort((a, b) => b.weight - a.weight || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0))
      .slice(0, top);
    return { classIndex: k, tokens: ranked };
  });
}
