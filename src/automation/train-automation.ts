import { useStudio } from '../store/studio-store';
import { findColumn } from './columns';
import { trainOutput } from './runner-output';
import { DEFAULT_LINEAR, type ModelChoice } from '../models/spec';
import type { BackendChoice } from '../train/settings';
import { validateTrainSettings } from '../train/settings';
import { MAX_TEXT_VOCABULARY } from '../preprocess/settings';
import { fail, type AutomationResult } from './result';
import { sameValue, unchanged } from './unchanged';
import { worker } from '../store/worker-access';
import { RESULT_HEADLINE_MARK, RESULT_RECEIVED_MARK, RunClock, lastMarkAt, phasesOf, type RunMark, type RunPhases } from '../train/run-timings';

export interface TrainOptions {
  target?: string;
  /** "bow" is the bag-of-words (TF-IDF) model: logistic regression on the text features. */
  model?: ModelChoice | 'bow';
  hidden?: number[];
  backend?: BackendChoice;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Halve the learning rate after this many epochs without improvement (0 = never). */
  reduceLrAfter?: number;
  seed?: number;
  testSize?: number;
  validationSize?: number;
  /** MLP dropout rate and L2 penalty (both model kinds). */
  dropout?: number;
  l2?: number;
  /** Columns to treat as free text (tokenized, TF-IDF). */
  textColumns?: string[];
  /** Text vocabulary cap (terms kept per text column) and token-sequence cap. */
  vocabSize?: number;
  maxTokens?: number;
  /** Also return the original row numbers of each split. */
  includeSplit?: boolean;
  /** classification | regression | auto (decided from the target column). */
  task?: 'auto' | 'classification' | 'regression';
  /** Regression loss. */
  loss?: 'mse' | 'mae' | 'huber';
  /** Test hook (drivers only, like this whole handle): destroy the real WebGPU device after this epoch. */
  injectDeviceLossAfterEpoch?: number;
}

export type TrainOutput = ReturnType<typeof trainOutput> & { timings?: RunPhases };

