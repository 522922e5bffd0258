import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { hostileBundles, hostileCsvs, hostileLinks } from '../../src/hardening/hostile-corpus';

/**
 * Every hostile input of the corpus, opened in real Chromium: the page still renders (also after a
 * reload), no uncaught page error, no dialog, a clear notice, and the main thread is never blocked for
 * more than a second (long tasks measured by PerformanceObserver in the page): asserted at start-up
 * (including what start-up defers: the sections below the first, the revenue charts), after a reload and
 * while working, for every fixture.
 */
// Playwright's trace recorder snapshots the whole DOM inside the page on every action; with a 5,000-column
// profile or a 1,000-class report those snapshots were themselves multi-second main-thread tasks (CPU
// profile: captureSnapshot/visitNode 3.2 s), blocking the page under test. Timings here measure the app.
test.use({ trace: 'off' });

/** Issue 13: the longest main-thread task allowed, at start-up, after a reload and while working (ms). */
// Soft assertions: a case over the limit still runs to its end, so every figure is measured and reported.
const LONGEST_TASK_MS = 1000;
// The first start of a fresh page (start-up plus opening the case, no V8 code cache) is held to the same 1 s. Round 6
// held it to 2 s: recharts' first chart mount (the revenue projection) was one task of 0.6–1.1 s there. Round 7 drew
// the revenue charts as plain SVG and deferred the 1,000-class link's revenue tie-in: quiet machine, first starts
// 138–298 ms, the 1,000-class link 425 ms, the wide CSV's load 272 ms (scripts/measure/results/hardening-r7.md).

const base = JSON.parse(readFileSync(new URL('../../src/notebook/fixtures/v1-breast-cancer.json', import.meta.url), 'utf8')) as Parameters<typeof hostileLinks>[0];

interface Watch {
  errors: string[];
  dialogs: string[];
}

async function watch(page: Page): Promise<Watch> {
  const w: Watch = { errors: [], dialogs: [] };
  page.on('pageerror', (e) => w.errors.push(e.message));
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __longest: number; __lastLongTaskEnd: number; __csp: string[] };
    w.__longest = 0;
    w.__lastLongTaskEnd = 0;
    w.__csp = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__longest = Math.max(w.__longest, e.duration);
        w.__lastLongTaskEnd = Math.max(w.__lastLongTaskEnd, e.startTime + e.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return w;
}

async function rendersStudio(page: Page): Promise<void> {
  await expect(page.getByTestId('section-dataset')).toBeVisible();
  await expect(page.getByTestId('notebook-title')).toBeVisible();
  await page.waitForFunction(() => Boolean(window.tauStudio));
  // The answer stays in the page: returning it made Playwright serialize the notebook's stored results inside
  // the page (for 1,000 classes a million-cell confusion matrix: a 1 s "long task" of the test, not of the app).
  await page.evaluate(async () => {
    await window.tauStudio!.notebookReady();
  });
  await settled(page);
}

