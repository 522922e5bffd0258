/**
 * Images as a training source for the one training job (job.ts): stratified seeded split, pixels
 * scaled to [0, 1], seeded augmentation as the per-batch hook, and the most confident test mistakes
 * added to the result.
 */
import { DataError } from '../lib/errors';
import type { ImageDataset } from '../data/images/image-dataset';
import { validateModelSpec } from '../models/spec';
import { stratifiedSplit } from '../preprocess/split';
import type { TrainJob } from './job';
import { createAugmenter, hasAugmentation } from './image-augment';
import { validateAugmentation } from '../data/images/settings';
import { findMisclassified } from './image-result';
import { checkCnnFitsImage, imageModelSpec } from './image-presets';
import type { TrainingResult } from './result';
import { validateTrainSettings } from './settings';
import { runTrainingJob, type JobContext, type PreparedSource, type TrainedModel } from './task-job';

/** Pixels as float32 in [0, 1], image after image (HWC), the layout the models take. */
export function scalePixels(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  return out;
}

export function imageSource(job: TrainJob, dataset: ImageDataset): PreparedSource {
  const spec = imageModelSpec(job);
  const specProblem = validateModelSpec(spec) ?? (spec.kind === 'cnn' ? checkCnnFitsImage(spec, dataset.width, dataset.height) : null);
  if (specProblem) throw new DataError('invalid_model', specProblem);
  const augmentation = job.images?.augmentation;
  const augmentationProblem = augmentation ? validateAugmentation(augmentation) : null;
  if (augmentationProblem) throw new DataError('invalid_settings', augmentationProblem);
  const classes = dataset.classes;
  const split = stratifiedSplit(dataset.labels, classes.length, { testFraction: job.prepare.testFraction, validationFraction: job.prepare.validationFraction, seed: job.prepare.seed });
  if (split.test.length === 0) throw new DataError('too_few_rows', 'The test split is empty; raise the test fraction or add images.');
  const { width, height, channels } = dataset;
  const warnings: string[] = [];
  if (dataset.skipped.length > 0) warnings.push(`${dataset.skipped.length} file(s) could not be read and were left out (listed under Data).`);
  return {
    task: { task: 'classification', reason: 'Classification: images are labelled by class.' },
    features: scalePixels(dataset.pixels),
    exampleShapeFor: (s) => (s.kind === 'cnn' ? [height, width, channels] : [height * width * channels]),
    labels: dataset.labels,
    targets: null,
    classes,
    split,
    preprocessing: null,
    rows: dataset.labels.length,
    warnings,
    sourceRows: (indices) => Array.from(indices),
    augment: hasAugmentation(augmentation) ? createAugmenter(augmentation, { width, height, channels }, job.training.seed) : undefined,
    candidates: [spec],
    evaluatingMessage: 'Evaluating on the held-out test images…',
    image: { width, height, channels },
    finish(result, test) {
      result.image = {
        width,
        height,
        channels,
        augmentation: augmentation ? { ...augmentation } : { horizontalFlip: false, shift: 0, rotation: 0 },
        images: dataset.labels.length,
      };
      result.misclassified = findMisclassified(test.yTrue, test.probabilities, classes.length, split.test, dataset.sources);
    },
  };
}

/** Trains a classifier on a loaded image set through the one training job. */
export async function runImageTraining(job: TrainJob, dataset: ImageDataset, datasetName: string, context: JobContext): Promise<{ result: TrainingResult; trained: TrainedModel }> {
  const settingsProblem = validateTrainSettings(job.training);
  if (settingsProblem) throw new DataError('invalid_settings', settingsProblem);
  context.progress({ phase: 'preparing', message: 'Splitting the images (stratified) and scaling pixels to 0–1…' });
  return runTrainingJob(job, imageSource(job, dataset), datasetName, context);
}
