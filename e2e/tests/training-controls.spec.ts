import { expect, test } from '@playwright/test';
import { StudioPage } from '../fixtures/studio-page';

test.describe('training controls and binary evaluation', () => {
  test('Stop keeps the best model so far and the evaluation still appears', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.loadSample('penguins');
    await page.getByTestId('backend-select').selectOption('wasm');
    await page.getByTestId('model-choice').locator('input[type="radio"][value="mlp"]').check();
    await studio.setNumber('epochs', 5000);
    await page.getByTestId('early-stopping').uncheck();
    await page.getByTestId('train-button').click();
    // Wait until a few epochs are in, then stop.
    await expect(page.getByTestId('train-progress')).toContainText(/epoch (\d[\d,]+|[3-9]) of 5,000/, { timeout: 60_000 }); // numbers in the UI locale (en: 5,000);
    await page.getByTestId('stop-button').click();
    await expect(page.getByTestId('confusion-matrix')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('training-facts')).toContainText('stopped by you');
    expect(await studio.confusionTotal()).toBe(69);
  });

  test('a binary target gets a ROC curve and AUC, with a table alternative', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.loadSample('breast-cancer');
    await studio.trainTiny({ backend: 'wasm', epochs: 5 });
    await expect(page.getByTestId('roc-chart')).toBeVisible();
    const auc = Number(await page.getByTestId('metric-auc').innerText());
    expect(auc).toBeGreaterThan(0.9);
    await page.getByTestId('roc-chart').getByText('ROC points as a table').click();
    await expect(page.getByTestId('roc-chart').getByRole('table')).toContainText('False positive rate');
    await expect(page.getByTestId('backend-reason')).toContainText('WASM');
  });
});
