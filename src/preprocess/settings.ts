import type { ColumnProfile } from '../data/profile';

export type MissingStrategy = 'drop' | 'mean' | 'median' | 'most_frequent';
export type ScalingKind = 'standardize' | 'minmax' | 'none';

/** How the user prepares a table for training. Plain data: it lives in the notebook document. */
export interface PrepareSettings {
  target: string | null;
  /** Columns the user explicitly included or excluded; others follow their type's default. */
  featureOverrides: { name: string; include: boolean }[];
  missing: MissingStrategy;
  scaling: ScalingKind;
  /** Fractions of all usable rows. */
  testFraction: number;
  validationFraction: number;
  seed: number;
  /** Categorical columns keep at most this many most frequent categories; rarer ones encode as all zeros. */
  maxCategories: number;
  /** Classification or regression; auto (or absent, in older documents) decides from the target column. */
  task?: 'auto' | 'classification' | 'regression';
}

export const DEFAULT_PREPARE: PrepareSettings = {
  target: null,
  featureOverrides: [],
  missing: 'median',
  scaling: 'standardize',
  testFraction: 0.2,
  validationFraction: 0.1,
  seed: 42,
  maxCategories: 50,
};

/** The most classes a target may have; beyond that the task is not what a classifier here is for. */
export const MAX_CLASSES = 100;

/** Types that can be features; id-like and free text are excluded by default (they memorize, not generalize). */
export function includedByDefault(profile: ColumnProfile): boolean {
  return profile.type === 'numeric' || profile.type === 'categorical' || profile.type === 'boolean';
}

export function canBeFeature(profile: ColumnProfile): { ok: true } | { ok: false; reason: string } {
  if (profile.type === 'text') return { ok: false, reason: 'free text is not supported as a feature yet' };
  if (profile.distinct === 0) {
    return { ok: false, reason: 'every value is missing' };
  }
  return { ok: true };
}

/** The feature columns in table order: type defaults, then the user's overrides; never the target. */
export function selectFeatures(profiles: ColumnProfile[], settings: PrepareSettings): string[] {
  const overrides = new Map(settings.featureOverrides.map((o) => [o.name, o.include]));
  return profiles
    .filter((p) => p.name !== settings.target)
    .filter((p) => canBeFeature(p).ok)
    .filter((p) => overrides.get(p.name) ?? includedByDefault(p))
    .map((p) => p.name);
}

export type TargetCheck = { ok: true; classCount: number } | { ok: false; code: string; message: string };

/** Says whether a column can be a classification target, and why not. */
export function checkTarget(profile: ColumnProfile): TargetCheck {
  const name = `"${profile.name}"`;
  if (profile.distinct < 2) {
    return {
      ok: false,
      code: 'target_one_class',
      message: `${name} has ${profile.distinct === 0 ? 'no values' : `only one value ("${profile.top?.[0]?.value ?? profile.min}")`}; a classifier needs at least two classes. Choose another target column.`,
    };
  }
  const continuous = profile.storage === 'numeric' && profile.distinct > 20 && profile.integers === false;
  if (continuous) {
    return {
      ok: false,
      code: 'target_continuous',
      message: `${name} looks continuous (${profile.distinct} distinct numbers); Tau Studio trains classifiers. Choose a column with categories, or bin this one into ranges first.`,
    };
  }
  if (profile.distinct > MAX_CLASSES) {
    return {
      ok: false,
      code: 'target_too_many_classes',
      message: `${name} has ${profile.distinct} distinct values; a classifier here supports 2 to ${MAX_CLASSES} classes. Choose a column with fewer categories.`,
    };
  }
  return { ok: true, classCount: profile.distinct };
}

/** Model input width before fitting: numeric columns take one slot, categorical ones one per category (capped). */
export function estimateInputWidth(profiles: ColumnProfile[], settings: PrepareSettings): number {
  const selected = new Set(selectFeatures(profiles, settings));
  return profiles
    .filter((p) => selected.has(p.name))
    .reduce((width, p) => width + (p.storage === 'numeric' ? 1 : Math.min(p.distinct, settings.maxCategories)), 0);
}
