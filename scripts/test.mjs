#!/usr/bin/env node
// `npm test`: everything CI checks, in order — lint (ESLint: typescript-eslint + layer boundaries),
// format check (Prettier), type checks (src; scripts and bench), unit tests (Vitest), build, and e2e
// (Playwright driving the built app in real Chromium, with and without WebGPU).
// Finds Chromium or installs Debian's package, and says what to do when it cannot.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { distDir, projectRoot } from './serve.mjs';
import { ensureChromium } from './chromium.mjs';

const args = new Set(process.argv.slice(2));
const bin = (pkg, file) => join(projectRoot, 'node_modules', pkg, file);

function step(name, command, commandArgs, env = {}) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const result = spawnSync(process.execPath, [command, ...commandArgs], { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`✗ ${name} failed after ${seconds} s\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`✓ ${name} (${seconds} s)\n`);
}

let chromium;
try {
  chromium = ensureChromium();
} catch (error) {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

if (!args.has('--e2e-only')) {
  step('Lint (eslint)', bin('eslint', 'bin/eslint.js'), ['.']);
  step('Format check (prettier --check)', bin('prettier', 'bin/prettier.cjs'), ['--check', '--log-level', 'warn', '.']);
  step('Type check (tsc --noEmit)', bin('typescript', 'bin/tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  step('Type check scripts and bench (tsc, checkJs)', bin('typescript', 'bin/tsc'), ['-p', 'tsconfig.scripts.json', '--noEmit']);
  step('Unit tests (vitest)', bin('vitest', 'vitest.mjs'), ['run']);
}
step('Build (vite build)', bin('vite', 'bin/vite.js'), ['build', '--logLevel', 'warn', '--outDir', distDir, '--emptyOutDir']);
step('End-to-end tests (Playwright, real Chromium)', bin('@playwright/test', 'cli.js'), ['test'], { TAU_CHROMIUM: chromium });
process.stdout.write('\nAll tests passed.\n');
