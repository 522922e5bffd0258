/**
 * Model families a search may try, by model name. Each family says which data it applies to, how to
 * sample its own settings, its studio default (tried first), and the model spec a trial trains. TF-free,
 * so the page can describe trials.
 *
 * Adding a family is one entry in SEARCH_FAMILIES (as `textcnn`: `modalities: ['text']` and a `spec` that
 * returns the text CNN's spec); the sampler, the leaderboard, the notebook parser and the search job pick
 * it up from this table.
 */
import { DEFAULT_CNN, DEFAULT_LOGREG, DEFAULT_MLP, DEFAULT_TEXT_CNN, type CnnLayerSpec, type CnnSpec, type ModelSpec } from '../models/spec';
import { CNN_PRESETS, type CnnPresetId } from '../train/image-presets';
import { FULL_BATCH_LOGREG } from '../settings/limits';

/** What the search trains on: a plain table, a table with free-text columns (TF-IDF inputs), or images. */
export type SearchModality = 'table' | 'text' | 'image';

/** Settings every trial has, whatever its family. */
export interface CommonTrialSettings {
  learningRate: number;
  l2: number;
  dropout: number;
  batchSize: number;
  epochs: number;
  patience: number;
}

/** What a family samples from; the family-specific parts of SearchSpace. */
export interface FamilySpace {
  hidden: number[][];
  dropout: number[];
  cnnPresets: CnnPresetId[];
  /** Conv filter multipliers (1 = the preset's filters). */
  cnnWidths: number[];
  /** L2 of the logistic regression default trial (text inputs need far less than numeric tables). */
  defaultLogregL2: number;
  /** Text CNN sizes to sample (text modality). */
  textCnn: { embeddingDims: number[]; filters: number[]; kernels: number[]; dropout: number[] };
  /** scikit-learn's C values the full-batch logistic regression tries (a log-scale grid, smallest first). */
  logregCs: number[];
}

/** A text CNN trial's sizes (the rest of its spec comes from the common settings: dropout, L2). */
export interface TextCnnTrialSettings {
  embeddingDim: number;
  filters: number;
  kernel: number;
}

export interface SearchFamily {
  label: string;
  modalities: readonly SearchModality[];
  /** The family's own settings for one random trial (model sizes, dropout). */
  sample(space: FamilySpace, pick: <T>(items: readonly T[]) => T): FamilySettings;
  /** The studio's default of this family, tried first (so a search never scores below the old auto on validation). */
  defaults(space: FamilySpace): FamilySettings;
  spec(settings: TrialSettingsLike): ModelSpec;
  describe(settings: TrialSettingsLike): string;
  /**
   * Only sampled, never queued as a default trial: for families that cost far more per trial than the
   * defaults (the text CNN), so `auto`'s first trials stay the quick ones.
   */
  sampledOnly?: boolean;
  /**
   * Families cheap enough to try a whole grid (the full-batch logistic regression: each fit is one exact
   * solve): the search scores every grid point by the same cross-validation before its random brackets,
   * outside the trial budget, and never samples the family.
   */
  grid?(space: FamilySpace): FamilySettings[];
}

/** The family-specific part of a trial's settings. */
export interface FamilySettings {
  hidden: number[];
  dropout: number;
  l2?: number;
  cnn?: { preset: CnnPresetId; width: number };
  textcnn?: TextCnnTrialSettings;
  /** scikit-learn's C (full-batch logistic regression). */
  c?: number;
}

/** The fields of TrialSettings a family reads (space.ts holds the full type). */
export interface TrialSettingsLike extends CommonTrialSettings {
  family: string;
  hidden: number[];
  cnn?: { preset: CnnPresetId; width: number };
  textcnn?: TextCnnTrialSettings;
  c?: number;
}

