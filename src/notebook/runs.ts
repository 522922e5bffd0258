/**
 * Experiments: every training run (manual or from a search) kept in the notebook, so "the run from
 * before was better" can be checked. Runs hold settings, a data fingerprint, test metrics, curves and the
 * backend; a search run also holds its leaderboard (validation scores only). Caps keep the document and
 * its links small: curves are dropped (oldest runs first) before any metric, and the run says so.
 */
import type { ModelChoice, ModelSpec } from '../models/spec';
import type { BackendName, TrainSettings } from '../train/settings';
import type { TrainingResult } from '../train/result';
import type { SearchReport } from '../search/calls';

export interface RunCurves {
  loss: number[];
  accuracy: number[];
  valLoss: (number | null)[];
  valAccuracy: (number | null)[];
}

/** Test metrics of a run: the classification ones, or (regression runs) MAE/RMSE/R² in the target's units. */
export interface RunMetrics {
  accuracy?: number;
  macroF1?: number;
  weightedF1?: number;
  logLoss?: number;
  rocAuc?: number;
  mae?: number;
  rmse?: number;
  r2?: number;
}

export interface RunRecord {
  id: string;
  finishedAt: string;
  /** How the run was made: a manual training, a search, or a leaderboard trial retrained. */
  kind: 'train' | 'search' | 'retrain';
  datasetName: string;
  /** Same fingerprint ⇔ same data and preparation (rows, classes, inputs, target, split seed and fractions). */
  fingerprint: string;
  modelChoice: ModelChoice;
  model: ModelSpec;
  modelDescription: string;
  settings: TrainSettings;
  backend: BackendName;
  split: { train: number; validation: number; test: number };
  /** Test-split metrics of the run's final model. */
  metrics: RunMetrics;
  seconds: number;
  curves?: RunCurves;
  search?: SearchReport;
  /** What the caps removed from this run (e.g. "curves"). */
  dropped?: string[];
}

/** At most this many runs are kept (the oldest go first). */
export const MAX_RUNS = 40;
/** Points per curve kept in a run (longer histories are thinned evenly, last epoch kept). */
export const MAX_CURVE_POINTS = 300;
/** The JSON size of all runs together; above it curves are dropped, oldest runs first, then whole runs. */
export const RUNS_MAX_CHARS = 300_000;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** A fingerprint of the data a result was trained on (content hash of the file when known). */
export function dataFingerprint(result: TrainingResult, datasetSha256?: string): string {
  const p = result.prepare;
  const shape = [
    result.datasetName,
    result.rows,
    result.classes.join('\u0001'),
    result.preprocessing?.inputNames.join('\u0001') ?? '',
    p.target,
    p.seed,
    p.testFraction,
    p.validationFraction,
    p.missing,
    p.scaling,
  ].join('|');
  return `${datasetSha256 ? datasetSha256.slice(0, 16) : 'rows'}-${result.rows}-${fnv1a(shape)}`;
}

function thin<T>(values: T[], max: number): T[] {
  if (values.length <= max) return values;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(values[Math.round((i * (values.length - 1)) / (max - 1))]);
  return out;
}

function round(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Number(v.toPrecision(5));
}

export function runFromResult(result: TrainingResult & { search?: SearchReport }, options: { id: string; kind?: RunRecord['kind']; datasetSha256?: string }): RunRecord {
  const h = thin(result.training.history, MAX_CURVE_POINTS);
  const m = result.metrics;
  const kind = options.kind ?? (result.search ? (result.search.stoppedBy === 'retrain' ? 'retrain' : 'search') : 'train');
  const run: RunRecord = {
    id: options.id,
    finishedAt: result.finishedAt,
    kind,
    datasetName: result.datasetName,
    fingerprint: dataFingerprint(result, options.datasetSha256),
    modelChoice: result.modelChoice,
    model: result.model,
    modelDescription: result.modelDescription,
    settings: result.settings,
    backend: result.backend,
    split: result.split,
    metrics:
      'mae' in m
        ? { mae: m.mae, rmse: m.rmse, r2: m.r2 }
        : {
            accuracy: m.accuracy,
            macroF1: m.macroF1,
            weightedF1: m.weightedF1,
            ...(m.logLoss !== undefined ? { logLoss: m.logLoss } : {}),
            ...(m.rocAuc !== undefined ? { rocAuc: m.rocAuc } : {}),
          },
    seconds: result.search?.seconds ?? result.training.seconds,
    curves: {
      loss: h.map((e) => round(e.loss) ?? 0),
      accuracy: h.map((e) => round(e.accuracy) ?? 0),
      valLoss: h.map((e) => round(e.valLoss)),
      valAccuracy: h.map((e) => round(e.valAccuracy)),
    },
  };
  if (result.search && kind === 'search') run.search = result.search;
  else if (result.search) run.search = { ...result.search, trials: [] };
  return run;
}

