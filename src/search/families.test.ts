import type { ClassificationReport } from '../evaluate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { ImageDatasetBuilder, type ImageDataset } from '../data/images/image-dataset';
import { createRandom } from '../data/random';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { prepareTable } from '../preprocess/prepare';
import type { FittedFeature } from '../preprocess/fitted';
import { CNN_PRESETS } from '../train/image-presets';
import type { JobProgress } from '../train/job';
import { DEFAULT_TRAIN } from '../train/settings';
import { cnnTrialSpec, familiesFor, quickFamilies, searchFamily, SEARCH_FAMILY_NAMES } from './families';
import { defaultTrials, sampleTrial } from './sampler';
import { runImageSearch, runTableSearch } from './search-job';
import { searchSpaceFor, trialModelSpec } from './space';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const context = (progress: JobProgress[] = []) => ({ signal: new AbortController().signal, progress: (p: JobProgress) => progress.push(p), backend: { name: 'cpu' as const, reason: 'test' } });

describe('model families in the search space', () => {
  it('chooses families by data: CNNs for images, logreg/MLP for plain tables, and the text CNN too for text', () => {
    expect(SEARCH_FAMILY_NAMES).toEqual(['logreg', 'logreg-lbfgs', 'mlp', 'cnn', 'textcnn']);
    expect(familiesFor('image')).toEqual(['cnn']);
    expect(familiesFor('table')).toEqual(['logreg', 'logreg-lbfgs', 'mlp']);
    expect(familiesFor('text')).toEqual(['logreg', 'mlp', 'textcnn']);
    expect(() => searchFamily('forest')).toThrow(/Unknown model family "forest"/);
  });

  it("keeps the text CNN out of auto's quick search (an explicit search still samples it)", () => {
    expect(quickFamilies(familiesFor('text'))).toEqual(['logreg', 'mlp']);
    expect(quickFamilies(familiesFor('table'))).toEqual(['logreg', 'logreg-lbfgs', 'mlp']);
    expect(quickFamilies(familiesFor('image'))).toEqual(['cnn']);
  });

  it('scales CNN preset filters and sets dropout; width 1 and the preset dropout give the preset back', () => {
    const medium = CNN_PRESETS.medium.spec;
    expect(cnnTrialSpec('medium', 1, 0.25, 0)).toEqual({ ...medium, layers: medium.layers.map((l) => (l.type === 'dropout' && l.rate === 0.3 ? { ...l, rate: 0.25 } : l)) });
    const wide = cnnTrialSpec('small', 2, 0.4, 1e-4);
    expect(wide.layers.filter((l) => l.type === 'conv').map((l) => (l.type === 'conv' ? l.filters : 0))).toEqual([16, 32]);
    expect(wide.layers.some((l) => l.type === 'dropout' && l.rate === 0.4)).toBe(true);
    expect(wide.l2).toBe(1e-4);
    expect(cnnTrialSpec('medium', 0.5, 0, 0).layers.some((l) => l.type === 'dropout')).toBe(false);
  });

  it('samples CNN settings for images and text settings for text tables; defaults come first', () => {
    const random = createRandom(4);
    const images = searchSpaceFor({ rows: 400, inputs: 64, classes: 2, modality: 'image' });
    for (let i = 0; i < 50; i++) {
      const s = sampleTrial(images, random);
      expect(s.family).toBe('cnn');
      expect(images.cnnPresets).toContain(s.cnn?.preset);
      expect(images.cnnWidths).toContain(s.cnn?.width);
      expect(trialModelSpec(s).kind).toBe('cnn');
      expect(s.text).toBeUndefined();
    }
    expect(defaultTrials(images)).toMatchObject([{ family: 'cnn', cnn: { preset: 'medium', width: 1 }, learningRate: 0.001 }]);

    const text = searchSpaceFor({ rows: 200, inputs: 5000, classes: 2, modality: 'text', textVocabulary: 5000 });
    expect(text.text).toEqual({ vocabularies: [5000, 2000], ngrams: [2, 1] });
    const seen = new Set<string>();
    const families = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const s = sampleTrial(text, random);
      families.add(s.family);
      seen.add(`${s.text?.vocabulary}/${s.text?.ngrams}`);
      if (s.family === 'textcnn') {
        // A text CNN trial samples its sizes from the space and trains the text CNN spec.
        expect(text.textCnn.embeddingDims).toContain(s.textcnn?.embeddingDim);
        expect(text.textCnn.filters).toContain(s.textcnn?.filters);
        expect(text.textCnn.kernels).toContain(s.textcnn?.kernel);
        expect(trialModelSpec(s)).toMatchObject({ kind: 'textcnn', dropout: s.dropout, l2: s.l2, embeddingDim: s.textcnn?.embeddingDim });
      } else expect(s.textcnn).toBeUndefined();
    }
    expect(families).toEqual(new Set(['logreg', 'mlp', 'textcnn']));
    expect(seen).toEqual(new Set(['5000/2', '5000/1', '2000/2', '2000/1']));
    // The logistic regression default on text is scikit-learn's C=1 penalty, 1 / (2 · rows).
    expect(defaultTrials(text)[0]).toMatchObject({ family: 'logreg', l2: 0.0025, text: { vocabulary: 5000, ngrams: 2 } });
    // The text CNN is sampled only: the quick defaults stay auto's first trials.
    expect(defaultTrials(text).map((t) => t.family)).toEqual(['logreg', 'mlp']);
  });
});

