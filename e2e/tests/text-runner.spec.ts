import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The runner on text data: `tau train --model textcnn` on WASM, and a link with an embedded small text
 * data set (`tau share` → `tau run --retrain`) that reproduces its metrics.
 */

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function tau(...args: string[]): Promise<{ code: number; json: Record<string, unknown>; stderr: string }> {
  return new Promise((done) => {
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

const fixture = (file: string, rows: number) => {
  const csv = readFileSync(new URL(`../fixtures/text/${file}`, import.meta.url), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'tau-text-'));
  const path = join(dir, file);
  writeFileSync(
    path,
    csv
      .split('\n')
      .slice(0, rows + 1)
      .join('\n'),
  );
  return path;
};

test.describe('runner on text', () => {
  test.describe.configure({ timeout: 360_000 });

  test('train --model textcnn on WASM: the text CNN, token sequences, confident mistakes as text', async () => {
    const data = fixture('debian-packages-zh.csv', 400);
    const call = await tau('train', '--data', data, '--target', '分类', '--model', 'textcnn', '--backend', 'wasm', '--epochs', '8', '--seed', '2', '--vocab-size', '3000', '--quiet');
    expect(call.code, call.stderr).toBe(0);
    const out = call.json as {
      backend: string;
      model: { kind: string; embeddingDim: number; filters: number; kernel: number };
      metrics: { accuracy: number };
      text: { columns: string[]; encoding: string; vocabularySize: number; maxTokens: number };
      textMistakes: { row: number; text: string; true: string; predicted: string; confidence: number }[];
    };
    expect(out.backend).toBe('wasm');
    expect(out.model).toMatchObject({ kind: 'textcnn', embeddingDim: 64, filters: 128, kernel: 5 });
    expect(out.text).toMatchObject({ columns: ['描述'], encoding: 'sequence' });
    expect(out.text.vocabularySize).toBeLessThanOrEqual(2998);
    expect(out.text.maxTokens).toBeGreaterThan(3);
    // 8 sections: chance is about 0.2.
    expect(out.metrics.accuracy).toBeGreaterThan(0.35);
    expect(out.textMistakes.length).toBeGreaterThan(0);
    expect(out.textMistakes[0].true).not.toBe(out.textMistakes[0].predicted);
    expect(out.textMistakes[0].text.length).toBeGreaterThan(0);
  });

  test('a link with an embedded small text data set reproduces its metrics when retrained (share → run --retrain)', async () => {
    // Small enough that the link (data + weights inline) fits one command-line argument (< 128 KiB).
    const data = fixture('debian-packages-en.csv', 300);
    const shared = await tau('share', '--data', data, '--target', 'section', '--model', 'bow', '--backend', 'wasm', '--epochs', '10', '--seed', '3', '--vocab-size', '600', '--quiet');
    expect(shared.code, shared.stderr).toBe(0);
    const link = shared.json as { url: string; fragment: string; bytes: number; dataInLink: boolean; metrics: { accuracy: number } };
    expect(link.dataInLink).toBe(true);
    expect(link.fragment.length).toBeLessThan(128 * 1024);
    expect(link.metrics.accuracy).toBeGreaterThan(0.3);
    const retrained = await tau('run', '--url', link.fragment, '--retrain', '--quiet');
    expect(retrained.code, retrained.stderr).toBe(0);
    expect(retrained.json).toMatchObject({ retrained: true, sameMetrics: true, sameBackend: true });
    expect((retrained.json as { metrics: { accuracy: number } }).metrics.accuracy).toBe(link.metrics.accuracy);
  });
});
