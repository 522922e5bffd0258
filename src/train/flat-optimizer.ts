import * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from './settings';

const BETA1 = 0.9;
const BETA2 = 0.999;
const MOMENTUM = 0.9;

/**
 * Adam / SGD-with-momentum applied to all parameters at once. TF.js optimizers run ~12 small ops per
 * variable; for the small models trained here the per-op overhead, not arithmetic, dominates a step,
 * so updating one concatenated vector roughly halves the ops per step. The arithmetic is TF.js's own
 * (same formulas and epsilon), so results match tf.train.adam / tf.train.momentum to float precision.
 */
export class FlatOptimizer {
  private readonly sizes: number[];
  private readonly first: tf.Variable;
  private readonly second: tf.Variable | null;
  private step = 0;
  private readonly epsilon = tf.backend().epsilon();

  constructor(
    private readonly kind: OptimizerName,
    private learningRate: number,
    private readonly variables: tf.Variable[],
  ) {
    this.sizes = variables.map((v) => v.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.first = zerosVariable(total);
    this.second = kind === 'adam' ? zerosVariable(total) : null;
  }

  /** Applies one update from gradients given in the same order as the variables. */
  apply(gradients: tf.Tensor[]): void {
    this.step++;
    tf.tidy(() => {
      const g = gradients.length === 1 ? tf.reshape(gradients[0], [-1]) : tf.concat(gradients.map((x) => tf.reshape(x, [-1])));
      let update: tf.Tensor;
      if (this.kind === 'adam' && this.second) {
        const m = tf.add(tf.mul(this.first, BETA1), tf.mul(g, 1 - BETA1));
        const v = tf.add(tf.mul(this.second, BETA2), tf.mul(tf.square(g), 1 - BETA2));
        this.first.assign(m);
        this.second.assign(v);
        const mHat = tf.div(m, 1 - BETA1 ** this.step);
        const vHat = tf.div(v, 1 - BETA2 ** this.step);
        update = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon)), -this.learningRate);
      } else {
        const accumulation = tf.add(tf.mul(this.first, MOMENTUM), g);
        this.first.assign(accumulation);
        update = tf.mul(accumulation, -this.learningRate);
      }
      const parts = this.variables.length === 1 ? [update] : tf.split(update, this.sizes);
      this.variables.forEach((variable, i) => variable.assign(tf.add(variable, tf.reshape(parts[i], variable.shape))));
    });
  }

  /** The step size from the next update on (the moment estimates are kept). */
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }

  dispose(): void {
    this.first.dispose();
    this.second?.dispose();
  }
}

/** tf.variable keeps its initial tensor alive separately; dispose it so nothing leaks. */
function zerosVariable(size: number): tf.Variable {
  const zeros = tf.zeros([size]);
  const variable = tf.variable(zeros, false);
  zeros.dispose();
  return variable;
}
