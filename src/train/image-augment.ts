/**
 * Seeded data augmentation for image batches: random horizontal flips, small shifts and rotations,
 * applied on the device as one affine resampling per image (tf.image.transform). The random draws
 * come from a seeded generator on the CPU, so one seed gives the same augmented batches every run;
 * nothing is read back from the GPU.
 */
import * as tf from '@tensorflow/tfjs';
import { createRandom, deriveSeed } from '../data/random';

export interface AugmentationSettings {
  horizontalFlip: boolean;
  /** Largest shift as a fraction of width / height. */
  shift: number;
  /** Largest rotation in degrees. */
  rotation: number;
}

export function hasAugmentation(a: AugmentationSettings | undefined): a is AugmentationSettings {
  return Boolean(a && (a.horizontalFlip || a.shift > 0 || a.rotation > 0));
}

/** One image's geometric change: mirror, then rotate about the centre, then shift (pixels). */
export interface ImageMove {
  flip: boolean;
  angle: number;
  dx: number;
  dy: number;
}

/** Draws one move per image from `random`, within the settings' limits. */
export function drawMoves(count: number, width: number, height: number, settings: AugmentationSettings, random: () => number): ImageMove[] {
  const moves: ImageMove[] = [];
  for (let i = 0; i < count; i++) {
    // Always draw all four numbers, so turning one option off does not change the others' stream.
    const flip = random() < 0.5;
    const angle = (random() * 2 - 1) * settings.rotation * (Math.PI / 180);
    const dx = (random() * 2 - 1) * settings.shift * width;
    const dy = (random() * 2 - 1) * settings.shift * height;
    moves.push({ flip: settings.horizontalFlip && flip, angle, dx, dy });
  }
  return moves;
}

/**
 * tf.image.transform's 8 numbers per image: they map an OUTPUT pixel (x, y) to the INPUT point it
 * samples, so this is the inverse of the move: un-shift, rotate back about the centre, un-mirror.
 */
export function transformRows(moves: readonly ImageMove[], width: number, height: number): Float32Array {
  const out = new Float32Array(moves.length * 8);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  moves.forEach((m, i) => {
    const cos = Math.cos(m.angle);
    const sin = Math.sin(m.angle);
    const qx = -m.dx - cx;
    const qy = -m.dy - cy;
    // Rotated back: rx = cos·(x+qx) + sin·(y+qy) + cx ; ry = −sin·(x+qx) + cos·(y+qy) + cy.
    const rx0 = cos * qx + sin * qy + cx;
    const ry0 = -sin * qx + cos * qy + cy;
    const s = m.flip ? -1 : 1;
    // `+ 0` turns −0 into 0, so an unmoved image gives exactly the identity row.
    out.set([s * cos + 0, s * sin + 0, s * rx0 + (m.flip ? width - 1 : 0) + 0, -sin + 0, cos + 0, ry0 + 0, 0, 0], i * 8);
  });
  return out;
}

/**
 * The train loop's `augment` hook: takes a batch shaped [b, ...exampleShape] (images, or flattened
 * pixels for dense models) and returns it moved. Called inside the loop's tidy.
 */
export function createAugmenter(settings: AugmentationSettings, image: { width: number; height: number; channels: number }, seed: number): (batch: tf.Tensor) => tf.Tensor {
  const random = createRandom(deriveSeed(seed, 'augment'));
  const { width, height, channels } = image;
  return (batch) => {
    const count = batch.shape[0];
    const images = batch.reshape([count, height, width, channels]) as tf.Tensor4D;
    const transforms = tf.tensor2d(transformRows(drawMoves(count, width, height, settings, random), width, height), [count, 8]);
    return resample(images, transforms).reshape(batch.shape);
  };
}

/**
 * tf.image.transform, one image at a time on the CPU backend: TF.js 4.22's CPU Transform kernel
 * returns after the first image of a batch (the rest come back as zeros). GPU kernels are fine.
 */
function resample(images: tf.Tensor4D, transforms: tf.Tensor2D): tf.Tensor4D {
  if (tf.getBackend() !== 'cpu' || images.shape[0] === 1) return tf.image.transform(images, transforms, 'bilinear', 'nearest');
  const single = tf.unstack(images).map((image, i) => tf.image.transform(image.expandDims(0) as tf.Tensor4D, tf.slice(transforms, [i, 0], [1, 8]), 'bilinear', 'nearest'));
  return tf.concat(single, 0);
}
