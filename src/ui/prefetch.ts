/**
 * Lazy chunks the results of a run render with (the ROC chart, the prediction form and batch panel).
 * Fetched while the run trains, so the results do not wait for a download once they arrive (issue 19:
 * fixed costs around a run). Idempotent: a module is fetched once, whoever imports it first.
 */
export function prefetchResultPanels(): void {
  void Promise.all([import('./evaluate/RocChart'), import('./predict/PredictForm'), import('./predict/BatchPanel')]).catch((error: unknown) =>
    console.warn(`Result panels could not be prefetched (they load when shown): ${error instanceof Error ? error.message : String(error)}`),
  );
}