/**
 * Adds `run` and enforces the caps: at most MAX_RUNS, and RUNS_MAX_CHARS of JSON, reached by dropping
 * curves from the oldest runs first, then the oldest runs' leaderboards, then the oldest runs.
 * Returns the runs and what was dropped, in words.
 */
export function addRun(runs: readonly RunRecord[], run: RunRecord, maxChars = RUNS_MAX_CHARS): { runs: RunRecord[]; dropped: string[] } {
  let list = [...runs, run];
  const dropped: string[] = [];
  if (list.length > MAX_RUNS) {
    dropped.push(`${list.length - MAX_RUNS} oldest run(s) (at most ${MAX_RUNS} are kept)`);
    list = list.slice(list.length - MAX_RUNS);
  }
  const size = () => JSON.stringify(list).length;
  for (let i = 0; i < list.length && size() > maxChars; i++) {
    if (!list[i].curves) continue;
    const { curves: _c, ...rest } = list[i];
    void _c;
    list[i] = { ...rest, dropped: [...(rest.dropped ?? []), 'curves'] };
    dropped.push(`the curves of run ${list[i].id}`);
  }
  for (let i = 0; i < list.length && size() > maxChars; i++) {
    const search = list[i].search;
    if (!search || search.trials.length === 0) continue;
    list[i] = { ...list[i], search: { ...search, trials: [] }, dropped: [...(list[i].dropped ?? []), 'leaderboard'] };
    dropped.push(`the leaderboard of run ${list[i].id}`);
  }
  while (list.length > 1 && size() > maxChars) {
    dropped.push(`run ${list[0].id}`);
    list = list.slice(1);
  }
  return { runs: list, dropped };
}

/** Runs without curves (for links that must shrink), with the runs that lost them. */
export function withoutCurves(runs: readonly RunRecord[]): RunRecord[] {
  return runs.map((r) => {
    if (!r.curves) return r;
    const { curves: _c, ...rest } = r;
    void _c;
    return { ...rest, dropped: [...(rest.dropped ?? []), 'curves'] };
  });
}

export interface SettingDifference {
  setting: string;
  values: string[];
}

function flatSettings(run: RunRecord): Record<string, string> {
  const out: Record<string, string> = { model: run.modelDescription, backend: run.backend, data: run.fingerprint };
  for (const [k, v] of Object.entries(run.model)) if (k !== 'kind') out[`model.${k}`] = JSON.stringify(v);
  for (const [k, v] of Object.entries(run.settings)) out[k] = String(v);
  return out;
}

/** The settings that differ between the runs (one value per run; "—" where a run lacks it). */
export function settingsDiff(runs: readonly RunRecord[]): SettingDifference[] {
  const flat = runs.map(flatSettings);
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))];
  return keys.map((setting) => ({ setting, values: flat.map((f) => f[setting] ?? '—') })).filter((d) => new Set(d.values).size > 1);
}

/** Metric deltas of each run against the first (positive = better for accuracy/F1/AUC, lower for log loss). */
export function metricDeltas(runs: readonly RunRecord[]): { metric: keyof RunMetrics; values: (number | null)[]; deltas: (number | null)[] }[] {
  const keys: (keyof RunMetrics)[] = ['accuracy', 'macroF1', 'weightedF1', 'logLoss', 'rocAuc'];
  const base = runs[0];
  return keys
    .map((metric) => {
      const values = runs.map((r) => r.metrics[metric] ?? null);
      const first = base?.metrics[metric];
      return { metric, values, deltas: values.map((v) => (v === null || first === undefined ? null : v - first)) };
    })
    .filter((row) => row.values.some((v) => v !== null));
}
