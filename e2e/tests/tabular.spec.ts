import { expect, test } from '@playwright/test';
import { StudioPage } from '../fixtures/studio-page';

test.describe('tabular vertical slice (WebGPU enabled)', () => {
  test('loads a sample, trains on WebGPU and shows a confusion matrix that sums to the test size', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.loadSample('iris');
    await expect(studio.section('dataset')).toContainText('150 rows × 5 columns');
    await expect(page.getByTestId('column-profile')).toHaveCount(5);
    await expect(page.getByTestId('target-select')).toHaveValue('species');

    await studio.trainTiny({ backend: 'webgpu', epochs: 3 });
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
    await expect(page.getByTestId('backend-badge')).toContainText('WebGPU');
    const testSize = Number(await page.getByTestId('test-size').innerText());
    expect(testSize).toBe(30);
    expect(await studio.confusionTotal()).toBe(testSize);
    await expect(page.getByTestId('chart-loss')).toBeVisible();
    await expect(page.getByTestId('per-class-table')).toContainText('versicolor');
    // Row-normalized view: each row of percentages.
    await page.getByTestId('normalize-toggle').check();
    await expect(page.getByTestId('confusion-matrix')).toContainText('%');
  });

  test('a malformed file gets a clear error and the previous dataset stays', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.loadSample('penguins');
    await studio.uploadCsv('broken.csv', 'a,b\n1,2\n3,4,5\n');
    const error = page.getByTestId('load-error');
    await expect(error).toContainText('broken.csv, line 3');
    await expect(error).toContainText('3 fields but the header has 2');
    await expect(error).toContainText('previously loaded data (penguins.csv) is still here');
    await expect(page.getByTestId('dataset-summary')).toContainText('penguins.csv: 344 rows');
    await expect(page.getByTestId('data-table')).toContainText('Adelie');
  });

  test('real-world quirks: BOM, semicolons with decimal commas, quoted newlines, hostile headers shown as text', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    const csv = '\ufeff__proto__;<img src=x onerror="window.pwned=1">;note\r\n1,5;a;"multi\r\nline"\r\n2,5;b;plain\r\n';
    await studio.uploadCsv('quirks.csv', csv);
    await expect(page.getByTestId('dataset-summary')).toContainText('quirks.csv: 2 rows × 3 columns');
    await expect(page.getByTestId('data-table')).toContainText('<img src=x onerror="window.pwned=1">');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await expect(page.getByTestId('column-type').first()).toHaveText('numeric');
    await expect(studio.section('dataset')).toContainText('semicolon-separated · decimal comma');
  });

  test('a one-class target is refused with a reason', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.uploadCsv('one.csv', 'x,y\n1,a\n2,a\n3,a\n');
    await expect(page.getByTestId('dataset-summary')).toBeVisible();
    await page.getByTestId('target-select').selectOption('y');
    await expect(page.getByTestId('target-note')).toContainText('a classifier needs at least two classes');
  });

  test('works from the keyboard: pick a sample with Enter, the table region takes focus', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await page.getByTestId('sample-wine').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('dataset-summary')).toContainText('wine.csv: 178 rows');
    await page.getByRole('region', { name: /All 178 rows/ }).focus();
    await page.keyboard.press('PageDown');
    await expect(page.getByRole('region', { name: /All 178 rows/ })).toBeFocused();
  });
});
