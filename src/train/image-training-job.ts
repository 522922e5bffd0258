/**
 * Trains a classifier on a loaded image set, the image counterpart of runTableTraining: stratified
 * seeded split, pixels scaled to [0, 1], the shared training loop (with seeded augmentation as its
 * per-batch hook), and the same evaluation as tables plus the most confident test mistakes.
 */
import * as tf from '@tensorflow/tfjs';
import { DataError } from '../lib/errors';
import type { ImageDataset } from '../data/images/image-dataset';
import { buildModel } from '../models/build-model';
import { describeModel, validateModelSpec } from '../models/spec';
import { stratifiedSplit } from '../preprocess/split';
import type { TrainJob } from './job';
import { createAugmenter, hasAugmentation } from './image-augment';
import { validateAugmentation } from '../data/images/settings';
import { findMisclassified } from './image-result';
import { checkCnnFitsImage, imageModelSpec } from './image-presets';
import type { TrainingResult } from './result';
import { validateTrainSettings } from './settings';
import { seedMathRandom } from './seeded-scope';
import { evaluateTestSplit } from './test-evaluation';
import { predictProbabilities } from '../models/predict-probabilities';
import { trainModel, type TrainingData } from './train-loop';
import type { JobContext, TrainedModel } from './training-job';

/** Pixels as float32 in [0, 1], image after image (HWC), the layout the models take. */
export function scalePixels(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  return out;
}

export async function runImageTraining(job: TrainJob, dataset: ImageDataset, datasetName: string, context: JobContext): Promise<{ result: TrainingResult; trained: TrainedModel }> {
  const settingsProblem = validateTrainSettings(job.training);
  if (settingsProblem) throw new DataError('invalid_settings', settingsProblem);
  const spec = imageModelSpec(job);
  const specProblem = validateModelSpec(spec) ?? (spec.kind === 'cnn' ? checkCnnFitsImage(spec, dataset.width, dataset.height) : null);
  if (specProblem) throw new DataError('invalid_model', specProblem);
  const augmentation = job.images?.augmentation;
  const augmentationProblem = augmentation ? validateAugmentation(augmentation) : null;
  if (augmentationProblem) throw new DataError('invalid_settings', augmentationProblem);

  context.progress({ phase: 'preparing', message: 'Splitting the images (stratified) and scaling pixels to 0–1…' });
  const classes = dataset.classes;
  const split = stratifiedSplit(dataset.labels, classes.length, { testFraction: job.prepare.testFraction, validationFraction: job.prepare.validationFraction, seed: job.prepare.seed });
  if (split.test.length === 0) throw new DataError('too_few_rows', 'The test split is empty; raise the test fraction or add images.');
  const { width, height, channels } = dataset;
  const exampleShape = spec.kind === 'cnn' ? [height, width, channels] : [height * width * channels];
  const data: TrainingData = {
    features: scalePixels(dataset.pixels),
    exampleShape,
    labels: dataset.labels,
    classCount: classes.length,
    train: split.train,
    validation: split.validation,
  };
  const augment = hasAugmentation(augmentation) ? createAugmenter(augmentation, { width, height, channels }, job.training.seed) : undefined;

  const candidate = describeModel(spec);
  const restoreRandom = seedMathRandom(job.training.seed);
  let model: tf.LayersModel | null = null;
  let outcome: Awaited<ReturnType<typeof trainModel>>;
  try {
    model = buildModel(spec, exampleShape, classes.length, job.training.seed);
    outcome = await trainModel(model, data, job.training, {
      l2: spec.l2,
      augment,
      shouldStop: () => context.signal.aborted,
      onBatch: (p) => context.progress({ phase: 'training', candidate, ...p }),
      onEpoch: (record) => context.progress({ phase: 'epoch', candidate, record }),
    });
  } catch (error) {
    model?.dispose();
    throw error;
  } finally {
    restoreRandom();
  }
  if (outcome.history.length === 0) {
    model.dispose();
    throw new DataError('cancelled', 'Training was stopped before the first epoch finished; no model was kept.');
  }

  context.progress({ phase: 'evaluating', message: 'Evaluating on the held-out test images…' });
  const k = classes.length;
  const probabilities = await predictProbabilities(model, data.features, exampleShape, split.test);
  const yTrue = Int32Array.from(split.test, (r) => dataset.labels[r]);
  const metrics = evaluateTestSplit(probabilities, yTrue, classes);

  const warnings: string[] = [];
  if (dataset.skipped.length > 0) warnings.push(`${dataset.skipped.length} file(s) could not be read and were left out (listed under Data).`);
  const result: TrainingResult = {
    finishedAt: new Date().toISOString(),
    datasetName,
    rows: dataset.labels.length,
    classes,
    split: { train: split.train.length, validation: split.validation.length, test: split.test.length },
    modelChoice: job.model,
    model: spec,
    modelDescription: candidate,
    backend: context.backend.name,
    backendReason: context.backend.reason,
    prepare: job.prepare,
    settings: job.training,
    preprocessing: null,
    metrics,
    training: {
      epochs: outcome.history.length,
      bestEpoch: outcome.bestEpoch,
      stoppedBy: outcome.stoppedBy,
      seconds: outcome.seconds,
      samplesPerSecond: outcome.samplesPerSecond,
      history: outcome.history,
    },
    warnings,
    image: {
      width,
      height,
      channels,
      augmentation: augmentation ? { ...augmentation } : { horizontalFlip: false, shift: 0, rotation: 0 },
      images: dataset.labels.length,
    },
    misclassified: findMisclassified(yTrue, probabilities, k, split.test, dataset.sources),
  };
  if (job.includeSplit) result.splitRows = { train: Array.from(split.train), validation: Array.from(split.validation), test: Array.from(split.test) };
  if (context.backend.adapter) result.adapter = context.backend.adapter;
  return { result, trained: { model, preprocessing: null, exampleShape, classes, image: { width, height, channels } } };
}
