import { getProbes, loadRuntime } from './worker-state';

/**
 * Starts the WASM backend (module compile, thread pool) while the page shows the table just loaded, so
 * the first Train does not wait for it (issue 19: overlap start-up with data loading). WASM is what
 * dense table models train on (the fused trainer) and what Auto picks for them. Nothing is switched
 * when a backend is already active (a trained or imported model lives on it).
 */
let warming: Promise<void> = Promise.resolve();

/** Resolves once a warm-up in flight has finished (never rejects): backend choices wait for it, so two switches never race. */
export const prewarmed = (): Promise<void> => warming;

export function prewarmTableBackend(): void {
  warming = (async () => {
    const probes = await getProbes();
    if (!probes.some((p) => p.name === 'wasm' && p.available)) return;
    const rt = await loadRuntime();
    if (rt.tf.engine().backendName) return;
    await rt.activateBackend('wasm');
  })().catch((error: unknown) => console.warn(`WASM warm-up failed; training starts the backend itself: ${error instanceof Error ? error.message : String(error)}`));
}