const logreg: SearchFamily = {
  label: 'Logistic regression',
  modalities: ['table', 'text'],
  sample: () => ({ hidden: [], dropout: 0 }),
  defaults: (space) => ({ hidden: [], dropout: 0, l2: space.defaultLogregL2 }),
  spec: (s) => ({ kind: 'logreg', l2: s.l2 }),
  describe: () => 'logreg',
};

/**
 * Logistic regression solved exactly (L-BFGS, src/models/logistic-lbfgs.ts) for each C of a log grid,
 * as scikit-learn's GridSearchCV over LogisticRegression's C. Tables whose training rows × inputs fit the
 * settings table's cap (limits.json fullBatchLogreg) search it instead of the mini-batch logistic regression.
 */
const logregLbfgs: SearchFamily = {
  label: 'Logistic regression (L-BFGS)',
  modalities: ['table'],
  grid: (space) => space.logregCs.map((c) => ({ hidden: [], dropout: 0, l2: 0, c })),
  sample: (space, pick) => ({ hidden: [], dropout: 0, l2: 0, c: pick(space.logregCs) }),
  defaults: () => ({ hidden: [], dropout: 0, l2: 0, c: 1 }),
  spec: (s) => ({ kind: 'logreg', l2: s.c !== undefined ? 0 : s.l2, solver: 'lbfgs', ...(s.c !== undefined ? { c: s.c } : {}) }),
  describe: (s) => `logreg L-BFGS${s.c !== undefined ? ` C ${s.c}` : ''}`,
};

const mlp: SearchFamily = {
  label: 'MLP',
  modalities: ['table', 'text'],
  sample: (space, pick) => ({ hidden: [...pick(space.hidden)], dropout: pick(space.dropout) }),
  defaults: () => ({ hidden: [...DEFAULT_MLP.hidden], dropout: DEFAULT_MLP.dropout, l2: DEFAULT_MLP.l2 }),
  spec: (s) => ({ kind: 'mlp', hidden: [...s.hidden], activation: 'relu', dropout: s.dropout, l2: s.l2 }),
  describe: (s) => `MLP ${s.hidden.join('→')}${s.dropout > 0 ? ` drop ${s.dropout}` : ''}`,
};

/**
 * A CNN preset with its conv filters scaled by `width` (at least 4 filters) and every dropout layer at
 * `dropout` (the small preset, which has none, gets one before its dense layer when dropout > 0).
 */
export function cnnTrialSpec(preset: CnnPresetId, width: number, dropout: number, l2: number): CnnSpec {
  const layers: CnnLayerSpec[] = [];
  let hasDropout = false;
  for (const layer of CNN_PRESETS[preset].spec.layers) {
    if (layer.type === 'conv') layers.push({ ...layer, filters: Math.max(4, Math.round(layer.filters * width)) });
    else if (layer.type === 'dropout') {
      hasDropout = true;
      if (dropout > 0) layers.push({ type: 'dropout', rate: dropout });
    } else if (layer.type === 'dense' && !hasDropout && dropout > 0) {
      layers.push({ type: 'dropout', rate: dropout }, { ...layer });
    } else layers.push({ ...layer });
  }
  return { kind: 'cnn', l2, layers };
}

const cnn: SearchFamily = {
  label: 'CNN',
  modalities: ['image'],
  sample: (space, pick) => ({ hidden: [], dropout: pick(space.dropout), cnn: { preset: pick(space.cnnPresets), width: pick(space.cnnWidths) } }),
  defaults: () => ({ hidden: [], dropout: 0.25, l2: DEFAULT_CNN.l2, cnn: { preset: 'medium', width: 1 } }),
  spec: (s) => cnnTrialSpec(s.cnn?.preset ?? 'medium', s.cnn?.width ?? 1, s.dropout, s.l2),
  describe: (s) => {
    const c = s.cnn ?? { preset: 'medium', width: 1 };
    return `CNN ${c.preset}${c.width !== 1 ? ` ×${c.width}` : ''}${s.dropout > 0 ? ` drop ${s.dropout}` : ''}`;
  },
};

