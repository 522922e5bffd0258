/**
 * Parity with scikit-learn: fixtures/sklearn-metrics.json holds sklearn's outputs
 * (written by scripts/parity/make-metrics-fixture.py), so this runs without Python.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classificationReport } from './classification-report';
import { rocForJson } from './roc';

interface Averages {
  precision: number;
  recall: number;
  f1: number;
}
interface FixtureCase {
  name: string;
  labels: string[];
  yTrue: number[];
  yPred: number[];
  probabilitiesDtype: 'float32' | 'float64' | null;
  probabilities: number[] | null;
  expected: {
    accuracy: number;
    perClass: { precision: number[]; recall: number[]; f1: number[]; support: number[] };
    macro: Averages;
    weighted: Averages;
    confusionMatrix: number[][];
    logLoss: number | null;
    /** thresholds[0] is "inf" from sklearn >= 1.3, max + 1 from sklearn 1.2. */
    rocCurve: { fpr: number[]; tpr: number[]; thresholds: (number | 'inf')[] } | null;
    rocAuc: number | null;
    rocAucMacroOvr: number | null;
    sklearnErrors: Record<string, string>;
  };
}
interface Fixture {
  sklearnVersion: string;
  numpyVersion: string;
  cases: FixtureCase[];
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE_PATH = join(REPO_ROOT, 'src/evaluate/fixtures/sklearn-metrics.json');
const GENERATOR = join(REPO_ROOT, 'scripts/parity/make-metrics-fixture.py');
const PYTHON = '/usr/bin/python3';
const TOLERANCE = 1e-12;
/**
 * sklearn keeps float32 input in float32 for log_loss; we compute in float64 with
 * the same float32 eps, so the two agree to float32 precision only.
 */
const FLOAT32_LOG_LOSS_RELATIVE_TOLERANCE = 1e-7;

function loadFixture(path: string): Fixture {
  // The shape is the contract with the generator script; the tests below fail loudly if it drifts.
  return JSON.parse(readFileSync(path, 'utf8')) as Fixture;
}

function expectClose(actual: number | undefined, expected: number, what: string, tolerance = TOLERANCE): void {
  expect(actual, what).toBeTypeOf('number');
  const diff = Math.abs((actual as number) - expected);
  expect(diff <= tolerance, `${what}: got ${actual}, sklearn ${expected} (|diff| = ${diff})`).toBe(true);
}

function expectAllClose(actual: readonly number[], expected: readonly number[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  expected.forEach((e, i) => expectClose(actual[i], e, `${what}[${i}]`));
}

const fixture = loadFixture(FIXTURE_PATH);

describe(`classificationReport matches scikit-learn ${fixture.sklearnVersion} (committed fixture)`, () => {
  it('covers the required scenarios', () => {
    expect(fixture.cases.map((c) => c.name)).toEqual(expect.arrayContaining(['binary-tied-scores', 'multiclass-3', 'multiclass-5-missing', 'binary-perfect', 'binary-all-wrong']));
  });

  for (const fc of fixture.cases) {
    it(fc.name, () => {
      const probabilities = fc.probabilities === null ? undefined : fc.probabilitiesDtype === 'float32' ? Float32Array.from(fc.probabilities) : Float64Array.from(fc.probabilities);
      const report = classificationReport({ yTrue: fc.yTrue, yPred: fc.yPred, labels: fc.labels, probabilities });
      const ex = fc.expected;

      expectClose(report.accuracy, ex.accuracy, 'accuracy');
      expect(report.confusionMatrix).toEqual({ labels: fc.labels, matrix: ex.confusionMatrix });
      expect(Object.keys(report.perClass)).toEqual(fc.labels);
      fc.labels.forEach((label, c) => {
        expect(Object.prototype.hasOwnProperty.call(report.perClass, label), `own key ${label}`).toBe(true);
        const m = report.perClass[label];
        expectClose(m.precision, ex.perClass.precision[c], `${label} precision`);
        expectClose(m.recall, ex.perClass.recall[c], `${label} recall`);
        expectClose(m.f1, ex.perClass.f1[c], `${label} f1`);
        expect(m.support, `${label} support`).toBe(ex.perClass.support[c]);
      });
      for (const avg of ['macro', 'weighted'] as const) {
        expectClose(report[avg].precision, ex[avg].precision, `${avg} precision`);
        expectClose(report[avg].recall, ex[avg].recall, `${avg} recall`);
        expectClose(report[avg].f1, ex[avg].f1, `${avg} f1`);
        expect(report[avg].support).toBe(fc.yTrue.length);
      }
      expectClose(report.macroF1, ex.macro.f1, 'macroF1');
      expectClose(report.weightedF1, ex.weighted.f1, 'weightedF1');

      if (ex.logLoss === null) expect(report.logLoss).toBeUndefined();
      else if (fc.probabilitiesDtype === 'float32') {
        expectClose(report.logLoss, ex.logLoss, 'logLoss (float32)', FLOAT32_LOG_LOSS_RELATIVE_TOLERANCE * ex.logLoss);
      } else expectClose(report.logLoss, ex.logLoss, 'logLoss');

      if (ex.rocAuc === null) expect(report.rocAuc).toBeUndefined();
      else expectClose(report.rocAuc, ex.rocAuc, 'rocAuc');
      if (ex.rocAucMacroOvr === null) expect(report.rocAucMacroOvr).toBeUndefined();
      else expectClose(report.rocAucMacroOvr, ex.rocAucMacroOvr, 'rocAucMacroOvr');

      if (ex.rocCurve === null) {
        expect(report.roc).toBeUndefined();
      } else {
        const roc = report.roc;
        if (roc === undefined) throw new Error('report.roc missing where sklearn has a curve');
        expectAllClose(roc.fpr, ex.rocCurve.fpr, 'fpr');
        expectAllClose(roc.tpr, ex.rocCurve.tpr, 'tpr');
        expect(roc.thresholds[0]).toBe(Infinity);
        const [first, ...rest] = ex.rocCurve.thresholds;
        // Numbers only after the first entry; a string elsewhere means a broken fixture.
        expectAllClose(roc.thresholds.slice(1), rest.map(Number), 'thresholds');
        if (first !== 'inf') {
          // sklearn 1.2 wrote max + 1 where 1.3+ writes inf: exactly what rocForJson produces.
          expectClose(rocForJson(roc).thresholds[0], first, 'thresholds[0] (sklearn < 1.3: max + 1)');
        }
      }
      // Every metric sklearn refused must be absent here, not NaN.
      for (const key of Object.keys(ex.sklearnErrors)) {
        const name = key === 'rocCurve' ? 'roc' : key;
        expect(name in report, `${key} is undefined in sklearn: ${ex.sklearnErrors[key]}`).toBe(false);
      }
    });
  }
});

/**
 * Paths where `fresh` differs from `committed`: structure, strings and integers
 * exactly; other numbers within 1e-13 relative, because sklearn's log (libm) can
 * differ in the last bit between CPUs while a stale fixture differs by far more.
 */
function fixtureDifferences(fresh: unknown, committed: unknown, path = '$'): string[] {
  if (typeof fresh === 'number' && typeof committed === 'number') {
    if (Number.isInteger(fresh) && Number.isInteger(committed)) return fresh === committed ? [] : [path];
    return Math.abs(fresh - committed) <= 1e-13 * Math.max(1, Math.abs(committed)) ? [] : [path];
  }
  if (Array.isArray(fresh) && Array.isArray(committed)) {
    if (fresh.length !== committed.length) return [`${path} (length ${fresh.length} vs ${committed.length})`];
    return fresh.flatMap((v, i) => fixtureDifferences(v, committed[i], `${path}[${i}]`));
  }
  if (typeof fresh === 'object' && fresh !== null && typeof committed === 'object' && committed !== null && !Array.isArray(fresh) && !Array.isArray(committed)) {
    const a = fresh as Record<string, unknown>,
      b = committed as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) => (Object.hasOwn(a, key) && Object.hasOwn(b, key) ? fixtureDifferences(a[key], b[key], `${path}.${key}`) : [`${path}.${key} (only in one)`]));
  }
  return fresh === committed ? [] : [path];
}

