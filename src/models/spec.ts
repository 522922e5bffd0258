import { FULL_BATCH_LOGREG, inRange, MODEL_RANGES } from '../settings/limits';

/** What the user chose to train, as plain data (it lives in the notebook document and in exports). */
export type Activation = 'relu' | 'tanh' | 'elu' | 'sigmoid';

export interface LogisticRegressionSpec {
  kind: 'logreg';
  /** L2 penalty on the weights (sum of squares, per training example). */
  l2: number;
  /**
   * 'lbfgs': solved full-batch to tolerance in float64 (src/models/logistic-lbfgs.ts), as scikit-learn's
   * LogisticRegression; absent: trained by the mini-batch loop like every other model.
   */
  solver?: 'lbfgs';
  /** With solver 'lbfgs': scikit-learn's C (penalty 1/(2·C·n) per row on the n rows fitted); absent: `l2` applies. */
  c?: number;
}

/** Least-squares linear regression (regression tasks), solved in closed form; l2 is Ridge's α per training row. */
export interface LinearRegressionSpec {
  kind: 'linear';
  l2: number;
}

export interface MlpSpec {
  kind: 'mlp';
  hidden: number[];
  activation: Activation;
  dropout: number;
  l2: number;
}

export type CnnLayerSpec =
  | { type: 'conv'; filters: number; kernel: number; activation: Activation }
  | { type: 'maxpool'; size: number }
  | { type: 'dropout'; rate: number }
  | { type: 'batchnorm' }
  | { type: 'dense'; units: number; activation: Activation };

export interface CnnSpec {
  kind: 'cnn';
  layers: CnnLayerSpec[];
  l2: number;
}

/**
 * The text CNN: token ids → Embedding(embeddingDim) → Conv1D(filters, kernel, relu) → GlobalMaxPooling1D →
 * Dropout → Dense softmax. It reads the table's text columns as token-id sequences (the vocabulary and
 * sequence length are fitted on the training split, src/preprocess/text/tokenizer.ts).
 */
export interface TextCnnSpec {
  kind: 'textcnn';
  embeddingDim: number;
  filters: number;
  kernel: number;
  dropout: number;
  l2: number;
}

export type ModelSpec = LogisticRegressionSpec | LinearRegressionSpec | MlpSpec | CnnSpec | TextCnnSpec;
export type ModelChoice = 'auto' | ModelSpec['kind'];

/**
 * Defaults chosen by measurement: over 5 split seeds of the four bundled data sets, "auto" with these
 * settings is within 0.6 points of scikit-learn's LogisticRegression on average (see bench accuracy).
 */
export const DEFAULT_LOGREG: LogisticRegressionSpec = { kind: 'logreg', l2: 0.002 };
/** Plain least squares, as scikit-learn's LinearRegression. */
export const DEFAULT_LINEAR: LinearRegressionSpec = { kind: 'linear', l2: 0 };
/** The text CNN of the issue: Embedding 64 → Conv1D 128×5 → GlobalMaxPooling1D → Dropout 0.5 → Dense. */
export const DEFAULT_TEXT_CNN: TextCnnSpec = { kind: 'textcnn', embeddingDim: 64, filters: 128, kernel: 5, dropout: 0.5, l2: 0 };
export const DEFAULT_MLP: MlpSpec = { kind: 'mlp', hidden: [32], activation: 'relu', dropout: 0.2, l2: 0.001 };

/**
 * Two conv blocks with batch normalization: on a 5,000-image Fashion-MNIST subset it matches a
 * conv32-conv64 CNN's accuracy in about half the epochs at a third of the compute, which matters on
 * software GPUs (see scripts/measure/image-quality.mjs).
 */
export const DEFAULT_CNN: CnnSpec = {
  kind: 'cnn',
  l2: 0,
  layers: [
    { type: 'conv', filters: 16, kernel: 3, activation: 'relu' },
    { type: 'batchnorm' },
    { type: 'maxpool', size: 2 },
    { type: 'conv', filters: 32, kernel: 3, activation: 'relu' },
    { type: 'batchnorm' },
    { type: 'maxpool', size: 2 },
    { type: 'dropout', rate: 0.25 },
    { type: 'dense', units: 128, activation: 'relu' },
    { type: 'dropout', rate: 0.3 },
  ],
};

