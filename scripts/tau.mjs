#!/usr/bin/env node
// The headless runner: serves the built app, drives it in headless Chromium and prints one JSON object.
// It runs the real studio (same worker, same modules) — there is no Node-only code path.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { ensureChromium, chromiumArgs } from './chromium.mjs';
import { buildIfNeeded } from './build-if-needed.mjs';

const USAGE = `Usage: npm run --silent tau -- <command> [options]
  inspect  --data <file.csv> | --sample <iris|penguins|wine|breast-cancer>
  train    --data <file.csv> | --sample <id>  --target <column> [--model logreg|mlp|auto] [--hidden 64,64]
           [--backend auto|webgpu|webgl|wasm|cpu] [--epochs N] [--batch-size N] [--learning-rate x]
           [--seed N] [--test-size 0.2] [--validation-size 0.1] [--out result.json]
Global: [--no-webgpu] (start Chromium without WebGPU) [--verbose] (page console on stderr) [--timeout seconds]`;

class UserError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const flags = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) throw new UserError('invalid_arguments', `Unexpected argument "${arg}". ${USAGE}`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (eq > 0) flags[name] = arg.slice(eq + 1);
    else if (i + 1 < rest.length && !rest[i + 1].startsWith('--')) flags[name] = rest[++i];
    else flags[name] = true;
  }
  return { command, flags };
}

function number(flags, name, { integer = false } = {}) {
  if (flags[name] === undefined) return undefined;
  const value = Number(flags[name]);
  if (flags[name] === true || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new UserError('invalid_arguments', `--${name} needs ${integer ? 'a whole number' : 'a number'}, got "${flags[name]}".`);
  }
  return value;
}

function oneOf(flags, name, allowed) {
  if (flags[name] === undefined) return undefined;
  if (!allowed.includes(flags[name])) throw new UserError('invalid_arguments', `--${name} must be one of ${allowed.join(', ')}; got "${flags[name]}".`);
  return flags[name];
}

function dataFile(flags) {
  if (typeof flags.data !== 'string') return null;
  const path = resolve(process.cwd(), flags.data);
  if (!existsSync(path)) throw new UserError('file_not_found', `The data file ${flags.data} does not exist. Check the path.`);
  if (statSync(path).isDirectory()) throw new UserError('unsupported_data', `${flags.data} is a folder; give a CSV/TSV file.`);
  return path;
}

async function withApp({ webgpu, verbose, timeoutSeconds }, work) {
  buildIfNeeded();
  const executablePath = ensureChromium();
  const server = await startServer();
  const browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs({ webgpu }) });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(timeoutSeconds * 1000);
    if (verbose) page.on('console', (m) => process.stderr.write(`[page ${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    await page.goto(server.url);
    await page.waitForFunction(() => Boolean(window.tauStudio));
    return await work(page);
  } finally {
    await browser.close();
    await server.close();
  }
}

async function loadData(page, flags) {
  const path = dataFile(flags);
  let loaded;
  if (path) {
    await page.setInputFiles('[data-testid="file-input"]', path);
    loaded = await page.evaluate(() => window.tauStudio.waitForLoad());
  } else if (typeof flags.sample === 'string') {
    loaded = await page.evaluate((id) => window.tauStudio.loadSample(id), flags.sample);
  } else {
    throw new UserError('missing_data', 'Give the data with --data <file> (or --sample <id>).');
  }
  if (!loaded.ok) throw new UserError(loaded.error.code, loaded.error.message);
  return loaded.value;
}

function trainOptions(flags) {
  const hidden = flags.hidden === undefined ? undefined : String(flags.hidden).split(',').map((s) => Number(s.trim()));
  if (hidden && hidden.some((u) => !Number.isInteger(u) || u < 1 || u > 4096)) {
    throw new UserError('invalid_arguments', `--hidden takes whole numbers from 1 to 4096 separated by commas, e.g. 64,64; got "${flags.hidden}".`);
  }
  return {
    target: typeof flags.target === 'string' ? flags.target : undefined,
    model: oneOf(flags, 'model', ['auto', 'logreg', 'mlp']),
    hidden,
    backend: oneOf(flags, 'backend', ['auto', 'webgpu', 'webgl', 'wasm', 'cpu']),
    epochs: number(flags, 'epochs', { integer: true }),
    batchSize: number(flags, 'batch-size', { integer: true }),
    learningRate: number(flags, 'learning-rate'),
    seed: number(flags, 'seed', { integer: true }),
    testSize: number(flags, 'test-size'),
    validationSize: number(flags, 'validation-size'),
  };
}

const COMMANDS = {
  async inspect(page, flags) {
    return loadData(page, flags);
  },
  async train(page, flags) {
    const options = trainOptions(flags);
    if (!options.target) throw new UserError('missing_target', 'Say which column to predict with --target <column>.');
    await loadData(page, flags);
    const result = await page.evaluate((o) => window.tauStudio.train(o), options);
    if (!result.ok) throw new UserError(result.error.code, result.error.message);
    return result.value;
  },
};

function print(object) {
  process.stdout.write(`${JSON.stringify(object, null, 2)}\n`);
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
    if (!parsed.command || parsed.command === 'help' || parsed.flags.help) {
      process.stderr.write(`${USAGE}\n`);
      process.exit(parsed.command ? 0 : 2);
    }
    const run = COMMANDS[parsed.command];
    if (!run) throw new UserError('unknown_command', `Unknown command "${parsed.command}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    // Validate flags before starting a browser, so usage errors are instant.
    if (parsed.command === 'train') trainOptions(parsed.flags);
    if (parsed.flags.data !== undefined) dataFile(parsed.flags);
    const timeoutSeconds = number(parsed.flags, 'timeout') ?? 600;
    const output = await withApp({ webgpu: !parsed.flags['no-webgpu'], verbose: Boolean(parsed.flags.verbose), timeoutSeconds }, (page) => run(page, parsed.flags));
    if (typeof parsed.flags.out === 'string') writeFileSync(resolve(process.cwd(), parsed.flags.out), `${JSON.stringify(output, null, 2)}\n`);
    print(output);
  } catch (error) {
    if (error instanceof UserError) {
      print({ error: { code: error.code, message: error.message } });
      process.exit(2);
    }
    print({ error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } });
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
}

await main();
