import type { FittedCategoricalFeature, FittedNumericFeature, FittedPreprocessor, FittedTextFeature } from '../preprocess/fitted';
import type { FeatureReader, RawCell } from '../preprocess/feature-reader';
import { toCategory, toNumber } from '../preprocess/fit';
import { binOf, outOfVocabulary, type CategoricalReference, type NumericReference, type TextReference, type TrainingReference } from './training-reference';

/**
 * Monitoring: how a prediction batch differs from the training data, column by column, so the user
 * knows when the model is out of its depth. Uses only what preprocessing.json holds (fitted ranges,
 * means, category frequencies and, when present, the training reference with missing shares and bins).
 */
export type DriftSeverity = 'none' | 'low' | 'medium' | 'high';

export interface ColumnDrift {
  column: string;
  kind: 'numeric' | 'categorical' | 'text';
  severity: DriftSeverity;
  /** Share of batch rows with no value. */
  missingShare: number;
  /** Null when the bundle does not say (no training reference). */
  trainingMissingShare: number | null;
  /** Numeric: batch mean of present values, training mean, shift in training standard deviations. */
  mean?: number;
  trainingMean?: number;
  meanShiftSd?: number;
  /** Numeric: share of present values outside the training min–max. */
  outsideRangeShare?: number;
  /** Numeric, with a training reference and enough rows: population stability index over training quantile bins. */
  psi?: number;
  /** Categorical: values the model never saw in training (or too rare to be kept), most frequent first. */
  unseen?: { value: string; count: number }[];
  unseenShare?: number;
  /** Text: share of the batch's terms outside the training vocabulary, and the same share on the training split. */
  oovRate?: number;
  trainingOovRate?: number;
  /** Categorical, with enough rows: total variation distance between batch and training category shares. */
  totalVariation?: number;
  /** Short sentences, most important first, e.g. "Body Mass (g): batch mean 1.8 sd above training (5,905 vs 4,202)". */
  findings: string[];
}

export interface DriftReport {
  rows: number;
  severity: DriftSeverity;
  columns: ColumnDrift[];
  /** A one-line verdict and caveats. */
  summary: string;
  notes: string[];
}

/** Distribution measures below this many present values are mostly noise; they are left out. */
export const MIN_ROWS_FOR_DISTRIBUTION = 20;
const SMALL_BATCH = 30;
const EPSILON = 1e-4;
const MAX_UNSEEN_LISTED = 10;
const ORDER: DriftSeverity[] = ['none', 'low', 'medium', 'high'];

const worst = (a: DriftSeverity, b: DriftSeverity): DriftSeverity => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

function level(value: number, low: number, medium: number, high: number): DriftSeverity {
  if (value >= high) return 'high';
  if (value >= medium) return 'medium';
  if (value >= low) return 'low';
  return 'none';
}

