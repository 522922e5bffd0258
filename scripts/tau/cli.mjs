#!/usr/bin/env node
// The headless runner: serves the built app, drives it in headless Chromium and prints one JSON object.
// It runs the real studio (same worker, same modules) — there is no Node-only code path.
// Commands live in ./commands, one file each; their flags and JSON fields are a contract: extend, never rename.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError, existingPath, number, parseArgs, text } from './args.mjs';
import { withApp } from './app.mjs';
import { inspect } from './commands/inspect.mjs';
import { train } from './commands/train.mjs';
import { revenue } from './commands/revenue.mjs';
import { predict } from './commands/predict.mjs';
import { share } from './commands/share.mjs';
import { run } from './commands/run.mjs';
import { search } from './commands/search.mjs';
import { exportCommand } from './commands/export.mjs';

const COMMANDS = { inspect, train, search, revenue, predict, share, run, export: exportCommand };

function usage() {
  return `Usage: npm run --silent tau -- <command> [options]
${Object.values(COMMANDS).map((c) => `  ${c.usage}`).join('\n')}
Global: [--no-webgpu] (Chromium without WebGPU) [--verbose] (page console on stderr) [--timeout seconds] [--out file.json]`;
}

function print(object) {
  process.stdout.write(`${JSON.stringify(object, null, 2)}\n`);
}

async function main() {
  const { command, flags } = parseArgs(process.argv.slice(2));
  if (!command || command === 'help' || flags.help) {
    process.stderr.write(`${usage()}\n`);
    process.exit(command ? 0 : 2);
  }
  const spec = COMMANDS[command];
  if (!spec) throw new UserError('unknown_command', `Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
  // Validate before starting a browser, so usage errors are instant.
  spec.validate(flags);
  if (flags.data !== undefined) existingPath(flags, 'data', { allowDirectory: Boolean(spec.allowDirectoryData) });
  const options = { webgpu: !flags['no-webgpu'], verbose: Boolean(flags.verbose), timeoutSeconds: number(flags, 'timeout') ?? 600 };
  const output = spec.local ? await spec.local(flags) : await withApp({ ...options, ...(spec.appOptions?.(flags) ?? {}) }, (page, app) => spec.run(page, flags, app));
  const out = text(flags, 'out');
  if (out !== undefined && !spec.handlesOut) writeFileSync(resolve(process.cwd(), out), `${JSON.stringify(output, null, 2)}\n`);
  print(output);
}

try {
  await main();
} catch (error) {
  if (error instanceof UserError) {
    print({ error: { code: error.code, message: error.message } });
    process.exit(2);
  }
  print({ error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } });
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
}
