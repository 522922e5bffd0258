import { useStudio } from '../store/studio-store';
import { inspectOutput } from './runner-output';
import { fail, type AutomationResult } from './result';
import { sleep } from '../lib/yield';

/** Resolves at the store's next change, or after `ms` at the latest. */
function storeChange(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const unsubscribe = useStudio.subscribe(done);
  });
}

export type InspectOutput = ReturnType<typeof inspectOutput>;

/** Waits until the load started by the file input (or a sample) has finished. */
async function waitForLoad(): Promise<AutomationResult<InspectOutput>> {
  const started = Date.now();
  for (;;) {
    const s = useStudio.getState();
    if (!s.loading && (s.dataset || s.loadError)) break;
    if (!s.loading && Date.now() - started > 5000) return fail('no_file', 'No file was given to the app.');
    // While a load runs, wake when the store changes (its end), not on the next poll; else poll for one to start.
    await (s.loading ? storeChange(1000) : sleep(25));
  }
  const { dataset, loadError } = useStudio.getState();
  if (loadError) return fail(loadError.code, loadError.message);
  if (!dataset) return fail('no_dataset', 'No dataset is loaded.');
  if (dataset.kind !== 'table') return fail('not_a_table', `${dataset.name} was loaded as images, not a table.`);
  return { ok: true, value: inspectOutput(dataset) };
}

export const tableAutomation = {
  waitForLoad,
  async loadSample(id: string): Promise<AutomationResult<InspectOutput>> {
    await useStudio.getState().loadSample(id);
    return waitForLoad();
  },
  notebook: () => useStudio.getState().notebook,
  /** The worker's marks for the loaded table (epoch ms: received, parsed, profiled), for the hand-over probe. */
  loadMarks: () => {
    const dataset = useStudio.getState().dataset;
    return dataset?.kind === 'table' ? (dataset.loadMarks ?? null) : null;
  },
};
