import { aleaState } from './alea';
import { GEMM_BIAS, GEMM_RELU, relaxedAvailable, scalarKernels, simdAvailable, wasmKernels, type DenseKernels } from './kernels';
import { maxOf } from '../../lib/arrays';

/** A dense network: ReLU hidden layers (each optionally followed by inverted dropout), softmax output. */
export interface DenseNetPlan {
  inputs: number;
  hidden: { units: number; dropout: number }[];
  classes: number;
}

export interface DenseOptimizer {
  kind: 'adam' | 'sgd';
  /** TF.js backend epsilon (Adam). */
  epsilon: number;
  /** L2 penalty λ·Σw² over the kernels (not biases), added to the mean loss. */
  l2: number;
}

export interface BatchResult {
  /** Mean cross-entropy over the batch plus the L2 penalty, as TF.js's training step reports it. */
  loss: number;
  correct: number;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const MOMENTUM = 0.9;
const CLIP = Math.fround(1e-7);
const CLIP_HIGH = Math.fround(1 - 1e-7);
/** Largest memory the trainer asks for (bytes); bigger networks/batches stay on TF.js. */
export const FUSED_MAX_BYTES = 512 * 2 ** 20;

const pad = (n: number, to: number) => Math.ceil(n / to) * to;

/**
 * Forward, backward and the optimizer update of a whole batch in a handful of kernel calls over flat,
 * preallocated buffers in one WebAssembly memory — instead of ~120 TF.js kernel dispatches per step.
 * Layer widths are padded to multiples of 8 and the batch to a multiple of 4 with zeros (padded units
 * stay exactly zero: zero weights, zero gradients), so the SIMD loops have no scalar tails.
 * Layout: all kernels, then all biases (weights, gradients and the two moment buffers alike), so the
 * L2 term and the optimizer run as two calls over contiguous ranges.
 */
export class FusedDenseTrainer {
  readonly kernels: DenseKernels;
  /** Whether the kernels are the relaxed-SIMD (FMA) module. */
  readonly fma: boolean;
  private readonly dims: number[];
  private readonly padded: number[];
  private readonly capacity: number;
  private readonly kernelOffsets: number[] = [];
  private readonly biasOffsets: number[] = [];
  private readonly kernelCount: number;
  private readonly paramCount: number;
  private readonly params: number;
  private readonly grads: number;
  private readonly moment1: number;
  private readonly moment2: number;
  private readonly input: number;
  private readonly acts: number[] = [];
  private readonly masks: number[] = [];
  private readonly deltaA: number;
  private readonly deltaB: number;
  private readonly transposed: number;
  private step = 0;

  static bytesNeeded(plan: DenseNetPlan, batchCapacity: number): number {
    const dims = [plan.inputs, ...plan.hidden.map((h) => h.units), plan.classes];
    const padded = dims.map((d) => pad(d, 8));
    const rows = pad(batchCapacity, 4);
    let params = 0;
    let maxSquare = 0;
    for (let l = 0; l + 1 < padded.length; l++) {
      params += padded[l] * padded[l + 1] + padded[l + 1];
      maxSquare = Math.max(maxSquare, padded[l] * padded[l + 1]);
    }
    const widest = maxOf(padded);
    const activations = padded.slice(1).reduce((a, b) => a + b, 0) * rows;
    return 4 * (16 + 4 * params + rows * padded[0] + 2 * activations + 2 * rows * widest + maxSquare) + 2 ** 16;
  }

