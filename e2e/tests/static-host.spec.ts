import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { StudioPage } from '../fixtures/studio-page';
import { distDir, startPlainStaticServer } from '../fixtures/plain-static-server';

/**
 * dist/ is the whole site: served by a plain static server under a sub-path, with no COOP/COEP
 * headers (GitHub Pages, S3, an intranet share), the studio loads, reports its backend honestly and trains.
 */
test.describe('any static host', () => {
  let server: { url: string; close: () => Promise<void> };
  test.beforeAll(async () => {
    server = await startPlainStaticServer(distDir, '/tools/tau/');
  });
  test.afterAll(async () => {
    await server.close();
  });

  test('under /tools/tau/ without headers: the service worker isolates the page, WASM trains multi-threaded', async ({ page }) => {
    const studio = new StudioPage(page);
    await page.goto(server.url);
    // First visit: not isolated; the service worker installs, takes control and the page reloads once.
    await page.waitForFunction(() => window.crossOriginIsolated === true, null, { timeout: 120_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server.url}sw.js`);
    await expect(page.getByTestId('section-dataset')).toBeVisible();

    await studio.loadSample('iris');
    await studio.trainTiny({ backend: 'wasm', epochs: 3 });
    const badge = page.getByTestId('backend-badge');
    await expect(badge).toHaveAttribute('data-backend', 'wasm');
    await expect(badge).toHaveAttribute('data-threads', 'true');
    await expect(badge).toContainText('multi-threaded');
    expect(await studio.confusionTotal()).toBe(30);
  });

  test("the manifest passes Chromium's installability check (CDP Page.getInstallabilityErrors)", async ({ browserName }, testInfo) => {
    expect(browserName).toBe('chromium');
    // Installability is never granted to incognito contexts (Playwright's default): use a real profile.
    const profile = mkdtempSync(join(tmpdir(), 'tau-install-'));
    const context = await chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(server.url);
      // After the one reload into isolation, the page is controlled by the service worker.
      await page.waitForFunction(() => window.crossOriginIsolated === true && navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
      await expect(page.getByTestId('section-dataset')).toBeVisible();
      const cdp = await context.newCDPSession(page);
      const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
      expect(manifest.url).toBe(`${server.url}manifest.webmanifest`);
      expect(manifest.errors).toEqual([]);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
      expect(installabilityErrors).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('when no service worker may run, WASM trains single-threaded and the badge says why', async ({ browser }) => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const studio = new StudioPage(page);
    await page.goto(server.url);
    await expect(page.getByTestId('section-dataset')).toBeVisible();
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
    await studio.loadSample('iris');
    await studio.trainTiny({ backend: 'wasm', epochs: 3 });
    const badge = page.getByTestId('backend-badge');
    await expect(badge).toHaveAttribute('data-backend', 'wasm');
    await expect(badge).toHaveAttribute('data-threads', 'false');
    await expect(badge).toContainText('single-threaded');
    await expect(badge).toHaveAttribute('title', /single-threaded: .*COOP\/COEP/);
    expect(await studio.confusionTotal()).toBe(30);
    await context.close();
  });
});
