import type { FittedPreprocessor } from '../preprocess/fitted';
import { DEFAULT_LOGREG, type ModelSpec } from './spec';

/**
 * The default L2 penalty (0.002) was measured on small numeric tables. TF-IDF rows are unit vectors
 * spread over thousands of sparse inputs, and a linear model needs large weights on them: at 0.002 the
 * logistic regression underfits (validation loss 1.74 vs 0.68 for the MLP on the Debian descriptions).
 * For text inputs the untouched default becomes scikit-learn's LogisticRegression(C=1) penalty,
 * ‖w‖² / (2·C·n) per example, i.e. 1 / (2 · training rows). A value the user chose is kept.
 */
export function textAwareSpec(spec: ModelSpec, fitted: FittedPreprocessor | null, trainRows: number): ModelSpec {
  const hasText = fitted?.features.some((f) => f.kind === 'text') ?? false;
  if (!hasText || spec.kind !== 'logreg' || spec.l2 !== DEFAULT_LOGREG.l2 || trainRows < 1) return spec;
  return { ...spec, l2: 1 / (2 * trainRows) };
}