  constructor(
    readonly plan: DenseNetPlan,
    batchCapacity: number,
    private readonly optimizer: DenseOptimizer,
    kind: 'wasm' | 'scalar' = simdAvailable() ? 'wasm' : 'scalar',
    /** fma: the relaxed-SIMD kernels (fused multiply-add) where the engine has them; default wherever it does. */
    { fma = relaxedAvailable() }: { fma?: boolean } = {},
  ) {
    this.dims = [plan.inputs, ...plan.hidden.map((h) => h.units), plan.classes];
    this.padded = this.dims.map((d) => pad(d, 8));
    this.capacity = pad(batchCapacity, 4);
    const bytes = FusedDenseTrainer.bytesNeeded(plan, batchCapacity);
    if (bytes > FUSED_MAX_BYTES) throw new Error(`The fused trainer would need ${bytes} bytes (limit ${FUSED_MAX_BYTES}).`);
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
    this.kernels = kind === 'wasm' ? wasmKernels(memory, fma) : scalarKernels(memory);
    this.fma = kind === 'wasm' && fma && relaxedAvailable();
    let next = 16; // offset 0 means "no mask"
    const take = (floats: number) => {
      const at = next;
      next += floats * 4;
      return at;
    };
    const layers = this.dims.length - 1;
    let offset = 0;
    for (let l = 0; l < layers; l++) {
      this.kernelOffsets.push(offset);
      offset += this.padded[l] * this.padded[l + 1];
    }
    this.kernelCount = offset;
    for (let l = 0; l < layers; l++) {
      this.biasOffsets.push(offset);
      offset += this.padded[l + 1];
    }
    this.paramCount = offset;
    this.params = take(this.paramCount);
    this.grads = take(this.paramCount);
    this.moment1 = take(this.paramCount);
    this.moment2 = take(this.paramCount);
    this.input = take(this.capacity * this.padded[0]);
    for (let l = 0; l < layers; l++) {
      this.acts.push(take(this.capacity * this.padded[l + 1]));
      this.masks.push(l < plan.hidden.length && plan.hidden[l].dropout > 0 ? take(this.capacity * this.padded[l + 1]) : 0);
    }
    const widest = maxOf(this.padded);
    this.deltaA = take(this.capacity * widest);
    this.deltaB = take(this.capacity * widest);
    let maxSquare = 0;
    for (let l = 0; l < layers; l++) maxSquare = Math.max(maxSquare, this.padded[l] * this.padded[l + 1]);
    this.transposed = take(maxSquare);
    if (next > memory.buffer.byteLength) throw new Error('fused trainer: memory layout exceeds its allocation');
  }

  private f32(): Float32Array {
    return new Float32Array(this.kernels.memory.buffer);
  }

  /** Loads TF.js-shaped weights: [kernel0 (in×out), bias0, kernel1, bias1, …]. Resets the optimizer. */
  setWeights(weights: Float32Array[]): void {
    const layers = this.dims.length - 1;
    if (weights.length !== 2 * layers) throw new Error(`fused trainer: expected ${2 * layers} weight arrays, got ${weights.length}`);
    const x = this.f32();
    x.fill(0, this.params >> 2, (this.params >> 2) + 4 * this.paramCount);
    for (let l = 0; l < layers; l++) {
      const [rows, cols, ld] = [this.dims[l], this.dims[l + 1], this.padded[l + 1]];
      const kernel = weights[2 * l];
      const bias = weights[2 * l + 1];
      if (kernel.length !== rows * cols || bias.length !== cols) throw new Error(`fused trainer: layer ${l} weights have the wrong size`);
      const base = (this.params >> 2) + this.kernelOffsets[l];
      for (let r = 0; r < rows; r++) x.set(kernel.subarray(r * cols, (r + 1) * cols), base + r * ld);
      x.set(bias, (this.params >> 2) + this.biasOffsets[l]);
    }
    this.step = 0;
  }

  /** The weights in TF.js order and shapes (copies). */
  getWeights(): Float32Array[] {
    const x = this.f32();
    const out: Float32Array[] = [];
    for (let l = 0; l + 1 < this.dims.length; l++) {
      const [rows, cols, ld] = [this.dims[l], this.dims[l + 1], this.padded[l + 1]];
      const base = (this.params >> 2) + this.kernelOffsets[l];
      const kernel = new Float32Array(rows * cols);
      for (let r = 0; r < rows; r++) kernel.set(x.subarray(base + r * ld, base + r * ld + cols), r * cols);
      out.push(kernel, x.slice((this.params >> 2) + this.biasOffsets[l], (this.params >> 2) + this.biasOffsets[l] + cols));
    }
    return out;
  }

  /** Copies the listed example rows (row-major features, `inputs` values each) into the input buffer. */
  loadRows(features: Float32Array, rows: ArrayLike<number>, start: number, count: number): void {
    if (count > this.capacity) throw new Error(`fused trainer: ${count} rows exceed the batch capacity ${this.capacity}`);
    const x = this.f32();
    const width = this.dims[0];
    const ld = this.padded[0];
    const base = this.input >> 2;
    for (let i = 0; i < count; i++) {
      const r = rows[start + i];
      x.set(features.subarray(r * width, (r + 1) * width), base + i * ld);
    }
    // Rows past the batch (up to the padded height) must be zero: they are multiplied but never read.
    x.fill(0, base + count * ld, base + pad(count, 4) * ld);
  }

