import { featureWidth, type FittedFeature, type FittedPreprocessor } from './fitted';
import type { FeatureReader, RawCell } from './feature-reader';
import { toCategory, toNumber, toText } from './fit';
import { termIndex } from './text/tfidf';
import { encodeTextInto } from './text/encode-text';

export interface RowProblem {
  /** Index into the rows that were transformed. */
  row: number;
  column: string;
  message: string;
}

export interface TransformResult {
  /** rows × inputSize, row-major. Rows listed in `problems` are left as zeros. */
  features: Float32Array;
  problems: RowProblem[];
}

/**
 * Applies the fitted preprocessing to `rows` of `reader`. Missing values are filled as at training
 * time (or reported when training dropped such rows); values that cannot be read are reported with
 * their row and column, never silently replaced.
 */
export function transformRows(fitted: FittedPreprocessor, reader: FeatureReader, rows: ArrayLike<number>): TransformResult {
  const width = fitted.inputSize;
  const features = new Float32Array(rows.length * width);
  const problems: RowProblem[] = [];
  const readers = fitted.features.map((feature) => {
    const read = reader.column(feature.name);
    if (!read) throw new MissingColumnError(feature.name);
    return read;
  });
  const offsets: number[] = [];
  let offset = 0;
  for (const feature of fitted.features) {
    offsets.push(offset);
    offset += featureWidth(feature);
  }
  const categoryIndex = fitted.features.map((f) => (f.kind === 'categorical' ? new Map(f.categories.map((c, i) => [c, i])) : f.kind === 'text' ? termIndex(f) : null));
  for (let r = 0; r < rows.length; r++) {
    const base = r * width;
    for (let f = 0; f < fitted.features.length; f++) {
      const feature = fitted.features[f];
      const cell = readers[f](rows[r]);
      const problem = encodeCell(feature, cell, fitted, features, base + offsets[f], categoryIndex[f]);
      if (problem) {
        problems.push({ row: r, column: feature.name, message: problem });
        features.fill(0, base, base + width);
        break;
      }
    }
  }
  return { features, problems };
}

function encodeCell(feature: FittedFeature, cell: RawCell, fitted: FittedPreprocessor, out: Float32Array, at: number, categories: Map<string, number> | null): string | null {
  if (feature.kind === 'numeric') {
    let value = toNumber(cell);
    if (value !== value) {
      if (cell !== null && !(typeof cell === 'string' && cell.trim() === '')) {
        return `"${String(cell).slice(0, 40)}" is not a number`;
      }
      if (fitted.missing === 'drop') return 'value is missing (the model was trained on complete rows only)';
      value = feature.fill;
    }
    out[at] = (value - feature.center) / feature.scale;
    return null;
  }
  if (feature.kind === 'text') {
    // A missing text is empty text: no terms, all zeros (it is information, not a gap to fill).
    if (categories) encodeTextInto(feature, toText(cell), categories, out, at);
    return null;
  }
  let category = toCategory(cell);
  if (category === null || category.trim() === '') {
    if (fitted.missing === 'drop') return 'value is missing (the model was trained on complete rows only)';
    category = feature.fill;
  }
  const slot = categories?.get(category);
  if (slot !== undefined) out[at + slot] = 1; // unseen categories stay all zeros
  return null;
}

export class MissingColumnError extends Error {
  constructor(readonly column: string) {
    super(`The data has no column "${column}", which the model needs. Add it, or check the header spelling.`);
    this.name = 'MissingColumnError';
  }
}
