import { describe, expect, it } from 'vitest';
import type { ModelContext, ModelInfo } from '../export/calls';
import { currentDocument } from '../notebook/test-utils/fixtures';
import type { CallName } from '../workers/protocol';
import type { Job, WorkerCaller } from '../workers/worker-client';
import { createStudioStore } from './studio-store';
import { setWorkerCaller } from './worker-access';

function info(source: ModelInfo['source'], metrics: ModelInfo['metrics'] = null): ModelInfo {
  return { id: 'm1', source, name: 'm', classes: ['benign', 'malignant'], exampleShape: [30], parameters: 62, preprocessing: null, image: null, hasReference: false, metrics, notes: [] };
}

/** A worker that answers `model-info` with `answer` and keeps what the page sent. */
function modelInfoWorker(answer: ModelInfo | null) {
  const sent: unknown[] = [];
  const caller: WorkerCaller = {
    call<K extends CallName>(call: K, payload: unknown): Job<never> {
      sent.push(payload);
      const promise = call === 'model-info' ? Promise.resolve(answer as never) : Promise.reject(new Error(`no answer for ${call} in this test`));
      return { id: sent.length, promise, cancel: () => undefined };
    },
  };
  return { sent, caller };
}

describe('refreshModel', () => {
  // For a 1,000-class result the metrics are a 1,000 × 1,000 confusion matrix: copying it to the worker and
  // back blocked the page ~1.5 s at every start-up. The page holds the metrics, so they stay on the page.
  it('sends no metrics to the worker and fills a trained model in with the notebook result’s metrics', async () => {
    const worker = modelInfoWorker(info('trained'));
    setWorkerCaller(worker.caller);
    const store = createStudioStore();
    const doc = currentDocument();
    store.getState().updateNotebook(() => doc);
    const got = await store.getState().refreshModel();
    expect((worker.sent[0] as ModelContext).metrics).toBeNull();
    expect((worker.sent[0] as ModelContext).name).toBe('breast-cancer-logreg');
    expect(got?.metrics?.evaluation?.test).toMatchObject({ accuracy: expect.any(Number) });
    expect(got?.metrics?.evaluation?.classes).toEqual(doc.results?.classes);
    expect(store.getState().currentModel).toBe(got);
  });

  it('keeps an imported model’s own metrics and gives a trained model none when the notebook has no result', async () => {
    const own = { format: 'tau-metrics' as const, version: 1 as const, exportedAt: '2026-01-01T00:00:00.000Z' };
    setWorkerCaller(modelInfoWorker(info('imported', own)).caller);
    const store = createStudioStore();
    store.getState().updateNotebook((doc) => doc);
    expect((await store.getState().refreshModel())?.metrics).toBe(own);
    setWorkerCaller(modelInfoWorker(info('trained')).caller);
    const empty = createStudioStore();
    expect((await empty.getState().refreshModel())?.metrics).toBeNull();
  });
});