export function describeModel(spec: ModelSpec): string {
  switch (spec.kind) {
    case 'logreg':
      return spec.solver === 'lbfgs' ? `Logistic regression (softmax, L-BFGS${spec.c !== undefined ? `, C ${spec.c}` : ''})` : 'Logistic regression (softmax)';
    case 'linear':
      return spec.l2 > 0 ? `Linear regression (ridge, L2 ${spec.l2})` : 'Linear regression (least squares)';
    case 'mlp':
      return `MLP ${spec.hidden.join('→')} (${spec.activation}${spec.dropout > 0 ? `, dropout ${spec.dropout}` : ''})`;
    case 'textcnn':
      return `Text CNN (embedding ${spec.embeddingDim}, conv${spec.filters}×${spec.kernel}, global max pool${spec.dropout > 0 ? `, dropout ${spec.dropout}` : ''})`;
    case 'cnn':
      return `CNN ${spec.layers.map((l) => (l.type === 'conv' ? `conv${l.filters}` : l.type === 'dense' ? `fc${l.units}` : l.type === 'maxpool' ? 'pool' : l.type)).join('-')}`;
  }
}

/** Checks a spec from an untrusted place (URL, file, form) and says what is wrong. */
export function validateModelSpec(spec: ModelSpec): string | null {
  const R = MODEL_RANGES;
  const rate = (r: number) => inRange(r, R.dropout);
  const units = (u: number) => inRange(u, R.units);
  const dropout = `Dropout must be from 0 to ${R.dropout.max}.`;
  if (!inRange(spec.l2, R.l2)) return `L2 penalty must be between ${R.l2.min} and ${R.l2.max}.`;
  if (spec.kind === 'logreg' && spec.c !== undefined && !(spec.c >= FULL_BATCH_LOGREG.cMin && spec.c <= FULL_BATCH_LOGREG.cMax)) {
    return `C (the inverse L2 strength) must be from ${FULL_BATCH_LOGREG.cMin} to ${FULL_BATCH_LOGREG.cMax}.`;
  }
  if (spec.kind === 'mlp') {
    if (spec.hidden.length > R.hiddenLayers.max) return `An MLP here has at most ${R.hiddenLayers.max} hidden layers.`;
    if (!spec.hidden.every(units)) return `Each hidden layer needs a whole number of units between 1 and ${R.units.max}.`;
    if (!rate(spec.dropout)) return dropout;
  }
  if (spec.kind === 'textcnn') {
    if (!units(spec.embeddingDim) || !units(spec.filters)) return `The text CNN needs 1–${R.units.max} embedding dimensions and filters.`;
    if (!inRange(spec.kernel, R.kernel)) return `The text CNN's kernel must be ${R.kernel.min}–${R.kernel.max} tokens wide.`;
    if (!rate(spec.dropout)) return dropout;
  }
  if (spec.kind === 'cnn') {
    if (spec.layers.length > R.cnnLayers.max) return `A CNN here has at most ${R.cnnLayers.max} layers.`;
    for (const layer of spec.layers) {
      if (layer.type === 'conv' && (!units(layer.filters) || !inRange(layer.kernel, R.kernel))) return `Conv layers need 1–${R.units.max} filters and a kernel of ${R.kernel.min}–${R.kernel.max}.`;
      if (layer.type === 'dense' && !units(layer.units)) return `Dense layers need 1–${R.units.max} units.`;
      if (layer.type === 'dropout' && !rate(layer.rate)) return dropout;
      if (layer.type === 'maxpool' && !inRange(layer.size, R.poolSize)) return `Pooling size must be ${R.poolSize.min}–${R.poolSize.max}.`;
    }
  }
  return null;
}
