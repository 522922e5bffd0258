import { describe, expect, it } from 'vitest';
import { currentDocument } from '../notebook/test-utils/fixtures';
import type { JobProgress } from '../workers/protocol';
import type { TrainingResult } from '../train/result';
import type { Job } from '../workers/worker-client';
import { useStudio } from './studio-store';

/** A job that resolves with `result` when `finish()` is called, after sending `progress`. */
function fakeJob(result: TrainingResult, progress: JobProgress[]) {
  let finish: () => void = () => undefined;
  const start = (onProgress: (p: JobProgress) => void): Job<TrainingResult> => {
    const promise = new Promise<TrainingResult>((resolve) => {
      finish = () => {
        for (const p of progress) onProgress(p);
        resolve(result);
      };
    });
    return { promise, cancel: () => undefined } as unknown as Job<TrainingResult>;
  };
  return { start, finish: () => finish() };
}

describe('a training result arrives in turns (issue 19, 4b)', () => {
  it('commits the last progress, then the results, then the end of the run, each in a task of its own', async () => {
    const doc = currentDocument();
    if (!doc.results) throw new Error('the fixture has results');
    const result: TrainingResult = { ...doc.results, finishedAt: new Date(Date.parse(doc.results.finishedAt) + 1000).toISOString() };
    const record = result.training.history[0];
    const { start, finish } = fakeJob(result, [{ phase: 'epoch', candidate: 'mlp', record }]);
    const runsBefore = useStudio.getState().notebook.runs?.length ?? 0;

    // Every store change, with the macrotask it happened in (a counter a setTimeout 0 loop moves on).
    let task = 0;
    let ticking = true;
    const tick = () => {
      task++;
      if (ticking) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const seen: { task: number; what: string }[] = [];
    const unsubscribe = useStudio.subscribe((state, previous) => {
      if (state.training.runs !== previous.training.runs) seen.push({ task, what: 'progress' });
      if (state.notebook.results !== previous.notebook.results) seen.push({ task, what: 'results' });
      if (state.training.status === 'idle' && previous.training.status !== 'idle') seen.push({ task, what: 'idle' });
    });

    const done = useStudio.getState().runTrainingJob(start, { message: 'Starting…', epochs: 1 });
    expect(useStudio.getState().training.status).toBe('running');
    finish();
    const returned = await done;
    ticking = false;
    unsubscribe();

    expect(returned).toBe(result);
    expect(seen.map((s) => s.what)).toEqual(['progress', 'results', 'idle']);
    // Three different tasks, in order.
    expect(seen[0].task).toBeLessThan(seen[1].task);
    expect(seen[1].task).toBeLessThan(seen[2].task);
    // When the run reports idle (what a notebook switch waits for), its result and run record are in the notebook.
    const state = useStudio.getState();
    expect(state.notebook.results).toBe(result);
    expect(state.notebook.runs?.length).toBe(runsBefore + 1);
    expect(state.backendInUse?.name).toBe(result.backend);
  });
});