  /** Forward pass of the loaded rows; `random` draws one dropout seed per dropout layer (training only). */
  private forward(count: number, random: (() => number) | null): void {
    const k = this.kernels;
    const rows = pad(count, 4);
    let input = this.input;
    const layers = this.dims.length - 1;
    if (random) this.fillMasks(count, random);
    for (let l = 0; l < layers; l++) {
      const hidden = l < layers - 1;
      const flags = GEMM_BIAS | (hidden ? GEMM_RELU : 0);
      k.gemm(
        input,
        this.padded[l],
        1,
        this.params + 4 * this.kernelOffsets[l],
        this.padded[l + 1],
        this.acts[l],
        this.padded[l + 1],
        rows,
        this.padded[l + 1],
        this.dims[l],
        this.params + 4 * this.biasOffsets[l],
        flags,
      );
      if (hidden && random && this.masks[l]) k.mul(this.acts[l], this.masks[l], rows * this.padded[l + 1]);
      input = this.acts[l];
    }
  }

  /**
   * TF.js's dropout masks, one seed per dropout layer drawn in layer order (as the layer-by-layer forward
   * pass draws them): floor(u + keep) / keep with u from alea(String(seed)), row-major over [count, units],
   * in f32. Layers go two at a time through dropout_mask2 (two generator chains in parallel).
   */
  private fillMasks(count: number, random: () => number): void {
    const layers: number[] = [];
    for (let l = 0; l < this.plan.hidden.length; l++) if (this.masks[l]) layers.push(l);
    const seeds = layers.map(() => random());
    const f = Math.fround;
    for (let i = 0; i < layers.length; i += 2) {
      const a = layers[i];
      const b = i + 1 < layers.length ? layers[i + 1] : -1;
      const keepA = f(1 - this.plan.hidden[a].dropout);
      const [a0, a1, a2] = aleaState(String(seeds[i]));
      const keepB = b >= 0 ? f(1 - this.plan.hidden[b].dropout) : 1;
      const [b0, b1, b2] = b >= 0 ? aleaState(String(seeds[i + 1])) : [0, 0, 0];
      this.kernels.dropout_mask2(
        count,
        this.masks[a],
        this.dims[a + 1],
        this.padded[a + 1],
        a0,
        a1,
        a2,
        keepA,
        f(1 / keepA),
        b >= 0 ? this.masks[b] : 0,
        b >= 0 ? this.dims[b + 1] : 0,
        b >= 0 ? this.padded[b + 1] : 0,
        b0,
        b1,
        b2,
        keepB,
        f(1 / keepB),
      );
    }
    const x = this.f32();
    for (const l of layers) {
      const ld = this.padded[l + 1];
      const base = (this.masks[l] >> 2) + count * ld;
      x.fill(0, base, base + (pad(count, 4) - count) * ld);
    }
  }

  /**
   * Softmax + cross-entropy of the loaded rows against `labels[start…start+count)` (clipped to
   * [1e-7, 1 − 1e-7] as the studio's loss); writes dLoss/dLogits (mean over the batch) when `delta` is set.
   */
  private softmaxLoss(count: number, labels: ArrayLike<number>, start: number, delta: number): { lossSum: number; correct: number } {
    const x = this.f32();
    const classes = this.dims[this.dims.length - 1];
    const ld = this.padded[this.padded.length - 1];
    const logits = this.acts[this.acts.length - 1] >> 2;
    const d = delta >> 2;
    const scale = Math.fround(1 / count);
    const p = new Float64Array(classes);
    let lossSum = 0;
    let correct = 0;
    if (delta) x.fill(0, d, d + pad(count, 4) * ld);
    for (let i = 0; i < count; i++) {
      const row = logits + i * ld;
      let max = x[row];
      for (let c = 1; c < classes; c++) if (x[row + c] > max) max = x[row + c];
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        p[c] = Math.fround(Math.exp(Math.fround(x[row + c] - max)));
        sum = Math.fround(sum + p[c]);
      }
      let best = 0;
      for (let c = 0; c < classes; c++) {
        p[c] = Math.fround(p[c] / sum);
        if (p[c] > p[best]) best = c;
      }
      const truth = labels[start + i];
      if (best === truth) correct++;
      const pt = p[truth];
      lossSum -= Math.fround(Math.log(Math.min(CLIP_HIGH, Math.max(CLIP, pt))));
      // The clip's gradient is zero outside [1e-7, 1 − 1e-7]: such a row contributes nothing.
      if (delta && pt >= CLIP && pt <= CLIP_HIGH) {
        for (let c = 0; c < classes; c++) x[d + i * ld + c] = Math.fround(Math.fround(p[c] - (c === truth ? 1 : 0)) * scale);
      }
    }
    return { lossSum, correct };
  }

