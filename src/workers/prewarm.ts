import type { BackendProbe } from '../runtime/backends';
import { getProbes, loadRuntime } from './worker-state';
import { exclusive } from './tf-queue';

/**
 * Starts the WASM backend (module compile, thread pool) while the page shows the table just loaded, so
 * the first Train does not wait for it (issue 19: overlap start-up with data loading). WASM is what
 * dense table models train on (the fused trainer) and what Auto picks for them. Nothing is switched
 * when a backend is already active (a trained or imported model lives on it).
 *
 * The warm-up runs in the worker's one TensorFlow.js queue (tf-queue.ts): a backend choice, prediction or
 * export asked for meanwhile waits for it, and it waits for one already running. It used to run beside the
 * queue, and a call that switched or initialised a backend at the same moment made it fail ("WASM warm-up
 * failed; training starts the backend itself: WASM could not start").
 */

/** What the warm-up needs from the TF.js runtime (tf-runtime.ts); a small fake in tests. */
export interface WarmRuntime {
  tf: { engine(): { backendName: string | null } };
  activateBackend(name: 'wasm'): Promise<void>;
}

export interface PrewarmDeps {
  probes: () => Promise<BackendProbe[]>;
  runtime: () => Promise<WarmRuntime>;
}

const realDeps: PrewarmDeps = { probes: getProbes, runtime: loadRuntime };

/** The warm-up while it runs (null once finished or while only queued). */
let running: Promise<void> | null = null;

/**
 * Resolves once a warm-up that is running has finished (never rejects). Calls in the TF.js queue need not
 * wait: the queue already orders them with the warm-up. A warm-up only queued behind the caller is not
 * waited for (that would deadlock the queue).
 */
export const prewarmed = (): Promise<void> => running ?? Promise.resolve();

/** Queues the WASM warm-up; resolves when it has run (or was skipped), never rejects. */
export function prewarmTableBackend(deps: PrewarmDeps = realDeps): Promise<void> {
  return exclusive(() => {
    running = (async () => {
      const probes = await deps.probes();
      if (!probes.some((p) => p.name === 'wasm' && p.available)) return;
      const rt = await deps.runtime();
      if (rt.tf.engine().backendName) return;
      await rt.activateBackend('wasm');
    })()
      .catch((error: unknown) => console.warn(`WASM warm-up failed; training starts the backend itself: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
    return running;
  });
}
