import type { ColumnProfile } from '../data/profile';

/** Finds a column by exact name, then case-insensitively; says which columns exist when none matches. */
export function findColumn(profiles: ColumnProfile[], name: string): { ok: true; value: string } | { ok: false; error: { code: string; message: string } } {
  const exact = profiles.find((p) => p.name === name);
  if (exact) return { ok: true, value: exact.name };
  const loose = profiles.filter((p) => p.name.toLowerCase() === name.toLowerCase());
  if (loose.length === 1) return { ok: true, value: loose[0].name };
  return {
    ok: false,
    error: {
      code: 'unknown_column',
      message: `There is no column "${name}". Columns are: ${profiles.map((p) => p.name).join(', ')}.`,
    },
  };
}
