import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { prepareTable } from '../preprocess/prepare';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { buildModel } from '../models/build-model';
import { DEFAULT_CNN, DEFAULT_LOGREG, DEFAULT_MLP } from '../models/spec';
import { DEFAULT_TRAIN, type TrainSettings } from './settings';
import { DeviceFailureError, trainWithRecovery, type BackendRecovery } from './device-recovery';
import { trainModel, type EpochRecord, type TrainingData } from './train-loop';
import type { ResumePoint } from './resume-point';
import { runTableTraining } from './training-job';
import type { JobProgress, TrainJob } from './job';
import { validateNotebook } from '../notebook/validate';
import { createNotebook } from '../notebook/document';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const irisText = () => readFileSync(new URL('../../public/samples/iris.csv', import.meta.url), 'utf8');

function irisData(): TrainingData {
  const parsed = parseCsvText(irisText());
  const prepared = prepareTable(parsed.table, profileTable(parsed.table), { ...DEFAULT_PREPARE, target: 'species' });
  return {
    features: prepared.features,
    exampleShape: [prepared.fitted.inputSize],
    labels: prepared.labels,
    classCount: prepared.fitted.target.classes.length,
    train: prepared.split.train,
    validation: prepared.split.validation,
  };
}

/** A recovery whose device "fails" once, after epoch `k` completes (the real injection destroys the WebGPU device there). */
function failingAfter(k: number, fallbacks: string[] = []): BackendRecovery {
  let failed = false;
  return {
    afterEpoch(epoch, backend) {
      if (epoch === k && !failed) {
        failed = true;
        throw new DeviceFailureError(backend, 'device was lost');
      }
    },
    async fallback(error, from) {
      fallbacks.push(from);
      if (!(error instanceof DeviceFailureError)) return null;
      await tf.setBackend('cpu');
      return { to: 'cpu', cause: error.failure };
    },
  };
}

