import { expect, test } from '@playwright/test';
import { StudioPage } from '../fixtures/studio-page';

test.describe('regression (numeric target)', () => {
  test('loads the diabetes sample, picks regression from the target, trains linear regression, shows MAE and predicted-vs-actual, predicts one row', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.loadSample('diabetes');
    await expect(studio.section('dataset')).toContainText('442 rows × 11 columns');
    await page.getByTestId('target-select').selectOption('progression');
    await expect(page.getByTestId('task-reason')).toContainText('Regression: "progression" is numeric with 214 distinct values');
    await expect(page.getByTestId('target-note')).toContainText('Numbers from 25 to 346');

    await page.getByTestId('model-choice').locator('input[type="radio"][value="linear"]').check();
    await page.getByTestId('train-button').click();
    const mae = page.getByTestId('metric-mae');
    await expect(mae).toBeVisible({ timeout: 150_000 });
    const maeValue = Number((await mae.innerText()).replace(/,/g, ''));
    expect(maeValue).toBeGreaterThan(30);
    expect(maeValue).toBeLessThan(60);
    // The baseline (always the training mean) is worse than the model.
    const baselineMae = Number((await page.getByTestId('baseline-row').locator('td').first().innerText()).replace(/,/g, ''));
    expect(baselineMae).toBeGreaterThan(maeValue);
    await expect(page.getByTestId('metric-r2')).not.toHaveText('—');

    const testSize = Number(await page.getByTestId('test-size').innerText());
    expect(testSize).toBe(89);
    const chart = page.getByTestId('predicted-vs-actual');
    await expect(chart).toBeVisible();
    await expect(chart.locator('circle')).toHaveCount(testSize);
    await expect(chart.getByTestId('identity-line')).toHaveCount(1);
    await chart.locator('summary').click();
    await expect(chart.locator('tbody tr')).toHaveCount(testSize);
    await expect(page.getByTestId('residual-histogram')).toBeVisible();
    await expect(page.getByTestId('residuals-vs-predicted')).toBeVisible();

    // One row through the prediction form: a number (and its interval).
    const field = (name: string) => page.locator(`[data-testid="predict-field"][data-column="${name}"]`);
    await field('bmi').fill('32');
    await field('bp').fill('101');
    const predicted = page.getByTestId('form-predicted');
    await expect(predicted).toHaveText(/^\d[\d,]*(\.\d+)?$/);
    const first = Number((await predicted.innerText()).replace(/,/g, ''));
    expect(first).toBeGreaterThan(25);
    expect(first).toBeLessThan(346);
    await expect(page.getByTestId('form-interval')).toContainText('90% interval');
    // A heavier BMI predicts more progression (the linear model's BMI weight is positive).
    await field('bmi').fill('40');
    await expect.poll(async () => Number((await predicted.innerText()).replace(/,/g, ''))).toBeGreaterThan(first);
  });

  test('a text column forced to regression is refused with a message naming it; the data stays', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    const rows = Array.from({ length: 40 }, (_, i) => `${((i * 7) % 13) + 0.5},${i % 2 ? 'high' : 'low'}`).join('\n');
    await studio.uploadCsv('levels.csv', `x,level\n${rows}\n`);
    await expect(page.getByTestId('dataset-summary')).toContainText('levels.csv: 40 rows');
    await page.getByTestId('target-select').selectOption('level');
    await expect(page.getByTestId('task-reason')).toContainText('Classification');
    await page.getByTestId('task-select').selectOption('regression');
    await expect(page.getByTestId('target-note')).toContainText('"level" holds text values');
    await expect(page.getByTestId('dataset-summary')).toContainText('levels.csv: 40 rows');
  });
});
