import wasmBytes from './dense.wat';
import relaxedBytes from './dense.wat?relaxed';

/**
 * The fused dense trainer's kernels (dense.wat), over one WebAssembly.Memory. Pointers are byte offsets,
 * strides and counts are f32 elements; shapes are padded by the caller (gemm: m % 4 == 0, n % 8 == 0;
 * element-wise kernels: count % 4 == 0). `scalarKernels` is the readable reference the SIMD module is
 * tested against: it performs the same f32 operations in the same order, so both agree bit for bit.
 */
export interface DenseKernels {
  readonly memory: WebAssembly.Memory;
  gemm(a: number, ars: number, acs: number, b: number, ldb: number, c: number, ldc: number, m: number, n: number, k: number, bias: number, flags: number): void;
  transpose(src: number, rows: number, cols: number, dst: number): void;
  colsum(dz: number, m: number, n: number, out: number): void;
  mul(x: number, mask: number, count: number): void;
  relu_back(d: number, act: number, mask: number, count: number): void;
  sumsq(x: number, count: number): number;
  adam(w: number, g: number, m: number, v: number, count: number, lr: number, b1: number, b2: number, c1: number, c2: number, eps: number, l2x2: number): void;
  momentum(w: number, g: number, a: number, count: number, lr: number, mu: number, l2x2: number): void;
  /** Two dropout masks (two independent Alea streams, interleaved for speed); ub = 0 leaves B untouched. */
  dropout_mask2(
    rows: number,
    ma: number,
    ua: number,
    lda: number,
    a0: number,
    a1: number,
    a2: number,
    keepa: number,
    scalea: number,
    mb: number,
    ub: number,
    ldb: number,
    b0: number,
    b1: number,
    b2: number,
    keepb: number,
    scaleb: number,
  ): void;
}

export const GEMM_BIAS = 1;
export const GEMM_RELU = 2;

let compiled: WebAssembly.Module | null | undefined;
let compiledRelaxed: WebAssembly.Module | null | undefined;

/** The compiled SIMD module, or null where WebAssembly SIMD is unavailable. */
function simdModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(wasmBytes) ? new WebAssembly.Module(wasmBytes) : null;
  }
  return compiled;
}

/**
 * The relaxed-SIMD module (its multiply-adds are f32x4.relaxed_madd: fused where the CPU has FMA), or
 * null where the engine lacks relaxed SIMD (feature-detected by validating the module itself).
 */
function relaxedModule(): WebAssembly.Module | null {
  if (compiledRelaxed === undefined) {
    compiledRelaxed = simdModule() && WebAssembly.validate(relaxedBytes) ? new WebAssembly.Module(relaxedBytes) : null;
  }
  return compiledRelaxed;
}

export function simdAvailable(): boolean {
  return simdModule() !== null;
}

/** Whether the relaxed-SIMD (FMA) kernels can run here. */
export function relaxedAvailable(): boolean {
  return relaxedModule() !== null;
}

/**
 * SIMD kernels over `memory` (throws where WebAssembly SIMD is unavailable; check simdAvailable first).
 * `fma`: the relaxed-SIMD module where available (else the plain one); its sums round once per
 * multiply-add, so it agrees with the scalar reference to rounding, not bit for bit.
 */
export function wasmKernels(memory: WebAssembly.Memory, fma = false): DenseKernels {
  const module = (fma && relaxedModule()) || simdModule();
  if (!module) throw new Error('WebAssembly SIMD is not available in this browser.');
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { ...(instance.exports as unknown as Omit<DenseKernels, 'memory'>), memory };
}

