import { installFastWasmMatMul } from './wasm-matmul';
import { installFastWasmSlice } from './wasm-slice';
import { installFastWasmMaxPoolGrad } from './wasm-maxpool-grad';
import { installWasmConvGradients } from './wasm-conv-filter';
import { installWasmUnsortedSegmentSum } from './wasm-unsorted-segment-sum';
import { installFastWasmSum } from './wasm-sum';
import { installSharedWasmIdentity } from './wasm-identity';
import { installFastWasmGather } from './wasm-gather';

/**
 * Kernel fixes for TF.js 4.22's WASM backend, installed before it initializes. Order matters: the
 * convolution gradients call BatchMatMul through the registry, so the matMul wrapper goes first.
 * Returns the fixes that could not be installed (empty when all are active).
 */
export function installWasmKernelPatches(): string[] {
  const missing: string[] = [];
  if (!installFastWasmMatMul()) missing.push('XNNPACK for transposed matMul');
  if (!installFastWasmSlice()) missing.push('contiguous Slice without a full copy');
  if (!installFastWasmMaxPoolGrad()) missing.push('one-pass MaxPoolGrad');
  if (!installWasmConvGradients()) missing.push('convolution gradients (CNNs cannot train on WASM)');
  if (!installWasmUnsortedSegmentSum()) missing.push('UnsortedSegmentSum (embedding gradients)');
  if (!installFastWasmSum()) missing.push('bias-gradient Sum without a transpose');
  if (!installSharedWasmIdentity()) missing.push('Identity without a copy (tensors saved for gradients)');
  if (!installFastWasmGather()) missing.push('row Gather by copies (batches)');
  return missing;
}
