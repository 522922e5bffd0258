import { describe, expect, it } from 'vitest';
import { linePath, scale, type PlotBox } from './chart-shape';

const BOX: PlotBox = { width: 110, height: 60, left: 10, right: 0, top: 0, bottom: 10 };

describe('chart shapes', () => {
  it('maps values onto the plot, y growing upwards', () => {
    expect(scale(0.5, [0, 1], 10, 110)).toBe(60);
    expect(scale(3, [3, 3], 10, 110)).toBe(10);
    // (0,0) is the bottom-left corner of the plot, (1,1) the top-right.
    expect(linePath([0, 1], [0, 1], BOX, [0, 1], [0, 1])).toBe('M10.0,50.0L110.0,0.0');
  });

  it('skips missing and non-finite points instead of drawing them at zero', () => {
    expect(linePath([0, 0.5, 1], [0, null, 1], BOX, [0, 1], [0, 1])).toBe('M10.0,50.0L110.0,0.0');
    expect(linePath([0, 0.5, 1], [Number.NaN, 0.5, 1], BOX, [0, 1], [0, 1])).toBe('M60.0,25.0L110.0,0.0');
    expect(linePath([], [], BOX, [0, 1], [0, 1])).toBe('');
  });

  it('refuses x and y of different lengths', () => {
    expect(() => linePath([0, 1], [0], BOX, [0, 1], [0, 1])).toThrow(/2 x values but 1 y values/);
  });
});
