import { expect, test, type Page } from '@playwright/test';
import { StudioPage } from '../fixtures/studio-page';

/** One online visit installs the service worker (it precaches everything before it takes control). */
async function visitOnceThenGoOffline(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('section-dataset')).toBeVisible();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  await page.context().setOffline(true);
  await page.reload();
}

test.describe('offline after one visit', () => {
  test('reload with the network off: the studio loads, a sample trains, the notebook autosaves', async ({ page }) => {
    const studio = new StudioPage(page);
    await visitOnceThenGoOffline(page);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await expect(page.getByTestId('section-dataset')).toBeVisible();
    await studio.loadSample('iris');
    await studio.trainTiny({ backend: 'wasm', epochs: 3 });
    expect(await studio.confusionTotal()).toBe(30);
    await page.getByTestId('notebook-title').fill('Offline iris');
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
    // The saved notebook survives another offline reload.
    await page.reload();
    await expect(page.getByTestId('notebook-title')).toHaveValue('Offline iris');
  });
});
