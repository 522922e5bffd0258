import { test, expect } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot, runnerJson, tau, type RunnerCall } from '../fixtures/runner-call';

/**
 * The runner's command-line conventions (scripts/tau/flags.mjs is the table of commands and flags):
 * help and version on stdout with exit 0, usage errors with exit 2 naming the flag, progress on stderr,
 * and a contract test for each command and flag family (predict, share, run, --export, --out, --no-webgpu).
 */

const root = projectRoot;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

function usageError(call: RunnerCall): { code: string; message: string } {
  expect(call.code, call.stderr).toBe(2);
  expect(call.stderr).not.toMatch(/\n\s+at /);
  return (runnerJson(call) as { error: { code: string; message: string } }).error;
}

const IRIS = ['--sample', 'iris', '--target', 'species', '--model', 'logreg', '--backend', 'wasm', '--epochs', '3', '--seed', '3'];

test.describe('runner command line', () => {
  test.describe.configure({ timeout: 300_000 });

  test('help and version print on stdout and exit 0; usage mistakes exit 2 and name the flag', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const help = await tau(...args);
      expect(help.code, args.join(' ')).toBe(0);
      expect(help.stdout).toMatch(/Usage: npm run --silent tau -- <command>/);
      for (const command of ['inspect', 'train', 'predict', 'share', 'run', 'revenue']) expect(help.stdout).toContain(`  ${command} `);
    }
    const trainHelp = await tau('train', '--help');
    expect(trainHelp.code).toBe(0);
    expect(trainHelp.stdout).toMatch(/--epochs <N>\s+training epochs/);
    expect(trainHelp.stdout).toMatch(/--include-split\s/);
    expect((await tau('help', 'predict')).stdout).toMatch(/--model <model\.zip>/);

    const version = await tau('--version');
    expect([version.code, version.stdout.trim()]).toEqual([0, pkg.version]);

    const typo = usageError(await tau('train', '--sample', 'iris', '--target', 'species', '--epoch', '5'));
    expect(typo).toEqual({ code: 'invalid_arguments', message: expect.stringMatching(/Unknown option --epoch .*Did you mean --epochs\?/) });
    expect(usageError(await tau('train', '--sample', 'iris', '--epochs', 'five')).message).toMatch(/--epochs needs a whole number, got "five"/);
    expect(usageError(await tau('train', '--sample', 'iris', '--backend', 'tpu')).message).toMatch(/--backend needs one of auto, webgpu, webgl, wasm, cpu, got "tpu"/);
    expect(usageError(await tau('train', '--sample', 'iris', '--include-split', 'maybe')).message).toMatch(/Unexpected argument "maybe"/);
    expect(usageError(await tau('train', '--sample', 'iris', '--include-split=maybe')).message).toMatch(/--include-split needs true or false/);
    expect(usageError(await tau('predict', '--model')).message).toMatch(/--model needs a value/);
    expect(usageError(await tau('inspect', '--sample', 'iris', '--sample', 'wine')).message).toMatch(/--sample is given twice/);
    expect(usageError(await tau('trian')).code).toBe('unknown_command');
  });

  test('search error contract: bad --budget or --cv and a missing --target exit 2 naming the flag; text, numeric and unknown targets give a clear error JSON', async () => {
    const IRIS_SEARCH = ['search', '--sample', 'iris', '--target', 'species', '--backend', 'wasm'];
    for (const budget of ['0s', 'fast', '1.5trials', '0trials', '25h']) {
      const error = usageError(await tau(...IRIS_SEARCH, '--budget', budget));
      expect(error, budget).toEqual({ code: 'invalid_arguments', message: expect.stringContaining(`--budget takes a time from 1s to 24h`) });
      expect(error.message).toContain(`got "${budget}"`);
    }
    for (const cv of ['1', '21', '-3']) expect(usageError(await tau(...IRIS_SEARCH, '--cv', cv)).message, cv).toMatch(/^--cv takes a whole number of folds from 2 to 20, or 0 for a holdout/);
    expect(usageError(await tau(...IRIS_SEARCH, '--cv', '2.5')).message).toMatch(/--cv needs a whole number, got "2.5"/);
    expect(usageError(await tau('search', '--sample', 'iris', '--budget', '2trials'))).toEqual({ code: 'missing_target', message: expect.stringContaining('--target <column>') });
    expect(usageError(await tau(...IRIS_SEARCH, '--folds', '3')).message).toMatch(/Unknown option --folds/);

    // Past the flags, the app answers with an error JSON and a non-zero exit, never a stack trace.
    const dir = mkdtempSync(join(tmpdir(), 'tau-search-'));
    const words = ['alpha', 'beta', 'gamma', 'delta', 'river', 'stone', 'cloud', 'paper', 'light', 'garden'];
    const lines = ['note,x', ...Array.from({ length: 120 }, (_, i) => `${Array.from({ length: 5 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ')} number ${i},${(i % 13) / 13}`)];
    writeFileSync(join(dir, 'notes.csv'), `${lines.join('\n')}\n`);
    const appError = (call: RunnerCall) => {
      expect(call.code, call.stderr).not.toBe(0);
      expect(call.stderr).not.toMatch(/\n\s+at /);
      return (runnerJson(call) as { error: { code: string; message: string } }).error;
    };
    const textTarget = appError(await tau('search', '--data', join(dir, 'notes.csv'), '--target', 'note', '--budget', '2trials', '--backend', 'wasm'));
    expect(textTarget).toEqual({ code: 'target_too_many_classes', message: expect.stringMatching(/"note" has 120 distinct values; a classifier here supports 2 to 100 classes/) });
    const numeric = appError(await tau('search', '--sample', 'diabetes', '--target', 'progression', '--budget', '2trials', '--backend', 'wasm'));
    expect(numeric).toEqual({ code: 'model_mismatch', message: expect.stringMatching(/Model search tunes classifiers; "progression" is a regression target/) });
    const unknown = appError(await tau('search', '--sample', 'iris', '--target', 'colour', '--budget', '2trials', '--backend', 'wasm'));
    expect(unknown.message).toMatch(/colour/);
  });

  test('train: --include-split false means false, --out writes the printed JSON, --export writes a bundle that predict reads (--out CSV)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tau-cli-'));
    const resultFile = join(dir, 'result.json');
    const bundle = join(dir, 'model.zip');
    const trained = await tau('train', ...IRIS, '--include-split', 'false', '--out', resultFile, '--export', bundle);
    expect(trained.code, trained.stderr).toBe(0);
    const result = runnerJson(trained);
    expect(result).not.toHaveProperty('splitRows');
    expect(JSON.parse(readFileSync(resultFile, 'utf8'))).toEqual(result);
    expect(result.export).toMatchObject({ path: bundle, bytes: expect.any(Number) });
    expect(existsSync(bundle)).toBe(true);
    // Progress on stderr while it works (not --quiet).
    expect(trained.stderr).toMatch(/\[tau \d+s\] /);

    const rows = join(dir, 'rows.csv');
    writeFileSync(rows, 'sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n6.7,3.0,5.2,2.3,virginica\nabc,3.0,5.2,2.3,virginica\n');
    const predicted = await tau('predict', '--model', bundle, '--data', rows, '--quiet');
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(predicted.stderr).not.toMatch(/\[tau \d+s\]/);
    const prediction = runnerJson(predicted);
    expect(prediction).toMatchObject({ rows: 3, invalidCount: 1 });
    const predictions = prediction.predictions as { row: number; label: string | null }[];
    expect(predictions.map((p) => p.row)).toEqual([1, 2, 3]);
    expect(predictions[2].label).toBeNull();

    const csvFile = join(dir, 'predictions.csv');
    const withOut = await tau('predict', '--model', bundle, '--data', rows, '--out', csvFile, '--quiet');
    expect(withOut.code, withOut.stderr).toBe(0);
    const summary = runnerJson(withOut);
    expect(summary).not.toHaveProperty('predictions');
    expect(summary.out).toBe(csvFile);
    const csv = readFileSync(csvFile, 'utf8').trim().split(/\r?\n/);
    expect(csv).toHaveLength(4);
    expect(csv[0]).toMatch(/^sepal_length,.*predicted species/);
  });

  test('share prints a link that run opens with the same metrics; --retrain on the same backend reproduces them', async () => {
    const shared = await tau('share', ...IRIS, '--quiet');
    expect(shared.code, shared.stderr).toBe(0);
    const link = runnerJson(shared) as { url: string; fragment: string; bytes: number; metrics: { accuracy: number } };
    expect(link.url).toMatch(/#nb=\d+\./);
    expect(link.bytes).toBeGreaterThan(0);

    const opened = await tau('run', '--url', link.url, '--quiet');
    expect(opened.code, opened.stderr).toBe(0);
    const stored = runnerJson(opened) as { retrained: boolean; metrics: { accuracy: number } };
    expect(stored.retrained).toBe(false);
    expect(stored.metrics.accuracy).toBe(link.metrics.accuracy);

    const retrained = await tau('run', '--url', link.fragment, '--retrain', '--quiet');
    expect(retrained.code, retrained.stderr).toBe(0);
    expect(runnerJson(retrained)).toMatchObject({ retrained: true, sameMetrics: true, sameBackend: true });
  });

  test('--no-webgpu starts Chromium without WebGPU: auto picks another backend', async () => {
    const call = await tau('train', '--sample', 'iris', '--target', 'species', '--model', 'logreg', '--epochs', '2', '--no-webgpu', '--quiet');
    expect(call.code, call.stderr).toBe(0);
    const result = runnerJson(call) as { backend: string };
    expect(['webgl', 'wasm', 'cpu']).toContain(result.backend);
  });
});
