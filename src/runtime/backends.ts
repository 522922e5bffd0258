import type { BackendName } from '../train/settings';
import { BACKEND_LABELS } from '../train/settings';

/** What this browser offers, found without running TensorFlow.js (safe to call before it loads). */
export interface BackendProbe {
  name: BackendName;
  available: boolean;
  /** Why it is unavailable, in words a user understands. */
  reason?: string;
  /** Adapter or renderer, when the browser tells. */
  adapter?: string;
  /** A software implementation (SwiftShader, fallback adapter): works, but no faster than the CPU. */
  software?: boolean;
  /** WASM: multi-threading and SIMD support. */
  threads?: boolean;
}

interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  description?: string;
  device?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

async function probeWebGpu(): Promise<BackendProbe> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return { name: 'webgpu', available: false, reason: 'this browser has no WebGPU (navigator.gpu is missing)' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { name: 'webgpu', available: false, reason: `the WebGPU adapter request failed: ${String(error)}` };
  }
  if (!adapter) {
    return {
      name: 'webgpu',
      available: false,
      reason: 'the browser offers no WebGPU adapter (GPU blocklisted, disabled, or WebGPU not enabled on this platform)',
    };
  }
  const info = adapter.info ?? {};
  const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || /swiftshader/i.test(`${info.architecture} ${info.description}`);
  const adapterName = [info.vendor, info.architecture, info.description].filter((s) => s && s.length > 0).join(' ') || 'unknown adapter';
  return { name: 'webgpu', available: true, adapter: adapterName, software };
}

function probeWebGl(): BackendProbe {
  if (typeof OffscreenCanvas === 'undefined') return { name: 'webgl', available: false, reason: 'OffscreenCanvas is missing, so WebGL cannot run in a worker' };
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return { name: 'webgl', available: false, reason: 'WebGL 2 is not available (disabled or blocklisted GPU)' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = debug ? String(gl.getParameter(debug.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { name: 'webgl', available: true, adapter: renderer, software: /swiftshader|llvmpipe|software/i.test(renderer) };
}

function probeWasm(): BackendProbe {
  if (typeof WebAssembly !== 'object') return { name: 'wasm', available: false, reason: 'WebAssembly is disabled' };
  const threads = typeof SharedArrayBuffer !== 'undefined' && Boolean((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated);
  return { name: 'wasm', available: true, threads };
}

/**
 * `pause` runs before the WebGL probe, whose context creation blocks the thread (hundreds of ms with a
 * software renderer): the worker passes "wait for a running data load" (workers/load-precedence.ts).
 */
export async function probeBackends(pause?: () => Promise<void>): Promise<BackendProbe[]> {
  const webgpu = await probeWebGpu();
  await pause?.();
  return [webgpu, probeWebGl(), probeWasm(), { name: 'cpu', available: true }];
}

export function describeProbe(probe: BackendProbe): string {
  const label = BACKEND_LABELS[probe.name];
  if (!probe.available) return `${label}: unavailable — ${probe.reason}`;
  const parts = [label];
  if (probe.adapter) parts.push(`(${probe.adapter}${probe.software ? ', software' : ''})`);
  if (probe.name === 'wasm') parts.push(probe.threads ? '(multi-threaded)' : '(single-threaded)');
  return parts.join(' ');
}

/**
 * TF.js 4.22's WASM backend lacks Conv2DBackpropFilter (and its Conv2DBackpropInput is a naive loop);
 * the studio registers both, built on XNNPACK (src/runtime/wasm-conv-filter.ts), so WASM trains CNNs.
 */
export const WASM_CNN_NOTE =
  'TensorFlow.js 4.22’s WASM backend cannot train convolutional networks by itself (it lacks the Conv2DBackpropFilter kernel); Tau Studio adds that kernel, built on XNNPACK, so WASM trains CNNs here';
