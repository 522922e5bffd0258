/**
 * The one check of a fitted preprocessor's meaning, shared by everything that accepts one from outside:
 * notebook links and stored notebooks (notebook/schema/sections.ts) and imported model bundles
 * (export/validate-bundle.ts). Their parsers read the shape (types, sizes); this says whether the values
 * fit together, so a link and a bundle can never disagree on what a usable preprocessor is.
 */
import { featureWidth, type FittedPreprocessor } from './fitted';

/** What is wrong with `p`, as "<field>: <problem>", or null when it can transform rows. */
export function fittedPreprocessorProblem(p: FittedPreprocessor): string | null {
  const names = new Set<string>();
  for (let i = 0; i < p.features.length; i++) {
    const f = p.features[i];
    const where = `features[${i}] ("${f.name}")`;
    if (names.has(f.name)) return `${where}: the name appears twice`;
    names.add(f.name);
    if (f.kind === 'numeric') {
      for (const [k, v] of Object.entries({ fill: f.fill, center: f.center, scale: f.scale })) if (!Number.isFinite(v)) return `${where}: ${k} must be a finite number`;
      if (f.scale === 0) return `${where}: scale is 0 (scaling would divide by zero)`;
    } else if (f.kind === 'categorical') {
      if (new Set(f.categories).size !== f.categories.length) return `${where}: a category appears twice`;
      if (f.frequencies.length !== f.categories.length) return `${where}: ${f.categories.length} categories but ${f.frequencies.length} frequencies`;
      if (f.frequencies.some((s) => !(s >= 0 && s <= 1))) return `${where}: frequencies are shares between 0 and 1`;
    } else {
      if (new Set(f.terms).size !== f.terms.length) return `${where}: a term appears twice`;
      if (f.encoding === 'sequence') {
        // The text CNN's word ids: a vocabulary and a sequence length, no idf weights (preprocess/fitted.ts).
        if (f.idf.length !== 0) return `${where}: a word-id (sequence) feature carries no idf weights, found ${f.idf.length}`;
        if (!Number.isInteger(f.maxTokens) || (f.maxTokens ?? 0) < 1) return `${where}: maxTokens must be a whole number of at least 1`;
      } else {
        if (f.idf.length !== f.terms.length) return `${where}: ${f.terms.length} terms but ${f.idf.length} idf weights`;
        if (f.idf.some((w) => !Number.isFinite(w) || w < 0)) return `${where}: idf weights must be finite and not negative`;
      }
    }
  }
  const width = p.features.reduce((sum, f) => sum + featureWidth(f), 0);
  if (p.inputSize !== width) return `inputSize: ${p.inputSize}, but the features add up to ${width} inputs`;
  if (p.inputNames.length !== width) return `inputNames: ${p.inputNames.length} names for ${width} inputs`;
  const t = p.target;
  if (t.task === 'regression') {
    if (!t.stats) return 'target: a regression target needs its training statistics (mean, std, min, max)';
    const { mean, std, min, max } = t.stats;
    if (![mean, std, min, max].every(Number.isFinite)) return 'target.stats: mean, std, min and max must be finite numbers';
    if (!(std > 0)) return 'target.stats.std: must be above 0 (the model predicts standardized values)';
    if (min > max) return 'target.stats: min is above max';
    if (t.interval && !(t.interval.level > 0 && t.interval.level < 1 && t.interval.lower <= t.interval.upper)) return 'target.interval: level between 0 and 1, lower ≤ upper';
  } else {
    if (t.classes.length < 2) return `target.classes: ${t.classes.length} class${t.classes.length === 1 ? '' : 'es'}; a classifier needs at least two`;
    if (new Set(t.classes).size !== t.classes.length) return 'target.classes: a class appears twice';
  }
  return null;
}