/** Why the regeneration check cannot run here, or null when it can. */
function pythonUnavailableReason(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, sklearn'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error) return `${PYTHON} not runnable (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} has no numpy/sklearn (${probe.stderr.trim().split('\n').pop()})`;
  return null;
}

describe('committed sklearn fixture is current', () => {
  it('the staleness comparison notices changed values but not last-bit noise', () => {
    const changed = structuredClone(fixture);
    changed.cases[0].expected.confusionMatrix[0][0] += 1;
    changed.cases[1].expected.accuracy += 1e-9;
    const noisy = structuredClone(fixture);
    noisy.cases[1].expected.accuracy *= 1 + Number.EPSILON;
    expect(fixtureDifferences(changed, fixture)).toEqual(['$.cases[0].expected.confusionMatrix[0][0]', '$.cases[1].expected.accuracy']);
    expect(fixtureDifferences(noisy, fixture)).toEqual([]);
  });

  it('regenerating it with the installed scikit-learn gives the committed file', (ctx) => {
    const reason = pythonUnavailableReason();
    if (reason !== null) {
      const note = `skipped: ${reason}; the committed fixture is still checked above`;
      console.warn(`sklearn fixture regeneration ${note}`); // visible with the default reporter too
      ctx.skip(note);
    }
    const dir = mkdtempSync(join(tmpdir(), 'tau-sklearn-fixture-'));
    try {
      const out = join(dir, 'sklearn-metrics.json');
      const run = spawnSync(PYTHON, [GENERATOR, '--out', out], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status, `generator failed: ${run.stderr}`).toBe(0);
      const fresh = loadFixture(out);
      // A different sklearn/numpy can legitimately change results: say so rather than just "differs".
      expect(`${fresh.sklearnVersion}/${fresh.numpyVersion}`, 'regenerate with the installed versions and commit').toBe(`${fixture.sklearnVersion}/${fixture.numpyVersion}`);
      const differences = fixtureDifferences(fresh, fixture);
      expect(differences.slice(0, 20), 'stale fixture: run /usr/bin/python3 scripts/parity/make-metrics-fixture.py').toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
