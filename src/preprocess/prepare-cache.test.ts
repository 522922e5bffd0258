import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { prepareTableCached } from './prepare-cache';
import { prepareTable } from './prepare';
import { DEFAULT_PREPARE, type PrepareSettings } from './settings';

const iris = () => parseCsvText(readFileSync(new URL('../../public/samples/iris.csv', import.meta.url), 'utf8')).table;

describe('prepareTableCached', () => {
  const table = iris();
  const profiles = profileTable(table);
  const settings: PrepareSettings = { ...DEFAULT_PREPARE, target: 'species' };

  it('hands out the same preparation for the same table and settings (any key order), equal to a fresh one', () => {
    const first = prepareTableCached(table, profiles, settings);
    const reordered = Object.fromEntries(Object.entries(settings).reverse()) as unknown as PrepareSettings;
    expect(prepareTableCached(table, profiles, reordered)).toBe(first);
    const fresh = prepareTable(table, profiles, settings);
    expect(first.features).toEqual(fresh.features);
    expect(first.split).toEqual(fresh.split);
    expect(first.fitted).toEqual(fresh.fitted);
  });

  it('prepares again when the settings, the profiles or the table change', () => {
    const first = prepareTableCached(table, profiles, settings);
    const reseeded = prepareTableCached(table, profiles, { ...settings, seed: settings.seed + 1 });
    expect(reseeded).not.toBe(first);
    expect(reseeded.split.test).not.toEqual(first.split.test);
    expect(prepareTableCached(table, profileTable(table), { ...settings, seed: settings.seed + 1 })).not.toBe(reseeded);
    const other = iris();
    expect(prepareTableCached(other, profiles, settings)).not.toBe(prepareTableCached(table, profiles, settings));
  });

  it('does not keep a preparation whose features exceed the cap', () => {
    const first = prepareTableCached(table, profiles, { ...settings, seed: 7 }, 'tfidf', 16);
    expect(prepareTableCached(table, profiles, { ...settings, seed: 7 }, 'tfidf', 16)).not.toBe(first);
  });
});
