/**
 * Where a training run can continue from after its device failed: the state at the end of the last
 * completed epoch, as plain arrays (no tensors: the backend that held them may be gone). Both training
 * loops (TF.js and fused) write one after every epoch when asked to, and start from one when given it.
 * The optimizer's moments are not kept (Adam restarts them); weights, the best epoch so far, the
 * learning-rate schedule and the shuffle stream are.
 */
import type { EpochRecord } from './train-loop';

export interface ResumePoint {
  /** Epochs completed (the run continues with epoch `epoch + 1`). */
  epoch: number;
  history: EpochRecord[];
  /** The model's weights at the end of that epoch, in model.getWeights() order. */
  weights: Float32Array[];
  /** The best epoch so far and its weights (for early stopping and the kept model). */
  best: { loss: number; epoch: number; weights: Float32Array[] } | null;
  learningRate: number;
  lastReduction: number;
  samplesSeen: number;
  /** Training seconds spent before the failure. */
  seconds: number;
}

/** Copies of typed arrays (a backend may hand out its own storage). */
export function copyArrays(arrays: readonly Float32Array[]): Float32Array[] {
  return arrays.map((a) => Float32Array.from(a));
}
