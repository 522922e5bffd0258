import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { validateNotebook } from '../notebook/validate';
import type { EpochRecord } from '../train/train-loop';
import { defaultTarget } from './dataset-slice';
import { useStudio } from './studio-store';
import { applyProgress, type TrainingState } from './training-slice';

const record = (epoch: number): EpochRecord => ({ epoch, loss: 1 / epoch, accuracy: 0.5, valLoss: null, valAccuracy: null, seconds: 0.1, learningRate: 0.01 });

describe('studio store (Node, no worker started)', () => {
  it('starts with a valid notebook, no data and idle training', () => {
    const state = useStudio.getState();
    expect(validateNotebook(JSON.parse(JSON.stringify(state.notebook))).ok).toBe(true);
    expect([state.dataset, state.loading, state.trainError]).toEqual([null, null, null]);
    expect(state.training.status).toBe('idle');
  });

  it('settings actions change only the notebook, and keep the rest of the state as it was', () => {
    const before = useStudio.getState();
    before.setPrepare({ testFraction: 0.3 });
    before.setTraining({ epochs: 7 });
    const after = useStudio.getState();
    expect(after.notebook.prepare.testFraction).toBe(0.3);
    expect(after.notebook.training.epochs).toBe(7);
    expect(after.notebook).not.toBe(before.notebook);
    for (const key of ['dataset', 'training', 'backendInUse', 'loading'] as const) expect(after[key], key).toBe(before[key]);
  });

  it('stopping when nothing trains changes nothing', () => {
    const before = useStudio.getState().training;
    useStudio.getState().stopTraining();
    expect(useStudio.getState().training).toBe(before);
  });
});

describe('training progress', () => {
  const idle: TrainingState = { status: 'running', message: 'Starting…', candidate: '', epoch: 0, epochs: 3, batch: 0, batches: 0, runs: [], search: null, cancel: null };

  it('folds epochs into one run per candidate, in order, and clears the message on batch progress', () => {
    const steps = [
      { phase: 'backend', message: 'Choosing a backend…' },
      { phase: 'training', candidate: 'mlp', epoch: 1, epochs: 3, batch: 2, batches: 4 },
      { phase: 'epoch', candidate: 'mlp', record: record(1) },
      { phase: 'epoch', candidate: 'mlp', record: record(2) },
      { phase: 'epoch', candidate: 'logreg', record: record(1) },
    ] as const;
    const states = steps.reduce<TrainingState[]>((acc, p) => [...acc, applyProgress(acc[acc.length - 1], p)], [idle]);
    expect(states[1].message).toBe('Choosing a backend…');
    expect(states[2]).toMatchObject({ message: '', candidate: 'mlp', batch: 2, batches: 4 });
    const last = states[states.length - 1];
    expect(last.runs.map((r) => [r.candidate, r.history.map((h) => h.epoch)])).toEqual([
      ['mlp', [1, 2]],
      ['logreg', [1]],
    ]);
    // Earlier states are not mutated (the store relies on new objects to re-render).
    expect(states[3].runs[0].history).toHaveLength(1);
  });
});

describe('defaultTarget', () => {
  const { table } = parseCsvText('x,kind,flag,label\n1,a,yes,p\n2,b,no,q\n3,a,yes,p\n4,c,no,q\n', 't.csv');
  const profiles = profileTable(table);

  it('takes the first preferred column that can be a target, else the last categorical one', () => {
    expect(defaultTarget(profiles, ['missing', 'kind'])).toBe('kind');
    expect(defaultTarget(profiles, [])).toBe('label');
  });
});
