/**
 * How many threads XNNPACK gets on the WASM backend (with cross-origin isolation; one otherwise).
 *
 * Up to 4 logical cores (laptops, small cloud VMs, where each is usually a core of its own) every core
 * is used: on this project's 2-core machine two threads made a convolution 1.5× and a large matrix
 * product 1.85× faster than one. Above 4, half (most such CPUs pair logical cores on one physical core,
 * the guess tfjs-backend-wasm itself makes), and never more than the 8 pthread workers its glue
 * preallocates.
 */
export const WASM_MAX_THREADS = 8;

export function wasmThreadCount(logicalCores: number | undefined): number {
  const cores = logicalCores !== undefined && Number.isFinite(logicalCores) && logicalCores >= 1 ? Math.floor(logicalCores) : 1;
  return Math.min(WASM_MAX_THREADS, cores <= 4 ? cores : Math.floor(cores / 2));
}

/**
 * Threads by workload. Convolutions (image and text CNNs) get wasmThreadCount: two threads made the bench
 * CNN's WASM training 1.26–1.38× faster here. Dense table models keep one: they train in the studio's
 * own fused WASM trainer, which XNNPACK's threads do not reach (not measured with two), and one e2e run
 * of ~100 with two threads for every workload hung in a dense-model training on WASM (not reproduced
 * since, cause unknown), so threads stay where they were measured to pay.
 */
export function threadsFor(workload: 'tabular' | 'image', logicalCores: number | undefined): number {
  return workload === 'image' ? wasmThreadCount(logicalCores) : 1;
}
