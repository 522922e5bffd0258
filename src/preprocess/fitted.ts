import type { MissingStrategy, ScalingKind } from './settings';
import type { TokenizerSettings } from './text/tokenizer';

/**
 * Everything learned from the training split, as plain JSON: exported with the model
 * (preprocessing.json) and applied unchanged to validation, test and new data.
 */
export interface FittedPreprocessor {
  format: 'tau-preprocessing';
  version: 1;
  /** Classification: the classes in output order. Regression: `task: 'regression'`, no classes, and the target's training statistics. */
  target: { name: string; classes: string[]; task?: 'regression'; stats?: TargetStats; interval?: PredictionInterval };
  missing: MissingStrategy;
  scaling: ScalingKind;
  features: FittedFeature[];
  /** Width of the model input: numeric features take one slot, categorical ones one per category. */
  inputSize: number;
  /** Name of every input slot, e.g. "Island=Biscoe". */
  inputNames: string[];
}

/** A regression target on the training split: the model trains on (y − mean) / std and reports in original units. */
export interface TargetStats {
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** A regression prediction interval: value + lower … value + upper covers `level` of validation rows. */
export interface PredictionInterval {
  level: number;
  lower: number;
  upper: number;
}

export type FittedFeature = FittedNumericFeature | FittedCategoricalFeature | FittedTextFeature;

export interface FittedNumericFeature {
  kind: 'numeric';
  name: string;
  /** Replaces a missing value (mean, median or most frequent of the training split). */
  fill: number;
  /** x' = (x − center) / scale; scale is never 0. */
  center: number;
  scale: number;
  /** Training range, for the prediction form and drift checks. */
  min: number;
  max: number;
  mean: number;
  std: number;
}

export interface FittedCategoricalFeature {
  kind: 'categorical';
  name: string;
  /** One-hot slots in this order; a category not listed (unseen or rare) encodes as all zeros. */
  categories: string[];
  fill: string;
  /** Share of training rows per category, for drift checks. */
  frequencies: number[];
}

/**
 * A free-text column encoded as TF-IDF of word n-grams (see src/preprocess/text): one input slot per
 * term, in `terms` order. Tokenizer settings travel with it so that prediction and the exported
 * snippet tokenize exactly as training did.
 *
 * `encoding: 'sequence'` (the text CNN): `terms` is the word vocabulary (word `terms[i]` has id i + 2;
 * 0 pads, 1 is out of vocabulary), `idf` is empty, and the feature takes `maxTokens` input slots of ids.
 */
export interface FittedTextFeature {
  kind: 'text';
  name: string;
  tokenizer: TokenizerSettings;
  encoding: 'tfidf' | 'sequence';
  /** Sequences only: ids per cell (cut or padded at the end), the 95th percentile of training cells at most the cap. */
  maxTokens?: number;
  terms: string[];
  idf: number[];
  sublinearTf: boolean;
  norm: 'l2';
  /** Training split: words per cell (median, 95th percentile), distinct words, share of terms outside the vocabulary. */
  medianTokens: number;
  p95Tokens: number;
  vocabularySeen: number;
  oovRate: number;
}

/** Number of model input slots a fitted feature takes. */
export function featureWidth(feature: FittedFeature): number {
  return feature.kind === 'numeric' ? 1 : feature.kind === 'categorical' ? feature.categories.length : feature.encoding === 'sequence' ? (feature.maxTokens ?? 1) : feature.terms.length;
}
