import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../data/random';
import { createAugmenter, drawMoves, transformRows, type ImageMove } from './image-augment';
import { validateAugmentation } from '../data/images/settings';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const still: ImageMove = { flip: false, angle: 0, dx: 0, dy: 0 };

/** Applies one move to a [h, w] image with tf.image.transform and returns the rows. */
function move(image: number[][], m: ImageMove): number[][] {
  const h = image.length;
  const w = image[0].length;
  return tf.tidy(() => {
    const x = tf.tensor4d(image.flat(), [1, h, w, 1]);
    const t = tf.tensor2d(transformRows([m], w, h), [1, 8]);
    return tf.image.transform(x, t, 'nearest', 'nearest').reshape([h, w]).arraySync() as number[][];
  });
}

describe('augmentation transforms', () => {
  it('is the identity for no move', () => {
    expect(Array.from(transformRows([still], 5, 7))).toEqual([1, 0, 0, 0, 1, 0, 0, 0]);
  });

  it('mirrors left-right', () => {
    expect(
      move(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { ...still, flip: true },
      ),
    ).toEqual([
      [3, 2, 1],
      [6, 5, 4],
    ]);
  });

  it('shifts right and down by whole pixels (edges repeat)', () => {
    expect(
      move(
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        { ...still, dx: 1 },
      ),
    ).toEqual([
      [1, 1, 2],
      [4, 4, 5],
      [7, 7, 8],
    ]);
    expect(
      move(
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        { ...still, dy: 1 },
      ),
    ).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('rotates about the centre: 180° equals mirroring both ways, 90° turns a row into a column', () => {
    const image = [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ];
    expect(move(image, { ...still, angle: Math.PI })).toEqual([
      [9, 8, 7],
      [6, 5, 4],
      [3, 2, 1],
    ]);
    const quarter = move(image, { ...still, angle: Math.PI / 2 });
    expect(quarter[1][1]).toBe(5);
    // The top row ends up as a column (which side depends on the axis direction; either is a true rotation).
    const columns = [0, 2].map((c) => quarter.map((row) => row[c]));
    expect(columns.some((col) => col.join() === '1,2,3' || col.join() === '3,2,1')).toBe(true);
  });

  it('draws moves within the limits and only flips when asked', () => {
    const moves = drawMoves(500, 28, 28, { horizontalFlip: false, shift: 0.1, rotation: 10 }, createRandom(7));
    expect(moves.every((m) => !m.flip && Math.abs(m.dx) <= 2.8 && Math.abs(m.dy) <= 2.8 && Math.abs(m.angle) <= (10 * Math.PI) / 180)).toBe(true);
    const flips = drawMoves(500, 28, 28, { horizontalFlip: true, shift: 0, rotation: 0 }, createRandom(7)).filter((m) => m.flip).length;
    expect(flips).toBeGreaterThan(200);
    expect(flips).toBeLessThan(300);
  });

  it('validates limits', () => {
    expect(validateAugmentation({ horizontalFlip: true, shift: 0.1, rotation: 15 })).toBeNull();
    expect(validateAugmentation({ horizontalFlip: false, shift: 0.9, rotation: 0 })).toMatch(/Shift/);
    expect(validateAugmentation({ horizontalFlip: false, shift: 0, rotation: Number.NaN })).toMatch(/Rotation/);
  });
});

describe('createAugmenter', () => {
  const batch = () =>
    tf.tensor(
      Float32Array.from({ length: 4 * 2 * 3 }, (_, i) => i),
      [4, 2 * 3],
    );

  it('repeats exactly for one seed and differs for another, keeping the batch shape', () => {
    const run = (seed: number) => tf.tidy(() => createAugmenter({ horizontalFlip: true, shift: 0.3, rotation: 20 }, { width: 3, height: 2, channels: 1 }, seed)(batch()).arraySync());
    const a = run(1);
    expect(run(1)).toEqual(a);
    expect(run(2)).not.toEqual(a);
    expect((a as number[][])[0]).toHaveLength(6);
  });

  it('flip-only gives each image either unchanged or mirrored', () => {
    const out = tf.tidy(() => createAugmenter({ horizontalFlip: true, shift: 0, rotation: 0 }, { width: 3, height: 2, channels: 1 }, 3)(batch()).arraySync()) as number[][];
    const input = batch().arraySync() as number[][];
    const mirror = (row: number[]) => [row[2], row[1], row[0], row[5], row[4], row[3]];
    out.forEach((row, i) => expect([input[i].join(), mirror(input[i]).join()]).toContain(row.map((v) => Math.round(v)).join()));
    expect(out.some((row, i) => row.join() !== input[i].join())).toBe(true);
  });
});
