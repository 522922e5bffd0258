/** What an image training run adds to its TrainingResult (plain JSON, kept in the notebook). */
import { argmaxRows } from '../evaluate/argmax';

/** A test image the model got wrong (index into the loaded data set). */
export interface MisclassifiedImage {
  index: number;
  /** Path in the folder or zip, or "file row N" / "file#N". */
  source: string;
  trueClass: number;
  predictedClass: number;
  /** Probability the model gave its (wrong) prediction. */
  confidence: number;
}

export interface ImageTrainingInfo {
  width: number;
  height: number;
  channels: 1 | 3;
  augmentation: { horizontalFlip: boolean; shift: number; rotation: number };
  /** Images in the data set when it was trained (to tell whether the gallery can still show them). */
  images: number;
}

/** Most mistakes kept for the gallery. */
export const MAX_MISCLASSIFIED = 48;

/** The most confident mistakes first (ties: data-set order). */
export function findMisclassified(
  yTrue: Int32Array,
  probabilities: Float32Array,
  classCount: number,
  testRows: Int32Array,
  sources: readonly string[],
  limit = MAX_MISCLASSIFIED,
): MisclassifiedImage[] {
  const predicted = argmaxRows(probabilities, classCount);
  const wrong: MisclassifiedImage[] = [];
  for (let i = 0; i < yTrue.length; i++) {
    const best = predicted[i];
    if (best !== yTrue[i]) {
      const index = testRows[i];
      wrong.push({ index, source: sources[index] ?? `image ${index}`, trueClass: yTrue[i], predictedClass: best, confidence: probabilities[i * classCount + best] });
    }
  }
  wrong.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  return wrong.slice(0, limit);
}