const percent = (share: number) => `${share > 0 && share < 0.01 ? '<1' : Math.round(share * 100)}%`;
/** Four significant digits with thousands separators: 4201.76 → "4,202", 0.0123 → "0.0123". */
export function formatValue(value: number): string {
  const magnitude = Math.abs(value);
  if (value !== 0 && (magnitude >= 1e9 || magnitude < 1e-3)) return value.toExponential(2);
  return Number(value.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}
const num = formatValue;

function isMissing(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

function missingFinding(column: string, batch: number, training: number | null): { severity: DriftSeverity; text: string | null } {
  if (training === null) {
    const severity = level(batch, 0.05, 0.2, 0.5);
    return { severity, text: severity === 'none' ? null : `${column}: ${percent(batch)} of values missing.` };
  }
  const severity = level(batch - training, 0.02, 0.1, 0.25);
  return { severity, text: severity === 'none' ? null : `${column}: ${percent(batch)} missing vs ${percent(training)} in training.` };
}

/** Population stability index: Σ (b − t) · ln(b / t), shares floored at 1e-4. */
export function populationStabilityIndex(batch: readonly number[], training: readonly number[]): number {
  let psi = 0;
  for (let i = 0; i < training.length; i++) {
    const b = Math.max(EPSILON, batch[i] ?? 0);
    const t = Math.max(EPSILON, training[i]);
    psi += (b - t) * Math.log(b / t);
  }
  return psi;
}

function numericDrift(feature: FittedNumericFeature, reference: NumericReference | null, read: (row: number) => RawCell, rows: number, trainingMissing: number | null): ColumnDrift {
  const present: number[] = [];
  let missing = 0;
  for (let r = 0; r < rows; r++) {
    const cell = read(r);
    const v = toNumber(cell);
    if (v === v) present.push(v);
    else if (isMissing(cell)) missing++;
  }
  const missingShare = rows ? missing / rows : 0;
  const drift: ColumnDrift = { column: feature.name, kind: 'numeric', severity: 'none', missingShare, trainingMissingShare: trainingMissing, findings: [] };
  const findings: { severity: DriftSeverity; text: string }[] = [];
  const miss = missingFinding(feature.name, missingShare, trainingMissing);
  if (miss.text) findings.push({ severity: miss.severity, text: miss.text });
  if (present.length > 0) {
    const mean = present.reduce((a, b) => a + b, 0) / present.length;
    const trainingMean = reference?.mean ?? feature.mean;
    const trainingStd = reference?.std ?? feature.std;
    const shift = trainingStd > 0 ? (mean - trainingMean) / trainingStd : mean === trainingMean ? 0 : Math.sign(mean - trainingMean) * Number.POSITIVE_INFINITY;
    drift.mean = mean;
    drift.trainingMean = trainingMean;
    drift.meanShiftSd = shift;
    const shiftLevel = level(Math.abs(shift), 0.25, 0.5, 1);
    if (shiftLevel !== 'none') {
      const amount = Number.isFinite(shift) ? `${Math.abs(shift).toFixed(1)} sd` : 'far';
      findings.push({ severity: shiftLevel, text: `${feature.name}: batch mean ${amount} ${shift > 0 ? 'above' : 'below'} training (${num(mean)} vs ${num(trainingMean)}).` });
    }
    const outside = present.filter((v) => v < feature.min || v > feature.max).length / present.length;
    drift.outsideRangeShare = outside;
    const outsideLevel = level(outside, Number.MIN_VALUE, 0.05, 0.2);
    if (outsideLevel !== 'none') {
      findings.push({ severity: outsideLevel, text: `${feature.name}: ${percent(outside)} of values outside the training range ${num(feature.min)} to ${num(feature.max)}.` });
    }
    if (reference && present.length >= MIN_ROWS_FOR_DISTRIBUTION) {
      const counts = new Array<number>(reference.shares.length).fill(0);
      for (const v of present) counts[binOf(reference.edges, v)]++;
      const psi = populationStabilityIndex(
        counts.map((c) => c / present.length),
        reference.shares,
      );
      drift.psi = psi;
      const psiLevel = level(psi, 0.05, 0.1, 0.25);
      if (psiLevel !== 'none') findings.push({ severity: psiLevel, text: `${feature.name}: distribution differs from training (PSI ${psi.toFixed(2)}).` });
    }
  }
  return finish(drift, findings);
}

function categoricalDrift(feature: FittedCategoricalFeature, reference: CategoricalReference | null, read: (row: number) => RawCell, rows: number, trainingMissing: number | null): ColumnDrift {
  const index = new Map(feature.categories.map((c, i) => [c, i]));
  const counts = new Array<number>(feature.categories.length).fill(0);
  const unseen = new Map<string, number>();
  let missing = 0;
  let present = 0;
  for (let r = 0; r < rows; r++) {
    const category = toCategory(read(r));
    if (category === null || category.trim() === '') {
      missing++;
      continue;
    }
    present++;
    const slot = index.get(category);
    if (slot === undefined) unseen.set(category, (unseen.get(category) ?? 0) + 1);
    else counts[slot]++;
  }
  const missingShare = rows ? missing / rows : 0;
  const unseenCount = [...unseen.values()].reduce((a, b) => a + b, 0);
  const unseenShare = present ? unseenCount / present : 0;
  const drift: ColumnDrift = {
    column: feature.name,
    kind: 'categorical',
    severity: 'none',
    missingShare,
    trainingMissingShare: trainingMissing,
    unseen: [...unseen.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_UNSEEN_LISTED)
      .map(([value, count]) => ({ value, count })),
    unseenShare,
    findings: [],
  };
  const findings: { severity: DriftSeverity; text: string }[] = [];
  const miss = missingFinding(feature.name, missingShare, trainingMissing);
  if (miss.text) findings.push({ severity: miss.severity, text: miss.text });
  if (unseenCount > 0) {
    // Rare training categories also land here; allow for their training share before calling it drift.
    const expectedOther = reference?.otherShare ?? Math.max(0, 1 - feature.frequencies.reduce((a, b) => a + b, 0));
    const severity = level(Math.max(0, unseenShare - expectedOther), Number.MIN_VALUE, 0.05, 0.2);
    const listed = drift.unseen?.map((u) => `"${u.value}" (${u.count})`).join(', ') ?? '';
    if (severity !== 'none') {
      findings.push({
        severity,
        text: `${feature.name}: ${unseenCount} ${unseenCount === 1 ? 'row has a category' : `rows (${percent(unseenShare)}) have categories`} never seen in training: ${listed}${unseen.size > MAX_UNSEEN_LISTED ? ', …' : ''}.`,
      });
    }
  }
  if (present >= MIN_ROWS_FOR_DISTRIBUTION) {
    const trainingOther = reference?.otherShare ?? Math.max(0, 1 - feature.frequencies.reduce((a, b) => a + b, 0));
    // Training frequencies are shares of all present values, so with the rare "other" bucket they sum to 1.
    let tv = Math.abs(unseenShare - trainingOther);
    for (let i = 0; i < counts.length; i++) tv += Math.abs(counts[i] / present - feature.frequencies[i]);
    tv /= 2;
    drift.totalVariation = tv;
    const tvLevel = level(tv, 0.1, 0.2, 0.35);
    if (tvLevel !== 'none') findings.push({ severity: tvLevel, text: `${feature.name}: category mix differs from training (total variation ${tv.toFixed(2)}).` });
  }
  return finish(drift, findings);
}

function textDrift(feature: FittedTextFeature, reference: TextReference | null, read: (row: number) => RawCell, rows: number, trainingMissing: number | null): ColumnDrift {
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  const { missing, terms, oovRate } = outOfVocabulary(feature, read, all);
  const trainingOov = reference?.oovRate ?? feature.oovRate;
  const missingShare = rows ? missing / rows : 0;
  const drift: ColumnDrift = { column: feature.name, kind: 'text', severity: 'none', missingShare, trainingMissingShare: trainingMissing, oovRate, trainingOovRate: trainingOov, findings: [] };
  const findings: { severity: DriftSeverity; text: string }[] = [];
  const miss = missingFinding(feature.name, missingShare, trainingMissing);
  if (miss.text) findings.push({ severity: miss.severity, text: miss.text });
  if (terms > 0) {
    const severity = level(oovRate - trainingOov, 0.05, 0.15, 0.3);
    if (severity !== 'none') {
      findings.push({ severity, text: `${feature.name}: ${percent(oovRate)} of words and word pairs are outside the training vocabulary (${percent(trainingOov)} in training).` });
    }
  }
  return finish(drift, findings);
}

function finish(drift: ColumnDrift, findings: { severity: DriftSeverity; text: string }[]): ColumnDrift {
  findings.sort((a, b) => ORDER.indexOf(b.severity) - ORDER.indexOf(a.severity));
  drift.findings = findings.map((f) => f.text);
  drift.severity = findings.reduce<DriftSeverity>((s, f) => worst(s, f.severity), 'none');
  return drift;
}

/** Compares `rows` rows of `reader` with the training data described by `fitted` (and `reference`, when the bundle has one). */
export function driftReport(fitted: FittedPreprocessor, reference: TrainingReference | null, reader: FeatureReader, rows: number): DriftReport {
  const byName = new Map((reference?.features ?? []).map((f) => [f.name, f]));
  const columns: ColumnDrift[] = [];
  const notes: string[] = [];
  for (const feature of fitted.features) {
    const read = reader.column(feature.name);
    if (!read) continue; // a missing column is reported as an error before drift is computed
    const ref = byName.get(feature.name) ?? null;
    const trainingMissing = ref ? ref.missingShare : fitted.missing === 'drop' ? 0 : null;
    if (feature.kind === 'text') {
      columns.push(textDrift(feature, ref?.kind === 'text' ? ref : null, read, rows, trainingMissing));
      continue;
    }
    columns.push(
      feature.kind === 'numeric'
        ? numericDrift(feature, ref?.kind === 'numeric' ? ref : null, read, rows, trainingMissing)
        : categoricalDrift(feature, ref?.kind === 'categorical' ? ref : null, read, rows, trainingMissing),
    );
  }
  const severity = columns.reduce<DriftSeverity>((s, c) => worst(s, c.severity), 'none');
  if (rows < SMALL_BATCH) notes.push(`Only ${rows} ${rows === 1 ? 'row' : 'rows'}: differences from training may be chance.`);
  if (!reference) notes.push('The model bundle has no training statistics (missing shares, value distributions); drift is judged from ranges, means and category shares only.');
  const flagged = columns.filter((c) => c.severity === 'medium' || c.severity === 'high');
  const summary =
    severity === 'none' || severity === 'low'
      ? `No important drift: this batch looks like the training data${severity === 'low' ? ' (small differences below)' : ''}.`
      : `${severity === 'high' ? 'Strong drift' : 'Some drift'} in ${flagged.length} of ${columns.length} ${columns.length === 1 ? 'column' : 'columns'} (${flagged.map((c) => c.column).join(', ')}): predictions for this batch may be less reliable than the test metrics suggest.`;
  return { rows, severity, columns, summary, notes };
}
