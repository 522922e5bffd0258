import type * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../data/random';

/**
 * The dropout mask of one dropout layer at one training step, as a seed derived from the run's seed.
 * Both training paths use it (TF.js's tf.dropout seeds its uniform draw with `String(seed)`, the fused
 * trainer reproduces that draw), so a run's masks depend on its seed alone: not on Math.random, on what
 * else ran in the worker meanwhile, or on where a resumed run restarted. A fixed seed per layer would draw
 * the same mask every step; one per (epoch, batch, layer) draws a fresh one.
 */
export function dropoutSeed(runSeed: number, epoch: number, batch: number, layer: number): number {
  return deriveSeed(runSeed, `dropout:${epoch}:${batch}:${layer}`);
}

/** The seeds of one step, in the order the dropout layers run (the fused trainer draws them so). */
export function stepDropoutSeeds(runSeed: number, epoch: number, batch: number): () => number {
  let layer = 0;
  return () => dropoutSeed(runSeed, epoch, batch, layer++);
}

/** The Dropout layers of a model in order, with the seed they were built with (restored after training). */
interface SeedableDropout {
  seed?: number;
}

/**
 * Seeds every Dropout layer of `model` per step on the TF.js path: `setStep(epoch, batch)` before a batch;
 * `restore()` afterwards puts back the layers' own seeds, so a saved topology carries no training seed.
 */
export function dropoutStepper(model: tf.LayersModel, runSeed: number): { setStep: (epoch: number, batch: number) => void; restore: () => void } {
  const layers = model.layers.filter((l) => l.getClassName() === 'Dropout') as unknown as SeedableDropout[];
  const own = layers.map((l) => l.seed);
  return {
    setStep(epoch, batch) {
      layers.forEach((l, i) => {
        l.seed = dropoutSeed(runSeed, epoch, batch, i);
      });
    },
    restore() {
      layers.forEach((l, i) => {
        l.seed = own[i];
      });
    },
  };
}
