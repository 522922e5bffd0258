/**
 * Where the wall time of one training run goes (issue 19, "fixed costs around a run"). Page and worker
 * stamp named marks in absolute milliseconds (`performance.timeOrigin + performance.now()`, comparable
 * across the two threads); `phasesOf` turns consecutive marks into named phases for the runner output.
 */

export interface RunMark {
  name: RunMarkName;
  /** Milliseconds since the Unix epoch, sub-millisecond precise (timeOrigin + now). */
  at: number;
}

/** In the order they happen; a mark that did not happen (no calibration, no first batch) is absent. */
export const RUN_MARKS = [
  'options', // page (runner): applying the runner's settings through the store, as a person sets the controls
  'call', // page: the Train call
  'worker-received', // worker: the job arrived
  'runtime-loaded', // worker: TF.js and its backends imported
  'backend-ready', // worker: backend chosen (calibrated when needed) and initialized
  'prepared', // worker: features fitted and transformed, splits drawn
  'first-batch-start', // worker: the first training batch starts (model built, trainer ready); absent for closed-form fits and searches
  'first-batch', // worker: the first training batch finished
  'trained', // worker: every candidate trained
  'evaluated', // worker: test-split metrics done, result built
  'received', // page: the result message arrived (worker's clone, the message, the page's read of it)
  'result', // page: the result is in the store (notebook, run list)
  'rendered', // page: the result's headline is on the page (RESULT_HEADLINE_MARK) and the next frame passed
] as const;
export type RunMarkName = (typeof RUN_MARKS)[number];

/** Performance mark the evaluation panel sets when a result's headline (summary, metric cards) committed. */
export const RESULT_HEADLINE_MARK = 'tau:results-headline';

/** Performance mark the training slice sets when a job's result message arrived on the page. */
export const RESULT_RECEIVED_MARK = 'tau:result-received';

/** The latest performance mark of this name as an absolute time (epochMs), or undefined. */
export function lastMarkAt(name: string): number | undefined {
  const entries = performance.getEntriesByName(name, 'mark');
  const last = entries[entries.length - 1];
  return last ? performance.timeOrigin + last.startTime : undefined;
}

export const epochMs = (): number => performance.timeOrigin + performance.now();

/** Collects marks; the first of each name wins (a search's many candidates keep the first batch). */
export class RunClock {
  readonly marks: RunMark[] = [];
  mark(name: RunMarkName, at = epochMs()): void {
    if (!this.marks.some((m) => m.name === name)) this.marks.push({ name, at });
  }
}

export interface RunPhases {
  /** Seconds between consecutive marks, named "<from>→<to>", in mark order. */
  phases: Record<string, number>;
  /** Seconds from the first mark to the last. */
  totalSeconds: number;
  /** Seconds from `call` to `first-batch` finished: bounds the wait before the first epoch starts. */
  untilFirstBatchSeconds: number | null;
  /** Seconds from `call` to the first batch's start (`first-batch-start`): the wait before training starts (target 5). */
  untilFirstBatchStartSeconds: number | null;
}

export function phasesOf(marks: readonly RunMark[]): RunPhases {
  const order = new Map<string, number>(RUN_MARKS.map((name, i) => [name, i]));
  const sorted = [...marks].sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  const phases: Record<string, number> = {};
  for (let i = 1; i < sorted.length; i++) phases[`${sorted[i - 1].name}→${sorted[i].name}`] = round((sorted[i].at - sorted[i - 1].at) / 1000);
  const at = (name: RunMarkName) => sorted.find((m) => m.name === name)?.at;
  const call = at('call');
  const first = at('first-batch');
  const firstStart = at('first-batch-start');
  return {
    phases,
    totalSeconds: sorted.length > 1 ? round((sorted[sorted.length - 1].at - sorted[0].at) / 1000) : 0,
    untilFirstBatchSeconds: call !== undefined && first !== undefined ? round((first - call) / 1000) : null,
    untilFirstBatchStartSeconds: call !== undefined && firstStart !== undefined ? round((firstStart - call) / 1000) : null,
  };
}

const round = (seconds: number) => Math.round(seconds * 1e4) / 1e4;