/**
 * Waits until the page has had no long task for 1.5 s and then an idle moment (at most 30 s): what start-up
 * defers (sections below the first, the revenue charts, autosave) has run, so the longest task read next
 * covers all of it.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const w = window as unknown as { __lastLongTaskEnd: number };
    const until = performance.now() + 30_000;
    const idle = () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 }));
    await idle();
    while (performance.now() < until && performance.now() - w.__lastLongTaskEnd < 1500) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await idle();
    }
  });
}

async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __longest: number }).__longest);
}

const NOTICE = '[data-testid="link-error"], [data-testid="notebook-notice"], [data-testid="heavy-content"], [data-testid^="section-error"], [data-testid="load-error"], [data-testid="model-error"]';
const measured: string[] = [];

test.afterAll(() => {
  console.log(`hostile corpus, longest main-thread task per case (ms):\n${measured.join('\n')}`);
});

test.describe('hostile links', () => {
  for (const link of hostileLinks(base)) {
    test(`link: ${link.name}`, async ({ page }) => {
      // Open, page through the report, reload: 1.9–2.1 min of the 3 min budget at load ~30, over it at load ~43.
      if (link.name.startsWith('1,000-class')) test.slow();
      const w = await watch(page);
      await page.goto(`/${link.fragment}`);
      await rendersStudio(page);
      await expect(page.locator(NOTICE).first()).toBeVisible();
      if (link.expect === 'refused') await expect(page.getByTestId('link-error')).toBeVisible();
      if (link.expect === 'gated') {
        await expect(page.getByTestId('heavy-content')).toContainText('500 columns');
        await page.getByTestId('load-heavy').click();
        await expect(page.getByTestId('dataset-summary')).toBeVisible();
      }
      if (link.name.startsWith('1,000-class')) {
        await expect(page.getByTestId('confusion-limited')).toContainText('1,000 classes');
        // The report pages its 1,000 rows (25 at a time, largest support first) instead of laying out all of them.
        await expect(page.getByTestId('per-class-range')).toContainText('1,000 classes');
        await expect(page.getByTestId('per-class-table').locator('tbody tr')).toHaveCount(25);
        // Start-up (asserted below with every link), then working with the report: never over a second.
        const startup = await longestTask(page);
        measured.push(`${link.name}, start-up: ${startup.toFixed(0)}`);
        expect.soft(startup, 'longest main-thread task at the first start (ms)').toBeLessThanOrEqual(LONGEST_TASK_MS);
        await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));
        await page.getByTestId('per-class-next').click();
        await expect(page.getByTestId('per-class-range')).toContainText('26–50');
        await page.getByTestId('normalize-toggle').check();
        await expect(page.getByTestId('confusion-cell').first()).toContainText('%');
        await page.getByTestId('per-class-previous').click();
        await expect(page.getByTestId('per-class-range')).toContainText('1–25');
        const interactive = await longestTask(page);
        measured.push(`${link.name}, interacting after start-up: ${interactive.toFixed(0)}`);
        expect.soft(interactive, 'longest main-thread task (ms)').toBeLessThanOrEqual(LONGEST_TASK_MS);
      }
      if (link.name === 'script in a note') expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      const longest = await longestTask(page);
      // Reload: what was opened (or not) must not take the page down on the next start.
      await page.reload();
      await rendersStudio(page);
      const longestAfterReload = await longestTask(page);
      measured.push(`${link.name}: ${longest.toFixed(0)} / after reload ${longestAfterReload.toFixed(0)}`);
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      // Start-up (for the 1,000-class link: paging the report, start-up is asserted above) and the start after a reload.
      expect.soft(longest, 'longest main-thread task (ms)').toBeLessThanOrEqual(LONGEST_TASK_MS);
      expect.soft(longestAfterReload, 'longest main-thread task (ms)').toBeLessThanOrEqual(LONGEST_TASK_MS);
    });
  }
});

test.describe('hostile files', () => {
  for (const file of [...hostileCsvs(), ...hostileBundles()]) {
    // wide.csv (5,000 columns) was fixme: its profile cards waited on a lazy chunk whose import() stayed pending
    // while this test polled the page; the cards are no longer lazy (see ColumnProfiles' MiniHistogram).
    test(`${file.kind}: ${file.name}`, async ({ page }) => {
      const w = await watch(page);
      await page.goto('/');
      await rendersStudio(page);
      const input = file.kind === 'csv' ? 'file-input' : file.kind === 'bundle' ? 'model-import-input' : 'image-file-input';
      if (file.kind === 'image-zip') await page.getByTestId('image-file-input').waitFor({ state: 'attached' });
      await page.getByTestId(input).setInputFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.bytes) });
      // A 5,000-column file is parsed in one go in the worker (1–3 s in Node here, more in a worker when several
      // browsers share the two cores: 2 of 5 runs still showed "Reading… 0%" after 20 s): waiting is not timed.
      await expect(page.locator('body')).toContainText(file.shows, { timeout: 90_000 });
      // The encoding choice lists every encoding by name, so the detected one is read from its value.
      if (file.encoding) await expect(page.getByTestId('encoding-select')).toHaveValue(file.encoding);
      await settled(page);
      if (file.name === 'wide.csv') await wideTablePrepare(page);
      // Start-up, opening the file and (wide.csv) working with Prepare.
      const longest = await longestTask(page);
      await page.reload();
      await rendersStudio(page);
      const longestAfterReload = await longestTask(page);
      measured.push(`${file.name}: ${longest.toFixed(0)} / after reload ${longestAfterReload.toFixed(0)}`);
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
      expect.soft(longest, 'longest main-thread task at the first start (ms)').toBeLessThanOrEqual(LONGEST_TASK_MS);
      expect.soft(longestAfterReload, 'longest main-thread task (ms)').toBeLessThanOrEqual(LONGEST_TASK_MS);
    });
  }
});

/**
 * The 5,000-column file: Prepare draws a page of its feature list (drawing 5,000 rows of controls blocked the
 * page 2.3–8.4 s); select all / none and search reach every column. The longest main-thread task stays ≤ 1 s
 * for the whole load (start-up, reading, the first render of Prepare) and while working with Prepare.
 */
