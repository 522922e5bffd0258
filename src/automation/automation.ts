import { useStudio } from '../store/studio-store';
import { findColumn } from './columns';
import { inspectOutput, trainOutput } from './runner-output';
import type { ModelChoice } from '../models/spec';
import type { BackendChoice } from '../train/settings';
import { validateTrainSettings } from '../train/settings';

/**
 * The headless runner's handle on the real app. Every call goes through the same store actions
 * (and so the same worker and modules) as a person clicking — there is no second code path.
 */
export interface TrainOptions {
  target?: string;
  model?: ModelChoice;
  hidden?: number[];
  backend?: BackendChoice;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  testSize?: number;
  validationSize?: number;
}

export type AutomationResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

const fail = (code: string, message: string): AutomationResult<never> => ({ ok: false, error: { code, message } });

async function waitForLoad(): Promise<AutomationResult<ReturnType<typeof inspectOutput>>> {
  // A load starts when the file input changes; wait until it is no longer loading.
  const started = Date.now();
  for (;;) {
    const s = useStudio.getState();
    if (!s.loading && (s.dataset || s.loadError)) break;
    if (!s.loading && Date.now() - started > 5000) return fail('no_file', 'No file was given to the app.');
    await new Promise((r) => setTimeout(r, 25));
  }
  const { dataset, loadError } = useStudio.getState();
  if (loadError) return fail(loadError.code, loadError.message);
  if (!dataset) return fail('no_dataset', 'No dataset is loaded.');
  return { ok: true, value: inspectOutput(dataset) };
}

async function train(options: TrainOptions): Promise<AutomationResult<ReturnType<typeof trainOutput>>> {
  const store = useStudio.getState();
  const dataset = store.dataset;
  if (!dataset) return fail('no_dataset', 'Load data before training.');
  if (options.target !== undefined) {
    const column = findColumn(dataset.profiles, options.target);
    if (!column.ok) return column;
    store.setPrepare({ target: column.value });
  }
  if (!useStudio.getState().notebook.prepare.target) {
    return fail('no_target', `Say which column to predict with --target. Columns: ${dataset.header.join(', ')}.`);
  }
  if (options.testSize !== undefined) {
    if (!(options.testSize > 0 && options.testSize < 0.9)) return fail('invalid_input', '--test-size must be a fraction between 0 and 0.9, e.g. 0.2.');
    store.setPrepare({ testFraction: options.testSize });
  }
  if (options.validationSize !== undefined) {
    if (!(options.validationSize >= 0 && options.validationSize < 0.9)) return fail('invalid_input', '--validation-size must be a fraction between 0 and 0.9.');
    store.setPrepare({ validationFraction: options.validationSize });
  }
  if (options.seed !== undefined) store.setPrepare({ seed: options.seed });
  if (options.model) store.setModelChoice(options.model);
  if (options.hidden) store.setModelSpec({ ...useStudio.getState().notebook.model.mlp, hidden: options.hidden });
  const patch = {
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    ...(options.learningRate !== undefined ? { learningRate: options.learningRate } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  const problem = validateTrainSettings({ ...useStudio.getState().notebook.training, ...patch });
  if (problem) return fail('invalid_input', problem);
  store.setTraining(patch);
  const result = await useStudio.getState().train();
  const { trainError } = useStudio.getState();
  if (!result) return fail(trainError?.code ?? 'training_failed', trainError?.message ?? 'Training did not finish.');
  return { ok: true, value: trainOutput(result) };
}

export interface TauAutomation {
  waitForLoad: typeof waitForLoad;
  loadSample(id: string): Promise<AutomationResult<ReturnType<typeof inspectOutput>>>;
  train: typeof train;
  notebook(): unknown;
}

declare global {
  interface Window {
    tauStudio?: TauAutomation;
  }
}

export function installAutomation(): void {
  window.tauStudio = {
    waitForLoad,
    async loadSample(id) {
      await useStudio.getState().loadSample(id);
      return waitForLoad();
    },
    train,
    notebook: () => useStudio.getState().notebook,
  };
}
