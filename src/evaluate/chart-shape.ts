/**
 * Chart data shaped into ready-to-draw SVG paths (issue 19, 4b): plain arithmetic over the points, no
 * chart library. The result panels draw these as plain SVG, so a result arriving costs a few path
 * strings instead of mounting recharts (whose mount measured 0.4–1 s of main-thread work per result
 * on this machine).
 */

/** Where the plot sits in its SVG viewBox. */
export interface PlotBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Maps `value` from `domain` onto `[from, to]` (a flat domain maps to `from`). */
export function scale(value: number, domain: readonly [number, number], from: number, to: number): number {
  const span = domain[1] - domain[0];
  return from + (span === 0 ? 0 : (value - domain[0]) / span) * (to - from);
}

/**
 * One SVG path through the points (x[i], y[i]) inside `box`, y growing upwards. Missing or non-finite
 * points are skipped (the line joins its neighbours); coordinates keep one decimal.
 */
export function linePath(xs: ArrayLike<number>, ys: ArrayLike<number | null>, box: PlotBox, xDomain: readonly [number, number], yDomain: readonly [number, number]): string {
  if (xs.length !== ys.length) throw new Error(`linePath: ${xs.length} x values but ${ys.length} y values; give one y per x.`);
  const parts: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (y === null || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    const px = scale(x, xDomain, box.left, box.width - box.right);
    const py = scale(y, yDomain, box.height - box.bottom, box.top);
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`);
  }
  return parts.join('');
}
