import { describe, expect, it } from 'vitest';
import { latestRunMarks, runMarksWhenSettled, startRunClock, withRunClock } from './run-clock';
import type { JobProgress } from '../train/job';

describe('run clock', () => {
  it('answers a waiting call with the marks of the run that was in progress, once it settles', async () => {
    const run = startRunClock(() => undefined);
    const answer = runMarksWhenSettled(new AbortController().signal);
    let settled = false;
    void answer.then(() => (settled = true));
    run.progress({ phase: 'training', candidate: 'mlp', epoch: 1, epochs: 1, batch: 1, batches: 1 });
    run.clock.mark('evaluated');
    await Promise.resolve();
    expect(settled).toBe(false);
    run.settle();
    expect((await answer)?.map((m) => m.name)).toEqual(['worker-received', 'first-batch', 'evaluated']);
  });

  it('waits for the next run when none is in progress, and a failed run still answers', async () => {
    const answer = runMarksWhenSettled(new AbortController().signal);
    const failing = withRunClock(async (_payload: null, _signal: AbortSignal, progress: (p: JobProgress) => void) => {
      progress({ phase: 'evaluating', message: 'x' });
      throw new Error('no data');
    });
    await expect(failing(null, new AbortController().signal, () => undefined)).rejects.toThrow('no data');
    expect((await answer)?.map((m) => m.name)).toEqual(['worker-received', 'trained']);
    expect(latestRunMarks()?.map((m) => m.name)).toEqual(['worker-received', 'trained']);
  });

  it('a cancelled wait answers null and is not answered again', async () => {
    const controller = new AbortController();
    const answer = runMarksWhenSettled(controller.signal);
    controller.abort();
    expect(await answer).toBeNull();
    const run = startRunClock(() => undefined);
    const next = runMarksWhenSettled(new AbortController().signal);
    run.settle();
    expect((await next)?.map((m) => m.name)).toEqual(['worker-received']);
    expect(await runMarksWhenSettled(AbortSignal.abort())).toBeNull();
  });
});