/** 8×8 grayscale: "bar" has a bright vertical bar, "blob" a bright square, at random places, on noise. */
function shapes(count: number, seed: number): ImageDataset {
  const random = createRandom(seed);
  const builder = new ImageDatasetBuilder({ width: 8, height: 8, channels: 1 });
  for (let i = 0; i < count; i++) {
    const px = Uint8Array.from({ length: 64 }, () => Math.floor(random() * 60));
    const bar = i % 2 === 0;
    const x0 = Math.floor(random() * 5);
    const y0 = Math.floor(random() * 3);
    for (let y = 0; y < 6; y++) for (let x = 0; x < 3; x++) if (bar ? x === 1 : y < 3) px[(y0 + y) * 8 + x0 + x] = 240;
    builder.add(px, 1, bar ? 'bar' : 'blob', `${bar ? 'bar' : 'blob'}/${i}.png`);
  }
  return builder.build();
}

describe('searching CNNs on images (real training on the CPU backend)', () => {
  it('tries CNN trials through the image source, refits, evaluates once, and keeps only the final model', async () => {
    const dataset = shapes(48, 2);
    const before = tf.memory().numTensors;
    const progress: JobProgress[] = [];
    const job = {
      datasetId: 'shapes',
      prepare: { ...DEFAULT_PREPARE, seed: 1 },
      training: { ...DEFAULT_TRAIN, seed: 3 },
      search: { budget: { kind: 'trials', count: 1 } as const, folds: 2, maxEpochs: 2 },
    };
    const { result, trained } = await runImageSearch(job, dataset, 'shapes', context(progress));
    expect(result.search.trials).toHaveLength(1);
    for (const trial of result.search.trials) {
      expect(trial.settings.family).toBe('cnn');
      expect(trial.validation.folds).toBe(2);
      expect(JSON.stringify(trial)).not.toMatch(/test/i);
    }
    expect(result.model.kind).toBe('cnn');
    expect(result.image).toMatchObject({ width: 8, height: 8, channels: 1, images: 48 });
    expect(Array.isArray(result.misclassified)).toBe(true);
    expect(trained.image).toEqual({ width: 8, height: 8, channels: 1 });
    expect(trained.exampleShape).toEqual([8, 8, 1]);
    expect(result.split.test + result.split.train).toBe(48);
    expect((result.metrics as ClassificationReport).confusionMatrix.matrix.flat().reduce((a, b) => a + b, 0)).toBe(result.split.test);
    expect(tf.memory().numTensors - before).toBe(trained.model.weights.length);
    trained.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);
});

/** A small review table: the label follows a few words; bigrams ("not good") flip them. */
function reviews(count: number, seed: number): string {
  const random = createRandom(seed);
  const good = ['great', 'lovely', 'excellent', 'good', 'fine'];
  const bad = ['awful', 'broken', 'poor', 'bad', 'dull'];
  const filler = ['the', 'item', 'was', 'quite', 'really', 'box', 'delivery', 'colour', 'size', 'today'];
  const word = (list: string[]) => list[Math.floor(random() * list.length)];
  const lines = ['review,label'];
  for (let i = 0; i < count; i++) {
    const positive = i % 2 === 0;
    const words = Array.from({ length: 6 }, () => word(filler));
    words.splice(Math.floor(random() * 6), 0, word(positive ? good : bad));
    lines.push(`${words.join(' ')},${positive ? 'pos' : 'neg'}`);
  }
  return lines.join('\n');
}

describe('searching text tables (TF-IDF settings per trial)', () => {
  const parsed = parseCsvText(reviews(120, 7));
  const profiles = profileTable(parsed.table);
  const prepare = { ...DEFAULT_PREPARE, target: 'label', seed: 2, columnTypes: [{ name: 'review', type: 'text' as const }], textVocabularySize: 200 };
  const textFeature = (f: FittedFeature[]) => f.find((x) => x.kind === 'text');

  it('encodes uni- and bigrams by default and words only with textWordNgrams 1', () => {
    const bigrams = textFeature(prepareTable(parsed.table, profiles, prepare).fitted.features);
    const words = textFeature(prepareTable(parsed.table, profiles, { ...prepare, textWordNgrams: 1 }).fitted.features);
    if (bigrams?.kind !== 'text' || words?.kind !== 'text') throw new Error('expected a text feature');
    expect(bigrams.terms.some((t) => t.includes(' '))).toBe(true);
    expect(words.terms.some((t) => t.includes(' '))).toBe(false);
    expect(words.tokenizer.wordNgrams).toEqual([1, 1]);
    expect(() => prepareTable(parsed.table, profiles, { ...prepare, textWordNgrams: 4 })).toThrow(/1, 2 or 3/);
  });

  it('gives every trial text settings, and fits the final model on the chosen encoding', async () => {
    const before = tf.memory().numTensors;
    const job = { datasetId: 'reviews', prepare, training: { ...DEFAULT_TRAIN, seed: 1 }, search: { budget: { kind: 'trials', count: 3 } as const, folds: 2, maxEpochs: 6 } };
    const { result, trained } = await runTableSearch(job, parsed.table, profiles, 'reviews', context());
    for (const trial of result.search.trials) {
      expect(trial.settings.text).toBeDefined();
      expect([200]).toContain(trial.settings.text?.vocabulary);
    }
    expect(result.search.trials[0].settings).toMatchObject({ family: 'logreg', text: { vocabulary: 200, ngrams: 2 } });
    trained.model.dispose();

    // A leaderboard retrain with words only, 50 terms: the result's preparation and fitted encoding say so.
    const pick = { ...result.search.trials[0].settings, text: { vocabulary: 50, ngrams: 1 } };
    const retrained = await runTableSearch({ ...job, retrain: { trialId: 1, settings: pick, epochs: 5 } }, parsed.table, profiles, 'reviews', context());
    expect(retrained.result.prepare).toMatchObject({ textVocabularySize: 50, textWordNgrams: 1 });
    const fitted = textFeature(retrained.result.preprocessing?.features ?? []);
    if (fitted?.kind !== 'text') throw new Error('expected a text feature');
    expect(fitted.terms.length).toBeLessThanOrEqual(50);
    expect(fitted.tokenizer.wordNgrams).toEqual([1, 1]);
    expect(retrained.trained.exampleShape).toEqual([fitted.terms.length]);
    expect((retrained.result.metrics as ClassificationReport).accuracy).toBeGreaterThan(0.7);
    retrained.trained.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);

  it('trains a text CNN trial on word-id sequences (a leaderboard retrain of a sampled trial) and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    // Sizes kept tiny: the CPU backend under load. The search's CV runs use the same source and trainer.
    const sampled = sampleTrial(searchSpaceFor({ rows: 96, inputs: 200, classes: 2, modality: 'text', textVocabulary: 200 }), createRandom(9));
    const settings = { ...sampled, family: 'textcnn' as const, hidden: [], learningRate: 0.01, dropout: 0.3, l2: 0, batchSize: 16, textcnn: { embeddingDim: 8, filters: 8, kernel: 3 } };
    const job = { datasetId: 'reviews', prepare, training: { ...DEFAULT_TRAIN, seed: 4 }, search: { budget: { kind: 'trials', count: 3 } as const, folds: 2 } };
    const retrained = await runTableSearch({ ...job, retrain: { trialId: 3, settings, epochs: 3 } }, parsed.table, profiles, 'reviews', context());
    expect(retrained.result.model).toMatchObject({ kind: 'textcnn', embeddingDim: 8, filters: 8, kernel: 3 });
    const fitted = textFeature(retrained.result.preprocessing?.features ?? []);
    expect(fitted?.kind === 'text' && fitted.encoding).toBe('sequence');
    expect(retrained.result.training.epochs).toBe(3);
    expect((retrained.result.metrics as ClassificationReport).confusionMatrix.matrix.flat().reduce((a, b) => a + b, 0)).toBe(retrained.result.split.test);
    retrained.trained.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);
});
