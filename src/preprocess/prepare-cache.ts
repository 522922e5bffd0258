import type { ColumnProfile } from '../data/profile';
import type { Table } from '../data/table';
import { prepareTable, type PreparedData, type TextEncoding } from './prepare';

import type { PrepareSettings } from './settings';

/**
 * Train pressed again on the same table with the same Prepare settings fits and transforms exactly the
 * same features: keep the last preparation per table and hand it out again (issue 19, fixed costs
 * around a run). Everything downstream only reads PreparedData (shuffles work on their own index
 * arrays). A table that is replaced drops its entry with it (WeakMap); preparations over
 * MAX_CACHED_FEATURE_BYTES of features are not kept, so a big table does not hold a second copy.
 */
export const MAX_CACHED_FEATURE_BYTES = 64 * 1024 * 1024;

const cache = new WeakMap<Table, { profiles: ColumnProfile[]; key: string; data: PreparedData }>();

export function prepareTableCached(table: Table, profiles: ColumnProfile[], settings: PrepareSettings, textEncoding: TextEncoding = 'tfidf', maxBytes = MAX_CACHED_FEATURE_BYTES): PreparedData {
  const key = `${textEncoding}:${settingsKey(settings)}`;
  const hit = cache.get(table);
  if (hit && hit.profiles === profiles && hit.key === key) return hit.data;
  const data = prepareTable(table, profiles, settings, textEncoding);
  if (data.features.byteLength <= maxBytes) cache.set(table, { profiles, key, data });
  else cache.delete(table);
  return data;
}

/** JSON with object keys sorted, so the same settings built in another key order still match. */
function settingsKey(settings: PrepareSettings): string {
  return JSON.stringify(settings, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value,
  );
}
