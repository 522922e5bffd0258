// Shared by the quality measurements that drive the runner (text-quality, image-quality): the repository
// root, `--name value` flags and a child process whose stdout is kept and whose time is measured.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The value after `--name`; `true` when the flag stands alone; `fallback` when it is absent.
 * @param {string} name
 * @param {string | boolean | undefined} [fallback]
 * @returns {string | boolean | undefined}
 */
export function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = process.argv[i + 1];
  return value === undefined || value.startsWith('--') ? true : value;
}

/**
 * Runs a command in the repository root (stderr passes through) and returns its stdout and wall time.
 * @param {string} command
 * @param {string[]} args
 * @param {string} what
 * @returns {{ stdout: string, seconds: number }}
 */
export function run(command, args, what) {
  process.stderr.write(`[measure] ${what}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}): ${result.stdout.slice(0, 2000)}`);
  return { stdout: result.stdout, seconds: (Date.now() - started) / 1000 };
}