/**
 * The text CNN on word-id sequences (the search prepares a sequence encoding of the text columns for
 * these trials, fitted on the training split like the TF-IDF one). Sampled only: a trial costs many
 * times a TF-IDF logistic regression's.
 */
const textcnn: SearchFamily = {
  label: 'Text CNN',
  modalities: ['text'],
  sampledOnly: true,
  sample: (space, pick) => ({
    hidden: [],
    dropout: pick(space.textCnn.dropout),
    textcnn: { embeddingDim: pick(space.textCnn.embeddingDims), filters: pick(space.textCnn.filters), kernel: pick(space.textCnn.kernels) },
  }),
  defaults: () => ({
    hidden: [],
    dropout: DEFAULT_TEXT_CNN.dropout,
    l2: DEFAULT_TEXT_CNN.l2,
    textcnn: { embeddingDim: DEFAULT_TEXT_CNN.embeddingDim, filters: DEFAULT_TEXT_CNN.filters, kernel: DEFAULT_TEXT_CNN.kernel },
  }),
  spec: (s) => {
    const sizes = s.textcnn ?? DEFAULT_TEXT_CNN;
    return { kind: 'textcnn', embeddingDim: sizes.embeddingDim, filters: sizes.filters, kernel: sizes.kernel, dropout: s.dropout, l2: s.l2 };
  },
  describe: (s) => {
    const sizes = s.textcnn ?? DEFAULT_TEXT_CNN;
    return `Text CNN emb ${sizes.embeddingDim}, ${sizes.filters}×${sizes.kernel}${s.dropout > 0 ? ` drop ${s.dropout}` : ''}`;
  },
};

/** Every family the search knows, by model name. One line adds one (see the note at the top). */
export const SEARCH_FAMILIES = { logreg, 'logreg-lbfgs': logregLbfgs, mlp, cnn, textcnn } satisfies Record<string, SearchFamily>;

export type SearchFamilyName = keyof typeof SEARCH_FAMILIES;
export const SEARCH_FAMILY_NAMES = Object.keys(SEARCH_FAMILIES) as SearchFamilyName[];

export function searchFamily(name: string): SearchFamily {
  const family = (SEARCH_FAMILIES as Record<string, SearchFamily | undefined>)[name];
  if (!family) throw new RangeError(`Unknown model family "${name}"; known: ${SEARCH_FAMILY_NAMES.join(', ')}.`);
  return family;
}

/** Families for a modality, in table order. */
export function familiesFor(modality: SearchModality): SearchFamilyName[] {
  return SEARCH_FAMILY_NAMES.filter((name) => SEARCH_FAMILIES[name].modalities.includes(modality));
}

/** The logistic regression default for numeric tables (text tables use 1 / (2 · rows), see models/text-defaults). */
export const TABLE_LOGREG_L2 = DEFAULT_LOGREG.l2;

/** The C grid of the full-batch logistic regression: `perDecade` points a decade from cMin to cMax (limits.json), 3 significant digits. */
export function logregCGrid(perDecade = FULL_BATCH_LOGREG.gridPerDecade): number[] {
  const from = Math.log10(FULL_BATCH_LOGREG.cMin);
  const steps = Math.round((Math.log10(FULL_BATCH_LOGREG.cMax) - from) * perDecade);
  return Array.from({ length: steps + 1 }, (_, i) => Number((10 ** (from + i / perDecade)).toPrecision(3)));
}

/** The families that queue a grid of trials (scored before the random brackets, outside the trial budget). */
export function gridFamilies(names: readonly SearchFamilyName[]): SearchFamilyName[] {
  return names.filter((name) => SEARCH_FAMILIES[name].grid !== undefined);
}

/** The families `auto` searches: those cheap enough to queue by default (not `sampledOnly`, e.g. not the text CNN). */
export function quickFamilies(names: readonly SearchFamilyName[]): SearchFamilyName[] {
  return names.filter((name) => !SEARCH_FAMILIES[name].sampledOnly);
}
