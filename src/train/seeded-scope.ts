import { createRandom } from '../data/random';

/**
 * TensorFlow.js draws unseeded randomness (dropout masks, shuffles) from Math.random. Inside the
 * training worker we replace it with a seeded generator for the duration of a job, so one seed on one
 * backend always gives the same model. Returns the function that restores the original.
 */
export function seedMathRandom(seed: number): () => void {
  const original = Math.random;
  Math.random = createRandom(seed);
  return () => {
    Math.random = original;
  };
}
