import { sleep } from '../lib/yield';

/**
 * Lazy chunks a run renders with: the history charts (at the first epoch), then the results' panels (the ROC
 * chart, the prediction form and batch panel). Fetched while the run trains, so the results do not wait for a
 * download once they arrive (issue 19: fixed costs around a run). Idempotent: a module is fetched once,
 * whoever imports it first.
 *
 * One import per task, starting in the task after the call (issue 19, 4b): each import runs Vite's preload
 * helper (a modulepreload link per dependency), and the three result panels and the charts asked for in the
 * Train click's own task made it one of a run's longest main-thread tasks (train-tasks-r7.md).
 */
const PANELS: (() => Promise<unknown>)[] = [() => import('./train/HistoryCharts'), () => import('./evaluate/RocChart'), () => import('./predict/PredictForm'), () => import('./predict/BatchPanel')];

let started = false;

export function prefetchResultPanels(): void {
  if (started) return;
  started = true;
  void (async () => {
    for (const load of PANELS) {
      await sleep(0);
      // Started, not awaited: the downloads overlap; only the helper's synchronous part is spread over tasks.
      void load().catch((error: unknown) => console.warn(`A result panel could not be prefetched (it loads when shown): ${error instanceof Error ? error.message : String(error)}`));
    }
  })();
}
