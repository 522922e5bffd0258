import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import fixture from '../models/fixtures/sklearn-logistic.json' with { type: 'json' };
import { predictProbabilities } from '../models/predict-probabilities';
import { DEFAULT_TRAIN } from './settings';
import { trainCandidate } from './train-candidate';
import { trainFullBatchLogreg } from './full-batch-logreg';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const iris = fixture.cases.find((c) => c.name === 'iris');
if (!iris) throw new Error('fixture without iris');
const n = iris.y.length;
const data = { features: Float32Array.from(iris.x), exampleShape: [iris.p], labels: Int32Array.from(iris.y), classCount: iris.classes };
const all = Int32Array.from({ length: n }, (_, i) => i);

describe('full-batch logistic regression as a TF.js model', () => {
  it("packs scikit-learn's solution into the Dense softmax model (C = 1 on iris) and leaks no tensors", async () => {
    const ref = iris.fits.find((f) => f.C === 1);
    if (!ref) throw new Error('fixture without C = 1');
    const before = tf.memory().numTensors;
    const { model, outcome } = await trainCandidate({ kind: 'logreg', l2: 0, solver: 'lbfgs', c: 1 }, { ...DEFAULT_TRAIN, seed: 1 }, data, all, new Int32Array(0));
    expect(model.layers).toHaveLength(1);
    expect(model.layers[0].getClassName()).toBe('Dense');
    const probabilities = await predictProbabilities(model, data.features, data.exampleShape, all);
    let worst = 0;
    for (let i = 0; i < probabilities.length; i++) worst = Math.max(worst, Math.abs(probabilities[i] - ref.probabilities[i]));
    expect(worst).toBeLessThan(1e-4);
    expect(outcome.history).toHaveLength(1);
    expect(outcome.history[0].accuracy).toBeCloseTo(ref.accuracy, 10);
    expect(outcome.history[0].valLoss).toBeNull();
    expect(outcome.stoppedBy).toBe('epochs');
    expect(tf.memory().numTensors - before).toBe(model.weights.length);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('scores the validation rows, fits only the training rows, and a stop before the first iteration keeps no epoch', async () => {
    const train = all.filter((_, i) => i % 5 !== 0);
    const validation = all.filter((_, i) => i % 5 === 0);
    const before = tf.memory().numTensors;
    const run = await trainFullBatchLogreg({ kind: 'logreg', l2: 0, solver: 'lbfgs', c: 10 }, data, train, validation, 1);
    const record = run.outcome.history[0];
    expect(record.valAccuracy).toBeGreaterThan(0.85);
    expect(record.valLoss).toBeGreaterThan(0);
    expect(run.fit.converged).toBe(true);
    run.model.dispose();
    const stopped = await trainFullBatchLogreg({ kind: 'logreg', l2: 0, solver: 'lbfgs', c: 10 }, data, train, validation, 1, () => true);
    expect(stopped.outcome.history).toHaveLength(0);
    expect(stopped.outcome.stoppedBy).toBe('user');
    stopped.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('uses the per-row L2 when no C is given (λ·Σw² per row = α/2)', async () => {
    const withC = await trainFullBatchLogreg({ kind: 'logreg', l2: 0, solver: 'lbfgs', c: 2 }, data, all, new Int32Array(0), 1);
    // C = 2 on 150 rows and 3 classes: α = 1/(C·n), so λ = α/2 = 1/(4·150).
    const withL2 = await trainFullBatchLogreg({ kind: 'logreg', l2: 1 / (4 * n), solver: 'lbfgs' }, data, all, new Int32Array(0), 1);
    for (let i = 0; i < withC.fit.weights.length; i++) expect(withL2.fit.weights[i]).toBeCloseTo(withC.fit.weights[i], 6);
    withC.model.dispose();
    withL2.model.dispose();
  });
});
