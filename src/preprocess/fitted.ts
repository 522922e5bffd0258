import type { MissingStrategy, ScalingKind } from './settings';

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

export type FittedFeature = FittedNumericFeature | FittedCategoricalFeature;

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