/** Applies runner flags through the same store actions as the form controls. */
export function applyTrainOptions(options: TrainOptions): AutomationResult<null> {
  const actions = useStudio.getState();
  const notebook = () => useStudio.getState().notebook;
  // The store's actions, skipped when they would change nothing (see unchanged.ts).
  const store = {
    setPrepare(patch: Parameters<typeof actions.setPrepare>[0]) {
      if (!unchanged(notebook().prepare, patch)) actions.setPrepare(patch);
    },
    setFeatureIncluded: actions.setFeatureIncluded,
    setModelChoice(choice: ModelChoice) {
      if (notebook().model.choice !== choice) actions.setModelChoice(choice);
    },
    setModelSpec(spec: Parameters<typeof actions.setModelSpec>[0]) {
      if (!sameValue(notebook().model[spec.kind], spec)) actions.setModelSpec(spec);
    },
    setTraining(patch: Parameters<typeof actions.setTraining>[0]) {
      if (!unchanged(notebook().training, patch)) actions.setTraining(patch);
    },
  };
  const dataset = actions.dataset;
  if (!dataset) return fail('no_dataset', 'Load data before training.');
  // Image data sets have their label built in (class folders, IDX labels, the pixel CSV's label column).
  if (dataset.kind === 'table' && options.target !== undefined) {
    const column = findColumn(dataset.profiles, options.target);
    if (!column.ok) return column;
    store.setPrepare({ target: column.value });
  }
  if (dataset.kind === 'table' && !useStudio.getState().notebook.prepare.target) {
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
  if (options.textColumns !== undefined) {
    if (dataset.kind !== 'table') return fail('invalid_input', '--text-columns applies to tables (CSV), not images.');
    const names: string[] = [];
    for (const wanted of options.textColumns) {
      const column = findColumn(dataset.profiles, wanted);
      if (!column.ok) return column;
      const profile = dataset.profiles.find((p) => p.name === column.value);
      if (profile?.storage !== 'string') return fail('invalid_input', `--text-columns: "${column.value}" holds numbers; only columns of text can be tokenized.`);
      names.push(column.value);
    }
    const others = (useStudio.getState().notebook.prepare.columnTypes ?? []).filter((c) => !names.includes(c.name));
    store.setPrepare({ columnTypes: [...others, ...names.map((name) => ({ name, type: 'text' as const }))] });
    for (const name of names) store.setFeatureIncluded(name, true);
  }
  if (options.vocabSize !== undefined) {
    if (!(Number.isInteger(options.vocabSize) && options.vocabSize >= 1 && options.vocabSize <= MAX_TEXT_VOCABULARY))
      return fail('invalid_input', `--vocab-size must be a whole number from 1 to ${MAX_TEXT_VOCABULARY}.`);
    store.setPrepare({ textVocabularySize: options.vocabSize });
  }
  if (options.maxTokens !== undefined) {
    if (!(Number.isInteger(options.maxTokens) && options.maxTokens >= 1 && options.maxTokens <= 10_000)) return fail('invalid_input', '--max-tokens must be a whole number from 1 to 10000.');
    store.setPrepare({ textMaxTokens: options.maxTokens });
  }
  if (options.task !== undefined) store.setPrepare({ task: options.task });
  if (options.model) store.setModelChoice(options.model === 'bow' ? 'logreg' : options.model);
  if (options.hidden) store.setModelSpec({ ...useStudio.getState().notebook.model.mlp, hidden: options.hidden });
  if (options.dropout !== undefined) {
    if (!(options.dropout >= 0 && options.dropout < 1)) return fail('invalid_input', '--dropout must be at least 0 and below 1.');
    store.setModelSpec({ ...useStudio.getState().notebook.model.mlp, dropout: options.dropout });
  }
  if (options.l2 !== undefined) {
    if (!(options.l2 >= 0 && options.l2 <= 1)) return fail('invalid_input', '--l2 must be between 0 and 1.');
    const { logreg, mlp, linear } = useStudio.getState().notebook.model;
    store.setModelSpec({ ...logreg, l2: options.l2 });
    store.setModelSpec({ ...mlp, l2: options.l2 });
    store.setModelSpec({ ...(linear ?? DEFAULT_LINEAR), l2: options.l2 });
  }
  const patch = {
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    ...(options.learningRate !== undefined ? { learningRate: options.learningRate } : {}),
    ...(options.reduceLrAfter !== undefined ? { reduceLearningRateAfter: options.reduceLrAfter } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.loss !== undefined ? { loss: options.loss } : {}),
  };
  const problem = validateTrainSettings({ ...useStudio.getState().notebook.training, ...patch });
  if (problem) return fail('invalid_input', problem);
  store.setTraining(patch);
  return { ok: true, value: null };
}

/** Trains with the notebook's current settings (after `applyTrainOptions`) and returns the runner JSON. */
export async function trainCurrent(options: { includeSplit?: boolean; injectDeviceLossAfterEpoch?: number } = {}, clock = new RunClock()): Promise<AutomationResult<TrainOutput>> {
  clock.mark('call');
  const calledAt = performance.now();
  const training = useStudio.getState().train(options); // posts the train call before it returns
  // The worker's marks, asked right behind the train call: the worker answers when the run settles, next to
  // its result, not behind the calls that follow a result on the page (the model summary's drift
  // reference took 0.1–0.5 s of the worker before this answer; the runner waited for it after the headline).
  const marksCall = worker().call('run-timings', { wait: true });
  const result = await training;
  const received = lastMarkAt(RESULT_RECEIVED_MARK);
  if (received !== undefined && received >= performance.timeOrigin + calledAt) clock.mark('received', received);
  clock.mark('result');
  const { trainError } = useStudio.getState();
  if (!result) {
    marksCall.cancel(); // a run the store refused never reached the worker: nothing to wait for
    return fail(trainError?.code ?? 'training_failed', trainError?.message ?? 'Training did not finish.');
  }
  const workerMarks = workerRunMarks(marksCall.promise);
  // The run counts as finished when its headline is on the page (the evaluation panel marks it; the
  // tables and charts follow in later tasks) and the next frame has painted; a hidden tab gets no frames.
  await headlineShown(calledAt);
  await new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 250);
  });
  clock.mark('rendered');
  return { ok: true, value: { ...trainOutput(result), timings: await runTimings(clock, workerMarks) } };
}

/** Resolves once the evaluation panel marked a result headline after `since` (performance.now()), or after 2 s. */
function headlineShown(since: number): Promise<void> {
  const shown = () => performance.getEntriesByName(RESULT_HEADLINE_MARK).some((e) => e.startTime >= since);
  return new Promise<void>((resolve) => {
    const deadline = performance.now() + 2000;
    const poll = () => (shown() || performance.now() > deadline ? resolve() : setTimeout(poll, 4));
    poll();
  });
}

/** The worker's marks of the run; null when they could not be read (said on the console). */
async function workerRunMarks(answer: Promise<RunMark[] | null>): Promise<RunMark[] | null> {
  try {
    return (await answer) ?? [];
  } catch (error) {
    console.warn('Run timings unavailable:', error);
    return null;
  }
}

/** Page marks plus the worker's marks of the same run, as phases in seconds (see train/run-timings.ts). */
async function runTimings(clock: RunClock, workerMarks: Promise<RunMark[] | null>): Promise<RunPhases | undefined> {
  const marks = await workerMarks;
  return marks ? phasesOf([...clock.marks, ...marks]) : undefined;
}

export const trainAutomation = {
  async train(options: TrainOptions): Promise<AutomationResult<TrainOutput>> {
    const clock = new RunClock();
    clock.mark('options');
    const applied = applyTrainOptions(options);
    if (!applied.ok) return applied;
    return trainCurrent({ includeSplit: options.includeSplit, injectDeviceLossAfterEpoch: options.injectDeviceLossAfterEpoch }, clock);
  },
};
