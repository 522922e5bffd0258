import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGREG, DEFAULT_MLP } from './spec';
import { textAwareSpec } from './text-defaults';
import type { FittedPreprocessor } from '../preprocess/fitted';
import { DEFAULT_TOKENIZER } from '../preprocess/text/tokenizer';

const base: FittedPreprocessor = {
  format: 'tau-preprocessing',
  version: 1,
  target: { name: 'y', classes: ['a', 'b'] },
  missing: 'median',
  scaling: 'standardize',
  features: [],
  inputSize: 0,
  inputNames: [],
};
const text: FittedPreprocessor = {
  ...base,
  features: [
    { kind: 'text', name: 't', tokenizer: DEFAULT_TOKENIZER, encoding: 'tfidf', terms: ['x'], idf: [1], sublinearTf: true, norm: 'l2', medianTokens: 1, p95Tokens: 1, vocabularySeen: 1, oovRate: 0 },
  ],
  inputSize: 1,
  inputNames: ['t:x'],
};

describe('textAwareSpec', () => {
  it("uses scikit-learn's C=1 penalty for the default logistic regression on text, and nothing else changes", () => {
    expect(textAwareSpec(DEFAULT_LOGREG, text, 1000)).toEqual({ kind: 'logreg', l2: 0.0005 });
    expect(textAwareSpec(DEFAULT_LOGREG, base, 1000)).toBe(DEFAULT_LOGREG);
    expect(textAwareSpec({ kind: 'logreg', l2: 0.01 }, text, 1000)).toEqual({ kind: 'logreg', l2: 0.01 });
    expect(textAwareSpec(DEFAULT_MLP, text, 1000)).toBe(DEFAULT_MLP);
  });
});
