import type { FittedPreprocessor } from '../preprocess/fitted';
import { formatValue } from './drift';

/** One control of the prediction form, generated from preprocessing.json. */
export type FormField =
  | { kind: 'numeric'; name: string; min: number; max: number; initial: string; hint: string }
  | { kind: 'categorical'; name: string; options: string[]; initial: string; hint: string }
  | { kind: 'text'; name: string; initial: string; hint: string };

/** Value of the "other" choice of a categorical select: a category the model never saw (encoded as all zeros). */
export const OTHER_CATEGORY = '\u0000other';

/** Fields in the model's column order, starting at typical training values (mean; most frequent category). */
export function formFields(fitted: FittedPreprocessor): FormField[] {
  return fitted.features.map((f): FormField => {
    if (f.kind === 'numeric') {
      return {
        kind: 'numeric',
        name: f.name,
        min: f.min,
        max: f.max,
        initial: String(Number(f.mean.toPrecision(4))),
        hint: `Training range ${formatValue(f.min)} to ${formatValue(f.max)}; leave empty for missing.`,
      };
    }
    if (f.kind === 'text') {
      return {
        kind: 'text',
        name: f.name,
        initial: '',
        hint: `Free text: ${f.terms.length.toLocaleString('en-US')} words and word pairs known from training (typically ${f.medianTokens} words).`,
      };
    }
    return {
      kind: 'categorical',
      name: f.name,
      options: f.categories,
      initial: f.fill,
      hint: `${f.categories.length} categories seen in training.`,
    };
  });
}

/** Form state → [column, value] pairs for the worker: empty means missing; "other" is a value outside the vocabulary. */
export function formValues(fields: FormField[], values: ReadonlyMap<string, string>): [string, string | null][] {
  return fields.map((f) => {
    const value = values.get(f.name) ?? f.initial;
    if (value.trim() === '') return [f.name, null];
    if (f.kind === 'categorical' && value === OTHER_CATEGORY) return [f.name, OTHER_CATEGORY];
    return [f.name, value];
  });
}

/** A form value outside the training range, for a gentle warning next to the field. */
export function outOfRange(field: FormField, value: string): boolean {
  if (field.kind !== 'numeric' || value.trim() === '') return false;
  const n = Number(value);
  return Number.isFinite(n) && (n < field.min || n > field.max);
}
