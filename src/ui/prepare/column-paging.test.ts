import { describe, expect, it } from 'vitest';
import { matchesQuery, nextStep, normalizeQuery, pageColumns } from './column-paging';
import { DISPLAY_LIMITS } from '../../settings/limits';

const names = Array.from({ length: 5000 }, (_, i) => `c${i}`);

describe('pageColumns (Prepare draws a page of a 5,000-column list)', () => {
  it('draws the first page and counts the rest', () => {
    const page = pageColumns(names, '', DISPLAY_LIMITS.columnsShown);
    expect(page.indices).toHaveLength(DISPLAY_LIMITS.columnsShown);
    expect(page.indices[0]).toBe(0);
    expect(page.indices.at(-1)).toBe(DISPLAY_LIMITS.columnsShown - 1);
    expect(page.matching).toBe(5000);
    expect(page.hidden).toBe(5000 - DISPLAY_LIMITS.columnsShown);
    expect(nextStep(page, DISPLAY_LIMITS.columnsMore)).toBe(DISPLAY_LIMITS.columnsMore);
  });

  it('the last "show more" adds only what is left, then nothing', () => {
    const page = pageColumns(names, '', 4900);
    expect(nextStep(page, 400)).toBe(100);
    const all = pageColumns(names, '', 5400);
    expect(all.indices).toHaveLength(5000);
    expect(all.hidden).toBe(0);
    expect(nextStep(all, 400)).toBe(0);
  });

  it('searches every column, case-insensitively, and keeps positions in the full list', () => {
    const page = pageColumns(names, '  C499 ', 3);
    // c499, c4990 … c4999: 11 matches, the first 3 drawn.
    expect(page.matching).toBe(11);
    expect(page.indices).toEqual([499, 4990, 4991]);
    expect(page.hidden).toBe(8);
    expect(pageColumns(names, 'c4999', 100).indices).toEqual([4999]);
    expect(pageColumns(names, 'nope', 100)).toEqual({ indices: [], matching: 0, hidden: 0 });
  });

  it('treats odd inputs safely', () => {
    expect(pageColumns([], '', 100)).toEqual({ indices: [], matching: 0, hidden: 0 });
    expect(pageColumns(names, '', -5).indices).toEqual([]);
    expect(pageColumns(['Größe', 'ÅREA'], 'åre', 10).indices).toEqual([1]);
    expect(normalizeQuery('  AbC ')).toBe('abc');
    expect(matchesQuery('anything', '')).toBe(true);
  });

  it('the settings table gives a first page and a step', () => {
    expect(DISPLAY_LIMITS.columnsShown).toBeGreaterThan(0);
    expect(DISPLAY_LIMITS.columnsMore).toBeGreaterThan(0);
  });
});