/** The scalar reference: the same operations as dense.wat, one element at a time, in TypeScript. */
export function scalarKernels(memory: WebAssembly.Memory): DenseKernels {
  const f = Math.fround;
  // The view is re-made per call: memory.grow detaches old buffers.
  const view = () => new Float32Array(memory.buffer);
  /** One layer's mask: `rows` rows of `units` Alea draws u → f32(u) + keep ≥ 1 ? scale : 0 (row stride ld, padding 0). */
  const aleaMask = (mask: number, rows: number, units: number, ld: number, s0: number, s1: number, s2: number, keep: number, scale: number) => {
    const x = view();
    let c = 1;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < ld; j++) {
        let value = 0;
        if (j < units) {
          const t = 2091639 * s0 + c * 2.3283064365386963e-10;
          s0 = s1;
          s1 = s2;
          c = t | 0;
          s2 = t - c;
          value = f(f(s2) + f(keep)) >= 1 ? f(scale) : 0;
        }
        x[(mask >> 2) + i * ld + j] = value;
      }
    }
  };
  return {
    memory,
    gemm(a, ars, acs, b, ldb, c, ldc, m, n, k, bias, flags) {
      const x = view();
      const [a4, b4, c4, bias4] = [a >> 2, b >> 2, c >> 2, bias >> 2];
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let acc = flags & GEMM_BIAS ? x[bias4 + j] : 0;
          for (let kk = 0; kk < k; kk++) acc = f(acc + f(x[a4 + i * ars + kk * acs] * x[b4 + kk * ldb + j]));
          if (flags & GEMM_RELU) acc = acc > 0 ? acc : 0;
          x[c4 + i * ldc + j] = acc;
        }
      }
    },
    transpose(src, rows, cols, dst) {
      const x = view();
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) x[(dst >> 2) + j * rows + i] = x[(src >> 2) + i * cols + j];
    },
    colsum(dz, m, n, out) {
      const x = view();
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let i = 0; i < m; i++) acc = f(acc + x[(dz >> 2) + i * n + j]);
        x[(out >> 2) + j] = acc;
      }
    },
    mul(p, mask, count) {
      const x = view();
      for (let i = 0; i < count; i++) x[(p >> 2) + i] = f(x[(p >> 2) + i] * x[(mask >> 2) + i]);
    },
    relu_back(d, act, mask, count) {
      const x = view();
      for (let i = 0; i < count; i++) {
        const v = mask ? f(x[(d >> 2) + i] * x[(mask >> 2) + i]) : x[(d >> 2) + i];
        x[(d >> 2) + i] = x[(act >> 2) + i] > 0 ? v : 0;
      }
    },
    sumsq(p, count) {
      const x = view();
      // Four lanes, then lane 0 + 1 and 2 + 3, as the SIMD kernel.
      const lanes = [0, 0, 0, 0];
      for (let i = 0; i < count; i++) lanes[i & 3] = f(lanes[i & 3] + f(x[(p >> 2) + i] * x[(p >> 2) + i]));
      return f(f(lanes[0] + lanes[1]) + f(lanes[2] + lanes[3]));
    },
    adam(w, g, m, v, count, lr, b1, b2, c1, c2, eps, l2x2) {
      const x = view();
      [lr, b1, b2, c1, c2, eps, l2x2] = [lr, b1, b2, c1, c2, eps, l2x2].map(f);
      const [ob1, ob2] = [f(1 - b1), f(1 - b2)];
      for (let i = 0; i < count; i++) {
        const wi = x[(w >> 2) + i];
        const gi = f(x[(g >> 2) + i] + f(l2x2 * wi));
        const mi = f(f(x[(m >> 2) + i] * b1) + f(gi * ob1));
        const vi = f(f(x[(v >> 2) + i] * b2) + f(f(gi * gi) * ob2));
        x[(m >> 2) + i] = mi;
        x[(v >> 2) + i] = vi;
        x[(w >> 2) + i] = f(wi + f(f(f(mi / c1) / f(f(Math.sqrt(f(vi / c2))) + eps)) * -lr));
      }
    },
    momentum(w, g, a, count, lr, mu, l2x2) {
      const x = view();
      [lr, mu, l2x2] = [lr, mu, l2x2].map(f);
      for (let i = 0; i < count; i++) {
        const wi = x[(w >> 2) + i];
        const ai = f(f(x[(a >> 2) + i] * mu) + f(x[(g >> 2) + i] + f(l2x2 * wi)));
        x[(a >> 2) + i] = ai;
        x[(w >> 2) + i] = f(wi + f(ai * -lr));
      }
    },
    dropout_mask2(rows, ma, ua, lda, a0, a1, a2, keepa, scalea, mb, ub, ldb, b0, b1, b2, keepb, scaleb) {
      // The streams are independent: one after the other gives what the interleaved kernel gives.
      aleaMask(ma, rows, ua, lda, a0, a1, a2, keepa, scalea);
      if (ub > 0) aleaMask(mb, rows, ub, ldb, b0, b1, b2, keepb, scaleb);
    },
  };
}
