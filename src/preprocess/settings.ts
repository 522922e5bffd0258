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
  /**
   * The user's switch between categorical and free text for string columns (optional: older documents
   * have none). A text column is tokenized and encoded as TF-IDF of word uni- and bigrams.
   */
  columnTypes?: { name: string; type: 'text' | 'categorical' }[];
  /** Text columns keep at most this many terms (most frequent in the training split). Default 20,000. */
  textVocabularySize?: number;
  /** Token sequences (text CNN) are cut at most here; the length is the 95th percentile of training cells. Default 200. */
  textMaxTokens?: number;
  /** Text columns: the longest word n-gram of TF-IDF terms (1 = words only). Default 2 (uni- and bigrams). */
  textWordNgrams?: number;
  /** Classification or regression; auto (or absent, in older documents) decides from the target column. */
  task?: 'auto' | 'classification' | 'regression';
}

export const DEFAULT_TEXT_VOCABULARY = 20_000;
export const DEFAULT_TEXT_MAX_TOKENS = 200;
/** The largest text vocabulary a user may ask for (each term is one model input). */
export const MAX_TEXT_VOCABULARY = 100_000;

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

/** The type a column is used as: the profile's guess, or the user's switch between categorical and text. */
export function effectiveType(profile: ColumnProfile, settings: Pick<PrepareSettings, 'columnTypes'>): ColumnProfile['type'] {
  const chosen = settings.columnTypes?.find((c) => c.name === profile.name)?.type;
  if (chosen && profile.storage === 'string') return chosen;
  return profile.type;
}

/** Whether the user may switch this column between categorical and text (string columns only). */
export function canSwitchToText(profile: ColumnProfile): boolean {
  return profile.storage === 'string' && profile.distinct > 0;
}

/**
 * Types that are features by default; id-like columns are excluded (they memorize, not generalize).
 * Free text is included by default when the table has no other usable feature (a table of
 * descriptions and a label), or when the user chose the text type for the column; otherwise it is
 * one click away (names and addresses are text too, and rarely help).
 */
export function includedByDefault(profile: ColumnProfile, settings?: Pick<PrepareSettings, 'columnTypes'>, textFirst = false): boolean {
  const type = settings ? effectiveType(profile, settings) : profile.type;
  if (type === 'text') return textFirst || (settings?.columnTypes?.some((c) => c.name === profile.name && c.type === 'text') ?? false);
  return type === 'numeric' || type === 'categorical' || type === 'boolean';
}

/** True when no column other than the target would be a feature by default except text ones. */
function isTextFirst(profiles: ColumnProfile[], settings: PrepareSettings): boolean {
  return !profiles.some((p) => p.name !== settings.target && canBeFeature(p).ok && includedByDefault(p, settings, false));
}

export function canBeFeature(profile: ColumnProfile): { ok: true } | { ok: false; reason: string } {
  if (profile.distinct === 0) {
    return { ok: false, reason: 'every value is missing' };
  }
  return { ok: true };
}

/** The feature columns in table order: type defaults, then the user's overrides; never the target. */
export function selectFeatures(profiles: ColumnProfile[], settings: PrepareSettings): string[] {
  const overrides = new Map(settings.featureOverrides.map((o) => [o.name, o.include]));
  const textFirst = isTextFirst(profiles, settings);
  return profiles
    .filter((p) => p.name !== settings.target)
    .filter((p) => canBeFeature(p).ok)
    .filter((p) => overrides.get(p.name) ?? includedByDefault(p, settings, textFirst))
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
  if (profile.type === 'text' && profile.distinct > MAX_CLASSES) {
    return {
      ok: false,
      code: 'target_too_many_classes',
      message: `${name} is free text (${profile.distinct} distinct values); a classifier predicts one of a few labels. Choose the label column as the target and keep ${name} as a text feature.`,
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
    .reduce(
      (width, p) =>
        width + (p.storage === 'numeric' ? 1 : effectiveType(p, settings) === 'text' ? (settings.textVocabularySize ?? DEFAULT_TEXT_VOCABULARY) : Math.min(p.distinct, settings.maxCategories)),
      0,
    );
}
