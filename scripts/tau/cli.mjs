#!/usr/bin/env node
// The headless runner: serves the built app, drives it in headless Chromium and prints one JSON object.
// It runs the real studio (same worker, same modules) — there is no Node-only code path.
// Commands live in ./commands, one file each; the flags each accepts are in ./flags.mjs (one table).
// Flags and JSON fields are a contract: extend, never rename.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError, bool, existingPath, number, parseArgs, text } from './args.mjs';
import { withApp } from './app.mjs';
import { commandHelp, generalHelp } from './flags.mjs';
import { inspect } from './commands/inspect.mjs';
import { train } from './commands/train.mjs';
import { revenue } from './commands/revenue.mjs';
import { predict } from './commands/predict.mjs';
import { share } from './commands/share.mjs';
import { run } from './commands/run.mjs';
import { search } from './commands/search.mjs';
import { exportCommand } from './commands/export.mjs';

/** @type {Record<string, { validate(flags: import('./args.mjs').Flags): void, run(page: import('playwright-core').Page, flags: import('./args.mjs').Flags, app?: unknown): Promise<unknown>, allowDirectoryData?: boolean, handlesOut?: boolean, appOptions?: (flags: import('./args.mjs').Flags) => object }>} */
const COMMANDS = { inspect, train, search, revenue, predict, share, run, export: exportCommand };

const version = () => JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

function print(object) {
  process.stdout.write(`${JSON.stringify(object, null, 2)}\n`);
}

async function main() {
  const request = parseArgs(process.argv.slice(2));
  if (request.kind === 'none') {
    // No command is a usage mistake (exit 2); asking for help is not (exit 0, on stdout).
    process.stderr.write(generalHelp(version()));
    process.exit(2);
  }
  if (request.kind === 'help') {
    process.stdout.write(request.command ? commandHelp(request.command) : generalHelp(version()));
    return;
  }
  if (request.kind === 'version') {
    process.stdout.write(`${version()}\n`);
    return;
  }
  const { command, flags } = request;
  const spec = COMMANDS[command];
  // Validate before starting a browser, so usage errors are instant.
  spec.validate(flags);
  if (flags.data !== undefined) existingPath(flags, 'data', { allowDirectory: Boolean(spec.allowDirectoryData) });
  const options = { webgpu: !bool(flags, 'no-webgpu'), verbose: bool(flags, 'verbose'), quiet: bool(flags, 'quiet'), timeoutSeconds: number(flags, 'timeout') ?? 600 };
  const output = await withApp({ ...options, ...(spec.appOptions?.(flags) ?? {}) }, (page, app) => spec.run(page, flags, app));
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
