/**
 * One WGSL compute kernel for a dense layer's inference, y = activation(x · W + b), templated by the
 * precision its buffers hold: `f16` (needs the adapter's "shader-f16" feature and `enable f16;`) or
 * `f32`. The same source serves both, so the f32 instantiation — testable on any WebGPU device,
 * SwiftShader included — exercises the code path the f16 one takes on hardware that has it.
 *
 * Products are taken in the buffer precision and summed in f32 (mixed precision, as GPUs' f16 matrix
 * units do): a long dot product summed in f16 would lose the small terms.
 */
export type ShaderPrecision = 'f16' | 'f32';

/** Activation codes the kernel knows (softmax is applied afterwards, in float64, on the host). */
export const ACTIVATION_CODES = { linear: 0, relu: 1, tanh: 2, sigmoid: 3, elu: 4, selu: 5 } as const;
export type KernelActivation = keyof typeof ACTIVATION_CODES;

export const WORKGROUP_SIZE = 64;

export function denseShader(precision: ShaderPrecision): string {
  return `${precision === 'f16' ? 'enable f16;\n' : ''}
struct Dims {
  rows: u32,
  inputs: u32,
  outputs: u32,
  activation: u32,
}

@group(0) @binding(0) var<storage, read> x: array<${precision}>;        // rows × inputs
@group(0) @binding(1) var<storage, read> kernel: array<${precision}>;   // inputs × outputs (TF.js layout)
@group(0) @binding(2) var<storage, read> bias: array<${precision}>;     // outputs
@group(0) @binding(3) var<storage, read_write> y: array<${precision}>;  // rows × outputs
@group(0) @binding(4) var<uniform> dims: Dims;

fn activate(v: f32) -> f32 {
  switch dims.activation {
    case 1u: { return max(v, 0.0); }
    case 2u: { return tanh(clamp(v, -20.0, 20.0)); }  // some drivers overflow exp() inside tanh
    case 3u: { return 1.0 / (1.0 + exp(-v)); }
    case 4u: { return select(exp(v) - 1.0, v, v > 0.0); }
    case 5u: { return 1.0507009873554805 * select(1.6732632423543772 * (exp(v) - 1.0), v, v > 0.0); }
    default: { return v; }
  }
}

@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  // Two-dimensional dispatch: more than 65,535 workgroups of outputs spill into y.
  let index = id.x + id.y * groups.x * ${WORKGROUP_SIZE}u;
  if (index >= dims.rows * dims.outputs) {
    return;
  }
  let row = index / dims.outputs;
  let o = index % dims.outputs;
  var sum: f32 = f32(bias[o]);
  let base = row * dims.inputs;
  for (var i: u32 = 0u; i < dims.inputs; i = i + 1u) {
    sum = sum + f32(x[base + i] * kernel[i * dims.outputs + o]);
  }
  y[index] = ${precision}(activate(sum));
}
`;
}
