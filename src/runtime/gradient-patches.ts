import * as tf from '@tensorflow/tfjs';

/**
 * Gradients that do less work than TF.js 4.22's, with the same results.
 *
 * FusedBatchNorm: TF.js's gradient tiles the per-channel 1/√(variance+ε) to the full activation
 * shape before multiplying, a full-size copy per batch-norm layer per step (on WASM, Tile was ~15%
 * of a CNN training step). Broadcasting gives the same numbers without the copy. Otherwise the same
 * formulas as TF.js 4.22's FusedBatchNorm gradient.
 */
const FUSED_BATCH_NORM = 'FusedBatchNorm';
let installed = false;

function reductionAxes(meanShape: number[], xShape: number[]): number[] {
  return tf.backend_util.getReductionAxes(meanShape, xShape);
}

export function installGradientPatches(): void {
  if (installed) return;
  installed = true;
  tf.registerGradient({
    kernelName: FUSED_BATCH_NORM,
    inputsToSave: ['x', 'mean', 'variance', 'scale'],
    gradFunc: (dy, saved, attrs) => {
      const gradient = Array.isArray(dy) ? dy[0] : dy;
      const { varianceEpsilon } = attrs as unknown as { varianceEpsilon: number };
      const [x, mean, variance, scale] = saved;
      const scaleValue = scale == null ? tf.scalar(1) : scale;
      const axes = reductionAxes(mean.shape, x.shape);
      // Per-channel values shaped to broadcast against x ([1, …, 1, C] for a per-channel mean).
      const broadcastShape = mean.rank === 1 ? [...Array(x.rank - 1).fill(1), mean.shape[0]] : mean.shape;
      const xMinusMean = tf.sub(x, mean);
      const dyTimesScale = tf.mul(gradient, scaleValue);
      const oneOverSqrtVariance = tf.rsqrt(tf.add(variance, tf.scalar(varianceEpsilon)));
      const minusHalfRCube = tf.mul(tf.mul(tf.mul(oneOverSqrtVariance, oneOverSqrtVariance), oneOverSqrtVariance), tf.scalar(-0.5));
      const reduce = (t: tf.Tensor) => tf.reshape(mean.rank === 1 ? tf.sum(t, axes) : t, mean.shape);
      return {
        x: () => tf.reshape(tf.mul(tf.mul(gradient, tf.reshape(oneOverSqrtVariance, broadcastShape)), scaleValue), x.shape),
        mean: () => reduce(tf.mul(tf.mul(oneOverSqrtVariance, tf.scalar(-1)), dyTimesScale)),
        variance: () => reduce(tf.mul(tf.mul(minusHalfRCube, xMinusMean), dyTimesScale)),
        scale: () => reduce(tf.mul(gradient, tf.mul(xMinusMean, oneOverSqrtVariance))),
        offset: () => reduce(gradient),
      };
    },
  });
}
