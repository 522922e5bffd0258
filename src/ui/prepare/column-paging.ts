/**
 * Paging and search for lists with one element per column (Prepare's feature list): a table of 5,000
 * columns draws the first `shown` matches, not 5,000 rows of controls. Plain TypeScript (tested in Node).
 */

export interface ColumnPage {
  /** Positions (in the list given) of the items to draw, at most `shown`, in list order. */
  indices: number[];
  /** Items matching the query (all items when the query is blank). */
  matching: number;
  /** Matching items not drawn yet. */
  hidden: number;
}

/** Lower-cased, trimmed search text; blank means "everything". */
export function normalizeQuery(query: string): string {
  return query.trim().toLocaleLowerCase();
}

/** Whether `name` matches the (normalized) query: a case-insensitive substring. */
export function matchesQuery(name: string, normalized: string): boolean {
  return normalized === '' || name.toLocaleLowerCase().includes(normalized);
}

/** The first `shown` items whose name contains `query` (case-insensitive), and how many match in all. */
export function pageColumns(names: readonly string[], query: string, shown: number): ColumnPage {
  const q = normalizeQuery(query);
  const limit = Math.max(0, Math.floor(shown));
  const indices: number[] = [];
  let matching = 0;
  for (let i = 0; i < names.length; i++) {
    if (!matchesQuery(names[i], q)) continue;
    matching++;
    if (indices.length < limit) indices.push(i);
  }
  return { indices, matching, hidden: matching - indices.length };
}

/** How many items the next "show more" adds: `step`, or what is left. */
export function nextStep(page: ColumnPage, step: number): number {
  return Math.min(Math.max(0, Math.floor(step)), page.hidden);
}
