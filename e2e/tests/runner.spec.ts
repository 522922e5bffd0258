import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The headless runner's contract (`npm run tau -- …`): commands, exit codes and the JSON fields other
 * tools read. Each call starts the built app in its own headless Chromium, as a user of the CLI would.
 */

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

interface RunnerCall {
  code: number;
  json: Record<string, unknown>;
  stderr: string;
}

function tau(...args: string[]): Promise<RunnerCall> {
  return new Promise((done) => {
    // The suite builds once before e2e; the runner must serve that build, not start another.
    const env = { ...process.env, TAU_SKIP_BUILD: '1' };
    execFile(process.execPath, [join(root, 'scripts', 'tau', 'cli.mjs'), ...args], { cwd: root, env, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch (parseError) {
        throw new Error(`The runner did not print JSON (exit ${code}): ${String(parseError)}\nstdout: ${stdout.slice(0, 500)}\nstderr: ${stderr.slice(-2000)}`, { cause: parseError });
      }
      done({ code, json, stderr });
    });
  });
}

type ErrorOutput = { error: { code: string; message: string } };

test.describe('headless runner', () => {
  test.describe.configure({ timeout: 240_000 });

  test('inspect reads a ; file with decimal commas, BOM and CRLF, and names columns as text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tau-runner-'));
    const file = join(dir, 'semicolon.csv');
    writeFileSync(file, '\uFEFFid;__proto__;<b>price</b>;kind\r\n1;a;1,5;x\r\n2;b;2,25;y\r\n\r\n3;"c;d";3,0;x\r\n');
    const { code, json } = await tau('inspect', '--data', file);
    expect(code).toBe(0);
    expect(json.rows).toBe(3);
    expect(json.delimiter).toBe(';');
    const columns = json.columns as { name: string; type: string; missing: number; distinct: number }[];
    expect(columns.map((c) => c.name)).toEqual(['id', '__proto__', '<b>price</b>', 'kind']);
    expect(columns[2]).toMatchObject({ type: 'numeric', missing: 0, distinct: 3 });
    expect(json.preview).toEqual([
      ['1', 'a', '1,5', 'x'],
      ['2', 'b', '2,25', 'y'],
      ['3', 'c;d', '3,0', 'x'],
    ]);
  });

  test('train prints the documented JSON; its confusion matrix covers the test split', async () => {
    const { code, json } = await tau('train', '--sample', 'iris', '--target', 'species', '--model', 'logreg', '--backend', 'wasm', '--epochs', '5', '--seed', '7');
    expect(code).toBe(0);
    expect(json.backend).toBe('wasm');
    expect(json.rows).toBe(150);
    const split = json.split as { train: number; validation: number; test: number };
    expect(split.train + split.validation + split.test).toBe(150);
    const metrics = json.metrics as { accuracy: number; macroF1: number; perClass: Record<string, { support: number }>; confusionMatrix: { labels: string[]; matrix: number[][] } };
    expect(Object.keys(metrics.perClass).sort()).toEqual([...(json.classes as string[])].sort());
    expect(metrics.confusionMatrix.matrix.flat().reduce((a, b) => a + b, 0)).toBe(split.test);
    expect(Object.values(metrics.perClass).reduce((a, c) => a + c.support, 0)).toBe(split.test);
    expect(metrics.accuracy).toBeGreaterThan(0.5);
    const training = json.training as { epochs: number; samplesPerSecond: number; history: { epoch: number; loss: number; valLoss: number }[] };
    expect(training.history).toHaveLength(training.epochs);
    expect(training.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(training.samplesPerSecond).toBeGreaterThan(0);
  });

  test('bad input exits 2 with a message that says what to do, and no stack trace', async () => {
    const unknownColumn = await tau('train', '--sample', 'iris', '--target', 'colour', '--backend', 'wasm');
    expect(unknownColumn.code).toBe(2);
    const { error } = unknownColumn.json as ErrorOutput;
    expect(error.message).toMatch(/colour/);
    expect(unknownColumn.stderr).not.toMatch(/\n\s+at /);

    const missing = await tau('inspect', '--data', join(tmpdir(), 'tau-no-such-file.csv'));
    expect(missing.code).toBe(2);
    expect((missing.json as ErrorOutput).error.message).toMatch(/tau-no-such-file\.csv/);

    const revenue = await tau('revenue', '--customers', '-5', '--price', '10', '--periods', '12');
    expect(revenue.code).toBe(2);
    expect((revenue.json as ErrorOutput).error.message).toMatch(/customers/i);
  });

  test('revenue computes R = N × P × T through the app', async () => {
    const { code, json } = await tau('revenue', '--customers', '1000', '--price', '50', '--periods', '24', '--currency', 'EUR');
    expect(code).toBe(0);
    expect(json.total).toBe(1_200_000);
    expect(json.perPeriod).toHaveLength(24);
    expect(String(json.formula)).toMatch(/1,000|1000/);
  });

  test('train on an image folder takes --cnn as a preset or a layer list, and rejects a wrong one', async () => {
    const folder = join(root, 'e2e', 'fixtures', 'images', 'shapes');
    const layers = await tau('train', '--data', folder, '--image-size', '16', '--cnn', 'conv4,pool,fc8', '--backend', 'wasm', '--epochs', '1', '--batch-size', '8');
    expect(layers.code).toBe(0);
    expect(layers.json.model).toMatchObject({
      kind: 'cnn',
      layers: [
        { type: 'conv', filters: 4, kernel: 3, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'dense', units: 8, activation: 'relu' },
      ],
    });
    expect((layers.json.training as { history: unknown[] }).history).toHaveLength(1);

    const wrong = await tau('train', '--data', folder, '--image-size', '16', '--cnn', 'conv4,pooling', '--backend', 'wasm', '--epochs', '1');
    expect(wrong.code).toBe(2);
    expect((wrong.json as ErrorOutput).error.message).toMatch(/"pooling" is not a layer/);
  });
});