  /** One training step over `rows[start…start+count)` (features loaded by the caller via loadRows). */
  trainBatch(count: number, labels: ArrayLike<number>, start: number, learningRate: number, random: (() => number) | null): BatchResult {
    const k = this.kernels;
    const rows = pad(count, 4);
    this.forward(count, random);
    const { lossSum, correct } = this.softmaxLoss(count, labels, start, this.deltaA);
    const l2 = this.optimizer.l2;
    const penalty = l2 > 0 ? Math.fround(l2 * k.sumsq(this.params, this.kernelCount)) : 0;
    // Backward: dZ of layer l in `cur`; dW = inputᵀ·dZ, db = Σ dZ, then dA of the layer below = dZ·Wᵀ.
    let cur = this.deltaA;
    let other = this.deltaB;
    for (let l = this.dims.length - 2; l >= 0; l--) {
      const [inPad, outPad] = [this.padded[l], this.padded[l + 1]];
      const input = l === 0 ? this.input : this.acts[l - 1];
      k.gemm(input, 1, inPad, cur, outPad, this.grads + 4 * this.kernelOffsets[l], outPad, inPad, outPad, count, 0, 0);
      k.colsum(cur, count, outPad, this.grads + 4 * this.biasOffsets[l]);
      if (l > 0) {
        k.transpose(this.params + 4 * this.kernelOffsets[l], inPad, outPad, this.transposed);
        k.gemm(cur, outPad, 1, this.transposed, inPad, other, inPad, rows, inPad, this.dims[l + 1], 0, 0);
        k.relu_back(other, this.acts[l - 1], random ? this.masks[l - 1] : 0, rows * inPad);
        [cur, other] = [other, cur];
      }
    }
    this.step++;
    const { kind, epsilon } = this.optimizer;
    const kernelBytes = 4 * this.kernelCount;
    const biasCount = this.paramCount - this.kernelCount;
    if (kind === 'adam') {
      const c1 = 1 - BETA1 ** this.step;
      const c2 = 1 - BETA2 ** this.step;
      k.adam(this.params, this.grads, this.moment1, this.moment2, this.kernelCount, learningRate, BETA1, BETA2, c1, c2, epsilon, 2 * l2);
      k.adam(this.params + kernelBytes, this.grads + kernelBytes, this.moment1 + kernelBytes, this.moment2 + kernelBytes, biasCount, learningRate, BETA1, BETA2, c1, c2, epsilon, 0);
    } else {
      k.momentum(this.params, this.grads, this.moment1, this.kernelCount, learningRate, MOMENTUM, 2 * l2);
      k.momentum(this.params + kernelBytes, this.grads + kernelBytes, this.moment1 + kernelBytes, biasCount, learningRate, MOMENTUM, 0);
    }
    return { loss: Math.fround(Math.fround(lossSum) * Math.fround(1 / count)) + penalty, correct };
  }

  /** Summed loss (no penalty) and correct count over rows, without dropout, in chunks of the batch capacity. */
  evaluate(features: Float32Array, rows: ArrayLike<number>, labels: ArrayLike<number>): { lossSum: number; correct: number } {
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < rows.length; start += this.capacity) {
      const count = Math.min(this.capacity, rows.length - start);
      this.loadRows(features, rows, start, count);
      this.forward(count, null);
      const part = this.softmaxLoss(count, labels, start, 0);
      lossSum += part.lossSum;
      correct += part.correct;
    }
    return { lossSum, correct };
  }

  /** A copy of all parameters (for the best epoch). */
  snapshot(): Float32Array {
    return this.f32().slice(this.params >> 2, (this.params >> 2) + this.paramCount);
  }

  restore(snapshot: Float32Array): void {
    this.f32().set(snapshot, this.params >> 2);
  }
}
