import { describe, expect, it } from 'vitest';
import { scale } from '../../evaluate/chart-shape';
import { lineChartShape, niceTicks, spacedIndices, tornadoShape, type Box } from './svg-chart';

const box: Box = { width: 640, height: 300, left: 100, right: 20, top: 10, bottom: 40 };

describe('revenue charts as plain SVG: geometry', () => {
  it('niceTicks encloses the data with round steps, and copes with flat and non-finite ranges', () => {
    expect(niceTicks(0, 1_200_000)).toEqual([0, 250_000, 500_000, 750_000, 1_000_000, 1_250_000]);
    expect(niceTicks(-30, 95)).toEqual([-50, -25, 0, 25, 50, 75, 100]);
    const flat = niceTicks(5, 5);
    expect(flat[0]).toBeLessThan(5);
    expect(flat[flat.length - 1]).toBeGreaterThan(5);
    expect(niceTicks(0, 0)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(Number.NaN, 3)).toEqual([0, 1]);
    expect(niceTicks(10, -10)[0]).toBe(-10);
    for (const t of niceTicks(-0.3, 0.7)) expect(Object.is(t, -0)).toBe(false);
  });

  it('spacedIndices keeps the first and the last item and at most the given count', () => {
    expect(spacedIndices(5, 12)).toEqual([0, 1, 2, 3, 4]);
    const many = spacedIndices(1200, 12);
    expect(many[0]).toBe(0);
    expect(many[many.length - 1]).toBe(1199);
    expect(many.length).toBeLessThanOrEqual(12);
    expect(spacedIndices(0, 12)).toEqual([]);
  });

  it('lineChartShape puts the first point on the left edge, the last on the right and 0 on its tick', () => {
    const revenue = [100, 200, 300, 400];
    const cost = [50, 100, 150, 200];
    const profit = [-50, 100, 150, 200];
    const shape = lineChartShape([revenue, cost, profit], box);
    expect(shape.xs[0]).toBe(100);
    expect(shape.xs[3]).toBe(620);
    expect(shape.paths).toHaveLength(3);
    expect(shape.paths[0].startsWith('M100.0,')).toBe(true);
    expect(shape.paths[0].split('L')).toHaveLength(4);
    const zero = shape.yTicks.find((t) => t.value === 0);
    expect(zero).toBeDefined();
    // y grows downwards: the top tick sits on the plot's top, the bottom tick on its bottom.
    expect(shape.yTicks[shape.yTicks.length - 1].y).toBe(10);
    expect(shape.yTicks[0].y).toBe(260);
    // The profit line's first point (−50) lies below the zero line.
    const firstProfitY = Number(/^M[\d.]+,([\d.]+)/.exec(shape.paths[2])?.[1]);
    expect(firstProfitY).toBeGreaterThan(zero!.y);
  });

  it('lineChartShape skips non-finite values and draws one point in the middle', () => {
    const shape = lineChartShape([[1, Number.NaN, 3]], box);
    expect(shape.paths[0].split('L')).toHaveLength(2);
    const single = lineChartShape([[5]], box);
    expect(single.xs).toEqual([360]);
    expect(single.paths[0]).toMatch(/^M360\.0,[\d.]+$/);
    expect(lineChartShape([[]], box).paths).toEqual(['']);
  });

  it('tornadoShape draws each bar from 0: lowered to the left of a negative delta, raised to the right', () => {
    const shape = tornadoShape(
      [
        { lowDelta: -400, highDelta: 400 },
        { lowDelta: -100, highDelta: 50 },
      ],
      box,
    );
    expect(shape.rows).toHaveLength(2);
    const [first, second] = shape.rows;
    expect(first.low.x + first.low.width).toBeCloseTo(shape.zero, 6);
    expect(first.high.x).toBeCloseTo(shape.zero, 6);
    expect(first.low.width).toBeCloseTo(first.high.width, 6);
    expect(second.low.width).toBeCloseTo(2 * second.high.width, 6);
    expect(first.center).toBeLessThan(second.center);
    expect(first.high.y).toBeGreaterThan(first.low.y);
    expect(shape.xTicks.some((t) => t.value === 0 && Math.abs(t.x - shape.zero) < 1e-9)).toBe(true);
    expect(scale(0, [-500, 500], 100, 620)).toBe(360);
  });

  it('tornadoShape gives a narrow plot fewer x ticks (labels at least ~80 px apart)', () => {
    const rows = [{ lowDelta: -240_000, highDelta: 240_000 }];
    const narrow = tornadoShape(rows, { ...box, width: 324, left: 148, right: 28 });
    expect(narrow.xTicks.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < narrow.xTicks.length; i++) expect(narrow.xTicks[i].x - narrow.xTicks[i - 1].x).toBeGreaterThanOrEqual(40);
    expect(tornadoShape(rows, box).xTicks.length).toBeGreaterThan(narrow.xTicks.length);
  });
});
