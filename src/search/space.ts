import type { ModelSpec } from '../models/spec';
import type { TrainSettings } from '../train/settings';

/** One configuration a search tries, as plain data (runner JSON, notebook, leaderboard). */
export interface TrialSettings {
  family: 'logreg' | 'mlp';
  /** MLP hidden layer sizes (empty for logistic regression). */
  hidden: number[];
  learningRate: number;
  l2: number;
  dropout: number;
  batchSize: number;
  /** Most epochs at the last rung; each run stops early after `patience` epochs without a better validation loss. */
  epochs: number;
  patience: number;
}

/** What a search may try; built from the data by `searchSpaceFor`. */
export interface SearchSpace {
  families: TrialSettings['family'][];
  hidden: number[][];
  /** Log-uniform range. */
  learningRate: [number, number];
  /** Log-uniform range; `l2Zero` is the chance of no penalty at all. */
  l2: [number, number];
  l2Zero: number;
  dropout: number[];
  batchSizes: number[];
  maxEpochs: number;
  patience: number;
}

export interface DataShape {
  /** Rows the search trains and validates on (never the test rows). */
  rows: number;
  /** Model inputs after preparation (one-hot columns counted). */
  inputs: number;
  classes: number;
}

/**
 * The space depends on the data: wider layers only when there are rows to fit them, batch sizes no
 * larger than a fold's training rows, and more epochs for small tables (few steps per epoch).
 */
export function searchSpaceFor(shape: DataShape): SearchSpace {
  const { rows } = shape;
  const hidden: number[][] = [[16], [32], [64]];
  if (rows >= 300) hidden.push([64, 32], [128]);
  if (rows >= 3000) hidden.push([128, 64], [256]);
  const batchSizes = [16, 32, 64, 128, 256].filter((b) => b <= Math.max(16, rows / 4));
  return {
    families: ['logreg', 'mlp'],
    hidden,
    learningRate: [1e-3, 5e-2],
    l2: [1e-5, 3e-2],
    l2Zero: 0.15,
    dropout: [0, 0.1, 0.2, 0.3, 0.5],
    batchSizes: rows >= 5000 ? batchSizes.filter((b) => b >= 32) : batchSizes,
    maxEpochs: rows <= 1000 ? 150 : rows <= 10_000 ? 60 : 25,
    patience: rows <= 1000 ? 20 : 8,
  };
}

/** The model the settings describe. */
export function trialModelSpec(s: TrialSettings): ModelSpec {
  if (s.family === 'logreg') return { kind: 'logreg', l2: s.l2 };
  return { kind: 'mlp', hidden: [...s.hidden], activation: 'relu', dropout: s.dropout, l2: s.l2 };
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
  const model = s.family === 'logreg' ? 'logreg' : `MLP ${s.hidden.join('→')}${s.dropout > 0 ? ` drop ${s.dropout}` : ''}`;
  return `${model}, lr ${s.learningRate.toPrecision(2)}, L2 ${s.l2 === 0 ? '0' : s.l2.toPrecision(2)}, batch ${s.batchSize}`;
}
