import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed, shuffleInPlace } from './random';

describe('seeded random', () => {
  it('repeats for one seed and differs between seeds', () => {
    const a = createRandom(42),
      b = createRandom(42),
      c = createRandom(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    for (const v of seqA) expect(v >= 0 && v < 1).toBe(true);
  });
  it('shuffles to a permutation', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    shuffleInPlace(items, createRandom(1));
    expect(items).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...items].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
  it('derives different seeds per purpose', () => {
    expect(deriveSeed(1, 'split')).not.toBe(deriveSeed(1, 'weights'));
    expect(deriveSeed(1, 'split')).toBe(deriveSeed(1, 'split'));
  });
});
