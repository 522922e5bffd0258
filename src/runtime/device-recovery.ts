/**
 * What counts as a device failure during training, and where training goes next (used by the worker's
 * train handlers through train/device-recovery.ts). A failure is: the WebGPU device's `lost` promise
 * resolved, a GPUOutOfMemoryError reported by the device, or an error whose message says the device or
 * context was lost or memory ran out (WebGL, WASM, CPU). The next backend is WASM, then CPU (skipping
 * the failed one and any the probe found unavailable). A lost WebGPU device is replaced: the backend is
 * re-registered with its own factory, so a later job asks for a fresh device instead of the dead one.
 */
import * as tf from '@tensorflow/tfjs';
import { DeviceFailureError, type BackendRecovery } from '../train/device-recovery';
import type { BackendName } from '../train/settings';
import type { BackendProbe } from './backends';

interface GpuLostInfo {
  reason?: string;
  message?: string;
}

/** The part of GPUDevice used here (the DOM typings in this project do not include WebGPU). */
interface GpuDeviceLike {
  lost: Promise<GpuLostInfo>;
  destroy(): void;
  addEventListener(type: 'uncapturederror', listener: (event: { error?: { constructor?: { name?: string }; message?: string } }) => void): void;
}

const FALLBACK_ORDER: readonly BackendName[] = ['wasm', 'cpu'];
const LOST = /device (is |was )?lost|device.{0,20}destroyed|context (was )?lost|CONTEXT_LOST/i;
const OUT_OF_MEMORY = /out of memory|\boom\b|failed to allocate|allocation (failed|failure)|array buffer allocation|cannot enlarge memory|memory\.grow|could not allocate/i;

/** Failures each WebGPU device reported (out of memory, lost), by device. */
const reported = new WeakMap<object, string>();
const watched = new WeakSet<object>();

function webgpuDevice(): GpuDeviceLike | null {
  const backend = tf.engine().registry.webgpu as unknown as { device?: GpuDeviceLike } | undefined;
  return backend?.device ?? null;
}

/** Starts listening to the active WebGPU device (once per device). */
export function watchWebGpuDevice(): void {
  const device = webgpuDevice();
  if (!device || watched.has(device)) return;
  watched.add(device);
  void device.lost.then((info) => {
    reported.set(device, `device was lost${info.reason === 'destroyed' ? ' (destroyed)' : info.message ? ` (${info.message})` : ''}`);
  });
  device.addEventListener('uncapturederror', (event) => {
    if (event.error?.constructor?.name === 'GPUOutOfMemoryError' && !reported.has(device)) reported.set(device, 'ran out of memory');
  });
}

/** What failed on `from`, in words, or null when `error` is not a device failure. */
export async function deviceFailureCause(error: unknown, from: BackendName): Promise<string | null> {
  if (error instanceof DeviceFailureError) return error.failure;
  const device = from === 'webgpu' ? webgpuDevice() : null;
  if (device) {
    // A destroyed device rejects its next read before `lost` settles; give it a moment to settle.
    const lost = await Promise.race([device.lost.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000))]);
    const cause = reported.get(device);
    if (cause) return cause;
    if (lost) return 'device was lost';
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (LOST.test(message)) return 'device was lost';
  if (OUT_OF_MEMORY.test(message)) return 'ran out of memory';
  return null;
}

/** Forgets a failed WebGPU backend and registers its factory again, so the next use asks for a new device. */
function replaceWebGpuBackend(): void {
  const entry = tf.engine().registryFactory.webgpu;
  if (!entry) return;
  try {
    tf.removeBackend('webgpu');
  } catch (error) {
    console.warn('The lost WebGPU backend did not dispose cleanly.', error);
  }
  tf.registerBackend('webgpu', entry.factory, entry.priority);
}

export interface DeviceLossInjection {
  /** Destroy the real WebGPU device right after this epoch completes (driver-only test hook). */
  deviceLossAfterEpoch: number;
}

/**
 * The recovery a training job gets from the worker: probes say which backends exist, `activate`
 * switches TF.js (tf-runtime's activateBackend). `inject` comes only from the automation handle.
 */
export function createDeviceRecovery(probes: BackendProbe[], activate: (name: BackendName) => Promise<void>, inject?: DeviceLossInjection): BackendRecovery {
  let injected = false;
  watchWebGpuDevice();
  return {
    async fallback(error, from) {
      const cause = await deviceFailureCause(error, from);
      if (!cause) return null;
      console.warn(`${from} failed during training (${cause}); falling back.`, error);
      if (from === 'webgpu') replaceWebGpuBackend();
      const start = FALLBACK_ORDER.indexOf(from) + 1;
      for (const name of FALLBACK_ORDER.slice(start)) {
        if (name === from || !probes.find((p) => p.name === name)?.available) continue;
        try {
          await activate(name);
          return { to: name, cause };
        } catch (failure) {
          console.warn(`Fallback backend ${name} did not start.`, failure);
        }
      }
      return null;
    },
    afterEpoch(epoch, backend) {
      if (backend !== 'webgpu') return;
      const device = webgpuDevice();
      if (!device) return;
      watchWebGpuDevice();
      const cause = reported.get(device);
      if (cause) throw new DeviceFailureError('webgpu', cause);
      if (inject && !injected && epoch === inject.deviceLossAfterEpoch) {
        injected = true;
        console.warn(`Test hook: destroying the WebGPU device after epoch ${epoch}.`);
        device.destroy();
      }
    },
  };
}
