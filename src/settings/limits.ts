/**
 * One table of limits, defaults' bounds and allowed values (src/settings/limits.json), read by the
 * notebook schema, the runtime checks (validateTrainSettings, validateModelSpec, image settings), the
 * UI controls (NumberField min/max) and the runner (scripts/tau imports the JSON). A document, link
 * or flag can choose values inside these ranges; none can widen them.
 */
import table from './limits.json' with { type: 'json' };

export interface Range {
  min: number;
  max: number;
  integer: boolean;
}

export const TRAIN_RANGES: Record<'learningRate' | 'batchSize' | 'epochs' | 'patience' | 'reduceLearningRateAfter' | 'seed', Range> = table.train;
export const PREPARE_RANGES: Record<'testFraction' | 'validationFraction' | 'seed' | 'maxCategories', Range> = table.prepare;
export const MODEL_RANGES: Record<'units' | 'hiddenLayers' | 'cnnLayers' | 'kernel' | 'poolSize' | 'dropout' | 'l2', Range> = table.model;
export const IMAGE_RANGES: Record<'size' | 'shift' | 'rotation', Range> = table.image;
/** Image safety caps (bytes of an archive, pixels of one decoded image): a document can lower them, never raise them. */
export const IMAGE_CAPS = { maxTotalBytes: table.image.maxTotalBytes, maxPixelsPerImage: table.image.maxPixelsPerImage } as const;
export const DOCUMENT_LIMITS = table.document;
export const PARAMETER_BUDGET = {
  maxBytes: table.parameters.maxBytes,
  bytesPerParameter: table.parameters.bytesPerParameter,
  maxParameters: Math.floor(table.parameters.maxBytes / table.parameters.bytesPerParameter),
} as const;
export const AUTO_LOAD = table.autoLoad;
/** The full-batch logistic regression's work cap, stopping rule and C range (src/models/logistic-lbfgs.ts). */
export const FULL_BATCH_LOGREG: { maxCells: number; maxIterations: number; tolerance: number; cMin: number; cMax: number; gridPerDecade: number } = table.fullBatchLogreg;
/** How often progress reaches the page (the worker's drop of batch updates and the store's batching). */
export const PROGRESS_INTERVAL_MS: number = table.progress.intervalMs;

/** True when `v` lies in `range` (and is whole where the range says so). */
export function inRange(v: number, range: Range): boolean {
  return Number.isFinite(v) && v >= range.min && v <= range.max && (!range.integer || Number.isInteger(v));
}

const format = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** "Batch size must be a whole number from 1 to 65,536." */
export function rangeMessage(label: string, range: Range): string {
  return `${label} must be ${range.integer ? 'a whole number' : 'a number'} from ${format(range.min)} to ${format(range.max)}.`;
}

/** The range check as a message, or null. */
export function checkRange(label: string, v: number, range: Range): string | null {
  return inRange(v, range) ? null : rangeMessage(label, range);
}

export function formatParameters(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} million` : n.toLocaleString('en-US');
}

/** Says why a model of `parameters` weights is refused, or null when it fits the budget. */
export function checkParameterBudget(parameters: number, what = 'This model'): string | null {
  if (Number.isFinite(parameters) && parameters <= PARAMETER_BUDGET.maxParameters) return null;
  const mb = (PARAMETER_BUDGET.maxBytes / 1024 / 1024).toFixed(0);
  const shown = Number.isFinite(parameters) ? formatParameters(parameters) : 'an unbounded number of';
  return `${what} has ${shown} parameters (${Number.isFinite(parameters) ? ((parameters * 4) / 1024 / 1024).toFixed(0) : '∞'} MB as float32); Tau Studio builds models of at most ${formatParameters(PARAMETER_BUDGET.maxParameters)} parameters (${mb} MB). Use fewer or smaller layers.`;
}
