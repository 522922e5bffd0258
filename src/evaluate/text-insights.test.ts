import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { DEFAULT_CNN, DEFAULT_LOGREG, DEFAULT_MLP } from '../models/spec';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { DEFAULT_TRAIN } from '../train/settings';
import { runTableTraining } from '../train/training-job';
import { findTextMistakes, topTokensPerClass } from './text-insights';

describe('text evaluation', () => {
  it('lists wrong predictions only, most confident first, with the 1-based file row and a capped snippet', () => {
    // Rows: true 0 / predicted 1 (0.9), right, true 1 / predicted 0 (0.6), true 0 / predicted 1 (0.7).
    const probabilities = Float32Array.from([0.1, 0.9, 0.8, 0.2, 0.6, 0.4, 0.3, 0.7]);
    const yTrue = Int32Array.from([0, 0, 1, 0]);
    const texts = ['first', 'second', 'x'.repeat(500), 'fourth'];
    const mistakes = findTextMistakes(yTrue, probabilities, 2, [10, 11, 12, 13], (i) => texts[i]);
    expect(mistakes.map((m) => [m.row, m.trueClass, m.predictedClass])).toEqual([
      [11, 0, 1],
      [14, 0, 1],
      [13, 1, 0],
    ]);
    expect(mistakes[0].confidence).toBeCloseTo(0.9, 6);
    expect(mistakes[2].text.length).toBe(240);
    expect(mistakes[2].text.endsWith('…')).toBe(true);
  });

  it('ranks terms by their weight for each class and leaves out negative weights', () => {
    // 3 inputs × 2 classes, row-major: input 0 → [2, -1], input 1 → [0.5, 3], input 2 (not a term) → [9, 9].
    const kernel = Float32Array.from([2, -1, 0.5, 3, 9, 9]);
    const top = topTokensPerClass(kernel, 3, 2, [
      { slot: 0, token: 'alpha' },
      { slot: 1, token: 'beta' },
    ]);
    expect(top[0].tokens.map((t) => t.token)).toEqual(['alpha', 'beta']);
    expect(top[1].tokens).toEqual([{ token: 'beta', weight: 3 }]);
    expect(() => topTokensPerClass(kernel, 4, 2, [])).toThrow(/4 × 2 kernel/);
  });

  it('bag-of-words logistic regression on the English fixture: each section’s top terms include a word of its own domain', async () => {
    await tf.setBackend('cpu');
    const parsed = parseCsvText(readFileSync(new URL('../../e2e/fixtures/text/debian-packages-en.csv', import.meta.url), 'utf8'));
    const { result, trained } = await runTableTraining(
      {
        datasetId: 't',
        prepare: { ...DEFAULT_PREPARE, target: 'section', seed: 1, textVocabularySize: 3000 },
        model: 'logreg',
        specs: { logreg: DEFAULT_LOGREG, mlp: DEFAULT_MLP, cnn: DEFAULT_CNN },
        training: { ...DEFAULT_TRAIN, epochs: 30, backend: 'cpu', seed: 1 },
      },
      parsed.table,
      profileTable(parsed.table),
      'en',
      { signal: new AbortController().signal, progress: () => undefined, backend: { name: 'cpu', reason: 'test' } },
    );
    trained.model.dispose();
    const top = Object.fromEntries((result.topTokens ?? []).map((c) => [result.classes[c.classIndex], c.tokens.map((t) => t.token)]));
    expect(Object.keys(top).sort()).toEqual(result.classes);
    expect(top.games.join(' ')).toMatch(/game/);
    expect(top.mail.join(' ')).toMatch(/mail/);
    expect(top.sound.join(' ')).toMatch(/audio|sound/);
    expect((result.textMistakes ?? []).length).toBeGreaterThan(0);
  }, 120_000);
});
