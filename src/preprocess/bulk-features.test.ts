import { describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../data/profile';
import { withFeaturesIncluded } from './bulk-features';
import { DEFAULT_PREPARE, selectFeatures, type PrepareSettings } from './settings';

const column = (name: string, type: ColumnProfile['type'], distinct = 3): ColumnProfile => ({
  name,
  type,
  storage: type === 'numeric' ? 'numeric' : 'string',
  missing: 0,
  distinct,
  histogram: [],
});

const wide = (n: number): ColumnProfile[] => Array.from({ length: n }, (_, i) => column(`c${i}`, 'numeric'));

describe('withFeaturesIncluded (select all / none without drawing every column)', () => {
  it('clears and re-selects all 5,000 columns of a wide table; the target stays out', () => {
    const profiles = wide(5000);
    const settings: PrepareSettings = { ...DEFAULT_PREPARE, target: 'c0' };
    expect(selectFeatures(profiles, settings)).toHaveLength(4999);
    const none = { ...settings, featureOverrides: withFeaturesIncluded(profiles, settings, null, false) };
    expect(selectFeatures(profiles, none)).toEqual([]);
    expect(none.featureOverrides).toHaveLength(4999);
    expect(none.featureOverrides.some((o) => o.name === 'c0')).toBe(false);
    const all = { ...none, featureOverrides: withFeaturesIncluded(profiles, none, null, true) };
    expect(selectFeatures(profiles, all)).toHaveLength(4999);
    // Back to the defaults: no override is kept.
    expect(all.featureOverrides).toEqual([]);
  });

  it('acts only on the columns named (a search) and keeps other overrides', () => {
    const profiles = [column('age', 'numeric'), column('id', 'id', 100), column('notes', 'text', 50), column('y', 'categorical'), column('empty', 'numeric', 0)];
    const settings: PrepareSettings = { ...DEFAULT_PREPARE, target: 'y', featureOverrides: [{ name: 'age', include: false }] };
    expect(selectFeatures(profiles, settings)).toEqual([]);
    const overrides = withFeaturesIncluded(profiles, settings, new Set(['id', 'notes', 'empty', 'y']), true);
    // age keeps its override; the column with every value missing and the target are never included.
    expect(overrides).toEqual([
      { name: 'age', include: false },
      { name: 'id', include: true },
      { name: 'notes', include: true },
    ]);
    expect(selectFeatures(profiles, { ...settings, featureOverrides: overrides })).toEqual(['id', 'notes']);
  });

  it('on a text-only table (text is a feature by default) clearing writes exclusions', () => {
    const profiles = [column('review', 'text', 90), column('title', 'text', 80), column('label', 'categorical')];
    const settings: PrepareSettings = { ...DEFAULT_PREPARE, target: 'label' };
    expect(selectFeatures(profiles, settings)).toEqual(['review', 'title']);
    const overrides = withFeaturesIncluded(profiles, settings, null, false);
    expect(selectFeatures(profiles, { ...settings, featureOverrides: overrides })).toEqual([]);
    expect(withFeaturesIncluded(profiles, { ...settings, featureOverrides: overrides }, null, true)).toEqual([]);
  });
});
