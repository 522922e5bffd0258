import type { FittedTextFeature } from '../fitted';
import { tfidfInto } from './tfidf';
import { encodeSequence } from './tokenizer';

/**
 * One text cell as model inputs, whichever way the feature was fitted: TF-IDF of its terms (bag of
 * words) or token ids cut/padded to `maxTokens` (the text CNN). Returns the number of terms (words for
 * sequences) and how many were outside the vocabulary, the drift signal.
 */
export function encodeTextInto(feature: FittedTextFeature, text: string, index: Map<string, number>, out: Float32Array, at: number): { terms: number; oov: number } {
  if (feature.encoding === 'sequence') {
    const r = encodeSequence(text, feature.tokenizer, { tokens: feature.terms, maxTokens: feature.maxTokens ?? 1 }, index, out, at);
    return { terms: r.tokens, oov: r.oov };
  }
  return tfidfInto(text, feature.tokenizer, feature, index, out, at);
}
