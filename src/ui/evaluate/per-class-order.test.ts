import { describe, expect, it } from 'vitest';
import { perClassOrder, PER_CLASS_PAGE } from './PerClassTable';

const metrics = (support: number) => ({ precision: 1, recall: 1, f1: 1, support });

describe('per-class report order', () => {
  it('keeps the trained order when the classes fit on one page', () => {
    const labels = ['a', 'b', 'c'];
    expect(perClassOrder(labels, { a: metrics(1), b: metrics(9), c: metrics(5) })).toEqual([0, 1, 2]);
  });

  it('pages many classes largest support first, ties in class order', () => {
    const labels = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    const perClass = Object.fromEntries(labels.map((l, i) => [l, metrics(i % 10 === 3 ? 50 : 1)]));
    const order = perClassOrder(labels, perClass);
    expect(order).toHaveLength(1000);
    expect(new Set(order).size).toBe(1000);
    expect(order.slice(0, 3)).toEqual([3, 13, 23]);
    expect(order.slice(0, 100).every((i) => i % 10 === 3)).toBe(true);
    expect(order[100]).toBe(0);
    expect(PER_CLASS_PAGE).toBeLessThan(100);
  });
});