describe('training resumes after a device failure', () => {
  const settings: TrainSettings = { ...DEFAULT_TRAIN, optimizer: 'sgd', learningRate: 0.1, epochs: 8, earlyStopping: false, batchSize: 16, backend: 'cpu' };
  const spec = { ...DEFAULT_MLP, hidden: [8], dropout: 0 };

  for (const fused of [false, true]) {
    it(`${fused ? 'fused' : 'TF.js'} loop: a failure after epoch 3 rebuilds the model with epoch 3's weights and trains epochs 4-8`, async () => {
      const data = irisData();
      const build = () => buildModel(spec, data.exampleShape, 3, 7);
      const before = tf.memory().numTensors;
      // The uninterrupted run, with its state after every epoch.
      const points: ResumePoint[] = [];
      const referenceModel = build();
      const reference = await trainModel(referenceModel, data, settings, { fused, onResumePoint: (p) => void points.push(p) });
      referenceModel.dispose();
      expect(points.map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

      const fallbacks: string[] = [];
      let rebuiltWith: number[][] = [];
      const recovery: BackendRecovery = {
        ...failingAfter(3, fallbacks),
        resumed: (model) => {
          rebuiltWith = model.getWeights().map((w) => Array.from(w.dataSync()));
        },
      };
      const resumed = await trainWithRecovery(build, data, settings, { fused }, 'webgpu', recovery);
      expect(fallbacks).toEqual(['webgpu']);
      expect(resumed.backend).toBe('cpu');
      expect(resumed.resumptions).toHaveLength(1);
      expect(resumed.resumptions[0]).toMatchObject({ from: 'webgpu', to: 'cpu', failedEpoch: 4, resumedFrom: 3 });
      expect(resumed.resumptions[0].message).toBe(
        "WebGPU device was lost during epoch 4; resumed on CPU from epoch 3 (its weights, best model so far and learning rate; the optimizer's moments restart).",
      );
      // Exactly the weights the uninterrupted run had after epoch 3, and its first three epochs.
      expect(rebuiltWith).toEqual(points[2].weights.map((w) => Array.from(w)));
      const noClock = (h: EpochRecord[]) => h.map(({ seconds: _seconds, ...rest }) => rest);
      expect(noClock(resumed.outcome.history.slice(0, 3))).toEqual(noClock(reference.history.slice(0, 3)));
      expect(resumed.outcome.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(resumed.outcome.samplesSeen).toBe(reference.samplesSeen);
      // Training went on from there (momentum restarts, so later epochs differ slightly, not a restart from scratch).
      expect(resumed.outcome.history[3].loss).toBeLessThan(reference.history[0].loss);
      expect(Math.abs(resumed.outcome.history[7].loss - reference.history[7].loss)).toBeLessThan(0.05);
      resumed.model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('keeps the best epoch from before the failure (early stopping on a resumed run)', async () => {
    const data = irisData();
    const build = () => buildModel(DEFAULT_LOGREG, data.exampleShape, 3, 1);
    const run = await trainWithRecovery(build, data, { ...settings, epochs: 6, learningRate: 0.05 }, { fused: false }, 'webgpu', failingAfter(5));
    expect(run.resumptions[0]).toMatchObject({ failedEpoch: 6, resumedFrom: 5 });
    expect(run.outcome.history).toHaveLength(6);
    expect(run.outcome.bestEpoch).toBeGreaterThanOrEqual(1);
    run.model.dispose();
  });

  it('a failure before the first epoch finished restarts from the same initial weights', async () => {
    const data = irisData();
    const build = () => buildModel(spec, data.exampleShape, 3, 7);
    let thrown = false;
    const recovery: BackendRecovery = {
      afterEpoch: () => undefined,
      fallback: async (error) => (error instanceof DeviceFailureError ? { to: 'cpu', cause: 'ran out of memory' } : null),
    };
    const run = await trainWithRecovery(
      build,
      data,
      { ...settings, epochs: 2 },
      {
        fused: false,
        onBatch: () => {
          if (!thrown) {
            thrown = true;
            throw new DeviceFailureError('webgl', 'ran out of memory');
          }
        },
      },
      'webgl',
      recovery,
    );
    expect(run.resumptions[0]).toMatchObject({ from: 'webgl', to: 'cpu', failedEpoch: 1, resumedFrom: 0 });
    expect(run.resumptions[0].message).toContain('WebGL ran out of memory during epoch 1; no epoch had finished, so training restarted on CPU');
    expect(run.outcome.history).toHaveLength(2);
    run.model.dispose();
  });

  it('an error that is not a device failure is not retried', async () => {
    const data = irisData();
    const before = tf.memory().numTensors;
    const fallbacks: string[] = [];
    const recovery: BackendRecovery = {
      afterEpoch: (epoch) => {
        if (epoch === 2) throw new Error('a bug');
      },
      fallback: async (error, from) => {
        fallbacks.push(from);
        return error instanceof DeviceFailureError ? { to: 'cpu', cause: 'x' } : null;
      },
    };
    await expect(trainWithRecovery(() => buildModel(spec, data.exampleShape, 3, 7), data, settings, { fused: false }, 'cpu', recovery)).rejects.toThrow('a bug');
    expect(fallbacks).toEqual(['cpu']);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the job result and the notebook say where training resumed', async () => {
    const parsed = parseCsvText(irisText());
    const job: TrainJob = {
      datasetId: 'table-1',
      prepare: { ...DEFAULT_PREPARE, target: 'species' },
      model: 'mlp',
      specs: { logreg: DEFAULT_LOGREG, mlp: spec, cnn: DEFAULT_CNN },
      training: { ...settings, epochs: 5 },
    };
    const progress: JobProgress[] = [];
    const { result, trained } = await runTableTraining(job, parsed.table, profileTable(parsed.table), 'iris', {
      signal: new AbortController().signal,
      progress: (p) => progress.push(p),
      backend: { name: 'webgpu', reason: 'chosen by you', adapter: 'test adapter' },
      recovery: failingAfter(2),
    });
    trained.model.dispose();
    expect(result.backend).toBe('cpu');
    expect(result.adapter).toBeUndefined();
    expect(result.training.epochs).toBe(5);
    expect(result.recovery).toEqual([expect.objectContaining({ from: 'webgpu', to: 'cpu', failedEpoch: 3, resumedFrom: 2 })]);
    expect(result.warnings[0]).toMatch(/^WebGPU device was lost during epoch 3; resumed on CPU from epoch 2/);
    expect(result.backendReason).toMatch(/resumed on CPU from epoch 2.*Chosen first: chosen by you/);
    expect(progress.some((p) => p.phase === 'backend' && p.message.includes('WebGPU device was lost; continuing on CPU'))).toBe(true);
    // The notebook keeps the record (schema field `recovery`).
    const document = { ...createNotebook(), results: result };
    const validated = validateNotebook(JSON.parse(JSON.stringify(document)));
    expect(validated.ok).toBe(true);
    if (validated.ok) expect(validated.value.results?.recovery?.[0].resumedFrom).toBe(2);
  });
});
