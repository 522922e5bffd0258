// Builds dist/ when it is missing or older than any source, so the runner always drives current code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { distDir, projectRoot } from './serve.mjs';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function buildIfNeeded({ log = (m) => process.stderr.write(`${m}\n`), force = false } = {}) {
  // TAU_SKIP_BUILD=1 serves whatever TAU_DIST_DIR holds (e.g. an older build, for before/after runs).
  if (process.env.TAU_SKIP_BUILD === '1' && !force) return false;
  const built = join(distDir, 'index.html');
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(projectRoot, p));
  const stale = force || !existsSync(built) || Math.max(...inputs.map(newestMtime)) > statSync(built).mtimeMs; // spread-ok: a few folders
  if (!stale) return false;
  log('Building the app (vite build)…');
  const result = spawnSync(process.execPath, [join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn', '--outDir', distDir, '--emptyOutDir'], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('vite build failed; see the messages above.');
  return true;
}