async function wideTablePrepare(page: Page): Promise<void> {
  const list = page.getByTestId('feature-list');
  await expect(page.getByTestId('features-shown')).toHaveText('Showing 100 of 4,999 columns.');
  await expect(list.locator('.feature-item')).toHaveCount(100);
  // Let the load's last renders land before reading the longest task.
  await settled(page);
  const atLoad = await longestTask(page);
  measured.push(`wide.csv, load and first render of Prepare: ${atLoad.toFixed(0)}`);
  await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));
  await page.getByTestId('section-prepare').scrollIntoViewIfNeeded();
  await page.getByTestId('target-select').selectOption('c0');
  await expect(list.locator('legend')).toHaveText('Features (4,999 of 4,999)');
  await expect(page.getByTestId('features-shown')).toHaveText('Showing 100 of 4,999 columns.');
  await page.getByTestId('features-select-none').click();
  await expect(list.locator('legend')).toHaveText('Features (0 of 4,999)');
  // Search reaches a column far past the drawn page; selecting the matches includes only those.
  await page.getByTestId('feature-search').fill('C4999');
  await expect(list.locator('.feature-item')).toHaveCount(1);
  await expect(list.getByLabel('c4999', { exact: true })).not.toBeChecked();
  await page.getByTestId('features-select-all').click();
  await expect(list.getByLabel('c4999', { exact: true })).toBeChecked();
  await expect(list.locator('legend')).toHaveText('Features (1 of 4,999)');
  await page.getByTestId('feature-search').fill('');
  await page.getByTestId('features-select-all').click();
  await expect(list.locator('legend')).toHaveText('Features (4,999 of 4,999)');
  // Keyboard: "show more" draws the next 400 and moves focus to the first of them.
  await page.getByTestId('features-more').focus();
  await page.keyboard.press('Enter');
  await expect(list.locator('.feature-item')).toHaveCount(500);
  await expect(page.locator('#feature-100')).toBeFocused();
  const working = await longestTask(page);
  measured.push(`wide.csv, working with Prepare (target, select none/all, search, show more): ${working.toFixed(0)}`);
  // The load's figure counts everything since the page started (start-up, parsing, the first render of Prepare).
  expect.soft(atLoad, 'longest main-thread task at the first start (ms)').toBeLessThanOrEqual(LONGEST_TASK_MS);
  expect.soft(working, 'longest main-thread task (ms)').toBeLessThanOrEqual(LONGEST_TASK_MS);
}

// The crash-mid-typing test is e2e/tests/crash-recovery.spec.ts (a real SIGKILL of the browser process).

test('two crashed starts in a row open an empty notebook and offer the previous one', async ({ page }) => {
  await page.goto('/');
  await rendersStudio(page);
  await page.getByTestId('notebook-title').fill('Keep me');
  await expect(page.getByTestId('save-status')).toHaveText('Saved · verified');
  // Two starts that never rendered (as a crashing notebook would leave behind).
  await page.evaluate(() => localStorage.setItem('tau-studio:unconfirmed-starts', '2'));
  await page.reload();
  await rendersStudio(page);
  await expect(page.getByTestId('notebook-notice')).toContainText('did not finish starting');
  await expect(page.getByTestId('notebook-title')).not.toHaveValue('Keep me');
  await page.getByTestId('notice-action').click();
  await expect(page.getByTestId('notebook-title')).toHaveValue('Keep me');
});

test('the built app sends a Content-Security-Policy and the automation handle needs a driver', async ({ page, request }) => {
  const response = await request.get('/');
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(await (await request.get('/%E0%A4%A')).status()).toBe(400);
  await page.goto('/');
  await rendersStudio(page);
  // The same policy as a meta tag in the built page (a static host that sends no header still applies it).
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("object-src 'none'");
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(await page.evaluate(() => navigator.webdriver)).toBe(true);
});
