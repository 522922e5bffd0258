/**
 * Whether applying `patch` to `current` would change nothing: every key of the patch already holds an equal
 * value (settings are plain data: numbers, strings, booleans, arrays and objects of them, compared as JSON).
 * The runner applies its flags through the store's actions before each train call; a flag that repeats the
 * notebook's setting must not make a new notebook, which re-renders the sections that read it and autosaves
 * the whole document while the run's first epochs train (issue 19, 1a: the bench's warm run repeats every
 * setting). A person pressing Train again changes nothing either.
 */
export function unchanged<T extends object>(current: T | undefined, patch: Partial<T>): boolean {
  if (current === undefined) return false;
  return (Object.keys(patch) as (keyof T)[]).every((key) => sameValue(current[key], patch[key]));
}

/** Equal plain values (JSON-comparable settings): the same primitive, or the same JSON text. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
