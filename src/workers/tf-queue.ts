/**
 * TensorFlow.js has one global backend. Calls that use it run one at a time through this queue, so a
 * prediction, an export, a calibration or the WASM warm-up (prewarm.ts) never switches or probes the backend
 * under another one (a warm-up racing a backend choice failed with "WASM could not start"). Calls that never
 * touch TensorFlow.js (loading data, browsing rows, probing; marked `concurrent` in their handler module) run
 * at once.
 */
let tfQueue: Promise<unknown> = Promise.resolve();

/** Runs `run` after everything queued before it has settled; a failure does not block what follows. */
export function exclusive<T>(run: () => Promise<T>): Promise<T> {
  const next = tfQueue.then(run, run);
  tfQueue = next.then(
    () => undefined,
    () => undefined,
  );
  return next;
}
