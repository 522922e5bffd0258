import type { ModelSpec } from '../models/spec';
import type { TrainSettings } from '../train/settings';
import type { CnnPresetId } from '../train/image-presets';
import { fullBatchFits } from '../models/logistic-lbfgs';
import { familiesFor, logregCGrid, searchFamily, TABLE_LOGREG_L2, type FamilySpace, type SearchFamilyName, type SearchModality, type TextCnnTrialSettings } from './families';

/** Text preparation a trial uses (text modality only): TF-IDF vocabulary size and the longest word n-gram. */
export interface TextTrialSettings {
  vocabulary: number;
  ngrams: number;
}

/** One configuration a search tries, as plain data (runner JSON, notebook, leaderboard). */
export interface TrialSettings {
  /** A model family by name (src/search/families.ts). */
  family: SearchFamilyName;
  /** MLP hidden layer sizes (empty for other families). */
  hidden: number[];
  learningRate: number;
  l2: number;
  dropout: number;
  batchSize: number;
  /** Most epochs at the last rung; each run stops early after `patience` epochs without a better validation loss. */
  epochs: number;
  patience: number;
  /** CNN families: the preset and its conv filter multiplier. */
  cnn?: { preset: CnnPresetId; width: number };
  /** Text CNN family: embedding size, conv filters and kernel width. */
  textcnn?: TextCnnTrialSettings;
  /** Tables with text columns: how the text is turned into inputs (refit per setting, on the training split). */
  text?: TextTrialSettings;
  /** Full-batch logistic regression: scikit-learn's C (its penalty; `l2` is then 0 and unused). */
  c?: number;
}

/** What a search may try; built from the data by `searchSpaceFor`. */
export interface SearchSpace extends FamilySpace {
  families: SearchFamilyName[];
  /** Log-uniform range. */
  learningRate: [number, number];
  /** Log-uniform range; `l2Zero` is the chance of no penalty at all. */
  l2: [number, number];
  l2Zero: number;
  batchSizes: number[];
  maxEpochs: number;
  patience: number;
  /** Text modality: vocabulary sizes and longest n-grams to try (the first of each is the default). */
  text: { vocabularies: number[]; ngrams: number[] } | null;
}

export interface DataShape {
  /** Rows the search trains and validates on (never the test rows). */
  rows: number;
  /** Model inputs after preparation (one-hot columns counted). */
  inputs: number;
  classes: number;
  /** Default 'table'. */
  modality?: SearchModality;
  /** Text modality: the vocabulary size the user set (the default trial uses it). */
  textVocabulary?: number;
  /** Text modality: the longest word n-gram the user set (default 2). */
  textNgrams?: number;
}

/**
 * The space depends on the data: wider layers only when there are rows to fit them, batch sizes no
 * larger than a fold's training rows, and more epochs for small tables (few steps per epoch). Images
 * search CNN presets and widths with Adam rates around 1e-3 and few epochs (each costs far more); text
 * tables also search the TF-IDF vocabulary size and uni- vs bigrams.
 */
export function searchSpaceFor(shape: DataShape): SearchSpace {
  const { rows } = shape;
  const modality = shape.modality ?? 'table';
  const hidden: number[][] = [[16], [32], [64]];
  if (rows >= 300) hidden.push([64, 32], [128]);
  if (rows >= 3000) hidden.push([128, 64], [256]);
  const batchSizes = [16, 32, 64, 128, 256].filter((b) => b <= Math.max(16, rows / 4));
  // Tables small enough for the exact solver search it (a C grid) instead of the mini-batch logistic regression.
  const exact = modality === 'table' && fullBatchFits(rows, Math.max(1, shape.inputs));
  const common = {
    families: familiesFor(modality).filter((f) => (exact ? f !== 'logreg' : f !== 'logreg-lbfgs')),
    logregCs: logregCGrid(),
    hidden,
    dropout: [0, 0.1, 0.2, 0.3, 0.5],
    cnnPresets: ['small', 'medium'] as CnnPresetId[],
    cnnWidths: [0.5, 1, 2],
    defaultLogregL2: modality === 'text' ? Number((1 / (2 * Math.max(1, rows))).toPrecision(3)) : TABLE_LOGREG_L2,
    textCnn: { embeddingDims: [32, 64, 128], filters: [64, 128, 256], kernels: [3, 5], dropout: [0.3, 0.5] },
    text: null,
  };
  if (modality === 'image') {
    return {
      ...common,
      learningRate: [3e-4, 3e-3],
      l2: [1e-6, 1e-3],
      l2Zero: 0.5,
      dropout: [0, 0.25, 0.4],
      batchSizes: [32, 64].filter((b) => b <= Math.max(32, rows / 4)),
      maxEpochs: rows <= 2000 ? 20 : 12,
      patience: 4,
    };
  }
  const vocabulary = shape.textVocabulary ?? 20_000;
  return {
    ...common,
    learningRate: [1e-3, 5e-2],
    // Text inputs are unit-length TF-IDF rows over thousands of terms: a linear model needs weaker penalties.
    l2: modality === 'text' ? [1e-6, 1e-2] : [1e-5, 3e-2],
    l2Zero: 0.15,
    batchSizes: rows >= 5000 ? batchSizes.filter((b) => b >= 32) : batchSizes,
    maxEpochs: rows <= 1000 ? 150 : rows <= 10_000 ? 60 : 25,
    patience: rows <= 1000 ? 20 : 8,
    text:
      modality === 'text'
        ? { vocabularies: [...new Set([vocabulary, 2000, 5000, 20_000].filter((v) => v <= vocabulary))], ngrams: shape.textNgrams === 1 ? [1, 2] : [shape.textNgrams ?? 2, 1] }
        : null,
  };
}

/** The model the settings describe. */
export function trialModelSpec(s: TrialSettings): ModelSpec {
  return searchFamily(s.family).spec(s);
}

/** Training settings for one run of a trial: `epochs` (the rung's) and `seed` (the trial's) override. */
export function trialTrainSettings(s: TrialSettings, base: TrainSettings, epochs: number, seed: number): TrainSettings {
  return {
    ...base,
    optimizer: 'adam',
    learningRate: s.learningRate,
    batchSize: s.batchSize,
    epochs,
    earlyStopping: true,
    patience: Math.min(s.patience, Math.max(1, epochs)),
    reduceLearningRateAfter: 0,
    seed,
  };
}

export function describeTrial(s: TrialSettings): string {
  const text = s.text ? `, vocab ${s.text.vocabulary} ${s.text.ngrams === 1 ? 'words' : `1–${s.text.ngrams}-grams`}` : '';
  if (s.c !== undefined) return `${searchFamily(s.family).describe(s)}${text}`;
  return `${searchFamily(s.family).describe(s)}, lr ${s.learningRate.toPrecision(2)}, L2 ${s.l2 === 0 ? '0' : s.l2.toPrecision(2)}, batch ${s.batchSize}${text}`;
}
