import type { Column } from './table';

/** What a column means to a person, which decides its default role in training. */
export type ColumnType = 'numeric' | 'categorical' | 'boolean' | 'text' | 'id';

const BOOLEAN_PAIRS = [
  ['true', 'false'],
  ['yes', 'no'],
  ['y', 'n'],
  ['t', 'f'],
];
const ID_NAME = /(^|[^a-z])(id|uuid|guid|index|key)$|^(id|row|index)([^a-z]|$)/i;
/** Below this many values, "every value is distinct" says little about being an identifier. */
const MIN_ROWS_FOR_ID = 20;
const MAX_CATEGORIES = 100;

export interface TypeEvidence {
  type: ColumnType;
  distinct: number;
  nonMissing: number;
}

export function inferColumnType(column: Column, distinctNonMissing: number): ColumnType {
  const nonMissing = (column.storage === 'numeric' ? column.values.length : column.codes.length) - column.missing;
  if (nonMissing === 0) return 'text';
  if (column.storage === 'numeric') return inferNumeric(column.name, column.values, distinctNonMissing, nonMissing);
  return inferString(column.name, column.dictionary, column.codes, distinctNonMissing, nonMissing);
}

function inferNumeric(name: string, values: Float64Array, distinct: number, nonMissing: number): ColumnType {
  if (distinct === 2) {
    let onlyZeroOne = true;
    for (let i = 0; i < values.length && onlyZeroOne; i++) {
      const v = values[i];
      if (v === v && v !== 0 && v !== 1) onlyZeroOne = false;
    }
    if (onlyZeroOne) return 'boolean';
  }
  if (distinct === nonMissing && nonMissing >= MIN_ROWS_FOR_ID) {
    let integers = true;
    let increasing = true;
    let previous = -Infinity;
    for (let i = 0; i < values.length && integers; i++) {
      const v = values[i];
      if (v !== v) continue;
      if (!Number.isInteger(v)) integers = false;
      if (v <= previous) increasing = false;
      previous = v;
    }
    if (integers && (increasing || ID_NAME.test(name))) return 'id';
  }
  return 'numeric';
}

function inferString(name: string, dictionary: string[], codes: Int32Array, distinct: number, nonMissing: number): ColumnType {
  if (distinct <= 2) {
    const lower = dictionary.map((d) => d.trim().toLowerCase());
    if (BOOLEAN_PAIRS.some((pair) => lower.every((v) => pair.includes(v)))) return 'boolean';
  }
  let totalLength = 0;
  let counted = 0;
  for (let i = 0; i < codes.length && counted < 2000; i++) {
    const code = codes[i];
    if (code < 0) continue;
    totalLength += dictionary[code].length;
    counted++;
  }
  const meanLength = counted > 0 ? totalLength / counted : 0;
  if (meanLength > 40) return 'text';
  if (distinct === nonMissing && nonMissing >= MIN_ROWS_FOR_ID) return 'id';
  if (distinct > MAX_CATEGORIES && distinct > nonMissing * 0.05) {
    return ID_NAME.test(name) && distinct > nonMissing * 0.9 ? 'id' : 'text';
  }
  return 'categorical';
}
