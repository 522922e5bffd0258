import type { ModelSpec } from '../../models/spec';
import type { BackendProbe } from '../backends';
import type { BackendDecision } from '../calibration';
import { relaxedAvailable, simdAvailable } from './kernels';

/** Kernel weights of a dense net on `inputs` features (the class count taken as 2; it barely matters here). */
export function denseWeightCount(spec: ModelSpec, inputs: number): number {
  const widths = [inputs, ...(spec.kind === 'mlp' ? spec.hidden : []), 2];
  let total = 0;
  for (let i = 0; i + 1 < widths.length; i++) total += widths[i] * widths[i + 1];
  return total;
}

/**
 * Above this many weight × batch-row products per step a hardware GPU's arithmetic outweighs TF.js's
 * per-kernel dispatch cost (~3 ms a step), so "auto" calibrates; below it the fused trainer wins.
 */
const FUSED_OVER_GPU_MAX_WORK = 5_000_000;

/**
 * "auto" for a table model the fused WASM trainer covers (logistic regression, ReLU MLP): WASM without
 * a calibration run, when no hardware GPU could beat it (none, or the network is small). Otherwise null.
 */
export function fusedBackendDecision(shape: { exampleShape: number[]; batchSize: number; spec: ModelSpec }, probes: BackendProbe[]): BackendDecision | null {
  const { spec } = shape;
  if (spec.kind === 'cnn' || (spec.kind === 'mlp' && spec.activation !== 'relu')) return null;
  if (!probes.find((p) => p.name === 'wasm')?.available || !simdAvailable()) return null;
  const weights = denseWeightCount(spec, shape.exampleShape[0] ?? 1);
  const hardwareGpu = probes.some((p) => (p.name === 'webgpu' || p.name === 'webgl') && p.available && !p.software);
  if (hardwareGpu && weights * shape.batchSize > FUSED_OVER_GPU_MAX_WORK) return null;
  return {
    backend: 'wasm',
    reason: `WASM: a dense network of ${weights.toLocaleString('en-US')} weights trains fastest in the fused WASM SIMD trainer${relaxedAvailable() ? ' with relaxed-SIMD fused multiply-add' : ''} (one call sequence per batch instead of ~120 TF.js kernels), so no calibration was needed.`,
  };
}
