/**
 * Alea (Johannes Baagøe, MIT), exactly as the `seedrandom` package that TF.js draws dropout masks from
 * (`tf.randomUniform` without a seed seeds `alea(String(Math.random()))`). Reproducing it lets the fused
 * dense trainer drop the same units as TF.js under the studio's seeded Math.random.
 */
export function alea(seed: string): () => number {
  let [s0, s1, s2] = aleaState(seed);
  let c = 1;
  return () => {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    return s2;
  };
}

/** Alea's state after seeding (the carry starts at 1); the dropout_mask kernel continues from it. */
export function aleaState(seed: string): [number, number, number] {
  let n = 0xefc8249d;
  const mash = (data: string): number => {
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    return (n >>> 0) * 2.3283064365386963e-10;
  };
  let s0 = mash(' ');
  let s1 = mash(' ');
  let s2 = mash(' ');
  s0 -= mash(seed);
  if (s0 < 0) s0 += 1;
  s1 -= mash(seed);
  if (s1 < 0) s1 += 1;
  s2 -= mash(seed);
  if (s2 < 0) s2 += 1;
  return [s0, s1, s2];
}
