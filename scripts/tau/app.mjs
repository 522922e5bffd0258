// Starts the built app in headless Chromium for one runner command, and loads data through its file input.
import { chromium } from 'playwright-core';
import { startServer } from '../serve.mjs';
import { ensureChromium, chromiumArgs } from '../chromium.mjs';
import { buildIfNeeded } from '../build-if-needed.mjs';
import { UserError, existingPath, text } from './args.mjs';

/**
 * How often the runner asks the page what it is doing (printed on stderr when it changes). Short enough that a
 * run of a second or two still shows its steps (a 1 s poll printed nothing for a fast iris run); a line is only
 * printed when it changes, so the log does not grow with the poll rate.
 */
const PROGRESS_POLL_MS = 200;

/**
 * Prints the page's progress line (window.tauStudio.progress) on stderr whenever it changes, until stopped.
 * @param {import('playwright-core').Page} page
 */
function reportProgress(page) {
  let last = null;
  let stopped = false;
  const started = Date.now();
  const poll = async () => {
    if (stopped) return;
    try {
      const line = await page.evaluate(() => window.tauStudio.progress?.() ?? null);
      if (typeof line === 'string' && line !== last && !stopped) process.stderr.write(`[tau ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
      last = line;
    } catch (error) {
      // The page closes when the command ends; anything else is worth a line.
      if (!stopped) process.stderr.write(`[tau] progress unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
      stopped = true;
      return;
    }
    timer = setTimeout(poll, PROGRESS_POLL_MS);
  };
  let timer = setTimeout(poll, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * @template T
 * @param {{ webgpu?: boolean, verbose?: boolean, quiet?: boolean, timeoutSeconds?: number, hash?: string, root?: string }} options
 * @param {(page: import('playwright-core').Page, app: { server: { url: string }, browser: import('playwright-core').Browser, context: import('playwright-core').BrowserContext }) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withApp({ webgpu = true, verbose = false, quiet = false, timeoutSeconds = 600, hash = '', root }, work) {
  buildIfNeeded();
  const executablePath = ensureChromium();
  // root: serve another build (the bench's baseline) instead of the configured dist.
  const server = await startServer(root ? { root } : {});
  const browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs({ webgpu }) });
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutSeconds * 1000);
    if (verbose) page.on('console', (m) => process.stderr.write(`[page ${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    // Ask the app for its automation handle (it exists only when a driver asks).
    await page.addInitScript(() => {
      window.__tauAutomation = true;
    });
    await page.goto(`${server.url}${hash}`);
    await page.waitForFunction(() => Boolean(window.tauStudio));
    const stopProgress = quiet ? () => undefined : reportProgress(page);
    try {
      return await work(page, { server, browser, context });
    } finally {
      stopProgress();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Loads --data <file> through the real file input, or --sample <id>; returns the inspect JSON. */
export async function loadData(page, flags) {
  const path = existingPath(flags, 'data');
  let loaded;
  if (path) {
    await page.setInputFiles('[data-testid="file-input"]', path);
    loaded = await page.evaluate(() => window.tauStudio.waitForLoad());
  } else if (text(flags, 'sample') !== undefined) {
    loaded = await page.evaluate((id) => window.tauStudio.loadSample(id), text(flags, 'sample'));
  } else {
    throw new UserError('missing_data', 'Give the data with --data <file> (or --sample <id>).');
  }
  if (!loaded.ok) throw new UserError(loaded.error.code, loaded.error.message);
  return loaded.value;
}

/** Unwraps an AutomationResult from the page, turning its error into a UserError (exit 2). */
export function unwrap(result) {
  if (!result.ok) throw new UserError(result.error.code, result.error.message);
  return result.value;
}
