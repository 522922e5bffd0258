import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { StudioPage } from '../fixtures/studio-page';
import { ExportPage } from '../fixtures/export-page';

// Debian package one-line descriptions labelled by archive section (scripts/make-text-fixtures.py).
const EN = readFileSync(new URL('../fixtures/text/debian-packages-en.csv', import.meta.url), 'utf8');
const ZH = readFileSync(new URL('../fixtures/text/debian-packages-zh.csv', import.meta.url), 'utf8');
/** The first `n` data rows with the header: small enough to train in seconds in a test. */
const head = (csv: string, n: number) =>
  csv
    .split('\n')
    .slice(0, n + 1)
    .join('\n');

test.describe('text classification', () => {
  // WASM training of a few thousand TF-IDF inputs on a shared CI machine: give it room (never asserted as a time).
  test.setTimeout(360_000);

  test('a CSV of descriptions trains on its text column; typing a sentence shows live class probabilities; a CSV batch predicts', async ({ page }) => {
    const studio = new StudioPage(page);
    const predict = new ExportPage(page);
    await studio.open();
    await studio.uploadCsv('packages.csv', head(EN, 800));
    await expect(page.getByTestId('dataset-summary')).toContainText('packages.csv: 800 rows × 2 columns');
    // The profile shows words per cell and frequent words instead of a category chart.
    await expect(page.getByTestId('text-tokens')).toContainText('median');
    await expect(page.getByTestId('text-top-tokens')).toContainText('for');

    await page.getByTestId('target-select').selectOption('section');
    await expect(page.getByTestId('target-note')).toContainText('8 classes');
    // The description column is a feature, as text (TF-IDF), and can be switched to categorical.
    const use = page.locator('[data-testid="column-use"][data-column="description"]');
    await expect(use).toHaveValue('text');
    await expect(studio.section('prepare')).toContainText('words and word pairs, TF-IDF');

    await page.getByTestId('backend-select').selectOption('wasm');
    await page.getByTestId('model-choice').getByRole('radio', { name: /^MLP/ }).check();
    await page.getByTestId('epochs').fill('15');
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('confusion-matrix')).toBeVisible({ timeout: 150_000 });
    expect(await studio.confusionTotal()).toBe(Number(await page.getByTestId('test-size').innerText()));
    // Evaluation shows the most confident mistakes as text snippets.
    await expect(page.getByTestId('text-mistakes')).toBeVisible();
    expect(await page.getByTestId('text-mistake').count()).toBeGreaterThan(0);

    // The prediction form has a text area for the description: type a sentence, see probabilities.
    const field = predict.field('description');
    await expect(field).toBeVisible();
    expect(await field.evaluate((el) => el.tagName)).toBe('TEXTAREA');
    await field.fill('multiplayer strategy game with a puzzle mode');
    await expect(page.getByTestId('form-predicted')).toHaveText('games', { timeout: 30_000 });
    const games = await predict.formProbabilities();
    expect([...games.keys()].sort()).toEqual(['database', 'games', 'graphics', 'mail', 'net', 'science', 'sound', 'web']);
    expect([...games.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);

    await field.fill('IMAP email client with spam filter');
    await expect(page.getByTestId('form-predicted')).toHaveText('mail', { timeout: 30_000 });
    const mail = await predict.formProbabilities();
    expect(mail.get('mail') ?? 0).toBeGreaterThan(games.get('mail') ?? 1);

    // CSV batch: rows with and without a label, one empty description (no words: still predicted).
    await predict.predictCsv('new.csv', 'description,section\n"arcade space shooter game",games\n"PostgreSQL database server",database\n"",mail\n');
    await expect(page.getByTestId('batch-summary')).toContainText('3');
  });

  test('a Chinese text column is segmented into words and trains', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.uploadCsv('软件包.csv', head(ZH, 300));
    await expect(page.getByTestId('dataset-summary')).toContainText('软件包.csv: 300 rows');
    // Words, not characters or whole cells: 编译器 is split by ICU's dictionary into 编译 + 器.
    await expect(page.locator('[data-testid="text-top-tokens"]')).toContainText('的');
    await page.getByTestId('target-select').selectOption('分类');
    await page.getByTestId('backend-select').selectOption('wasm');
    await page.getByTestId('model-choice').locator('input[type="radio"][value="logreg"]').check();
    await page.getByTestId('epochs').fill('10');
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('confusion-matrix')).toBeVisible({ timeout: 150_000 });
    const field = page.locator('[data-testid="predict-field"][data-column="描述"]');
    await expect(field).toBeVisible({ timeout: 60_000 });
    await field.fill('GNU 编译器套装的开发文件');
    await expect(page.getByTestId('form-probabilities')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('form-probabilities').getByTestId('probability')).toHaveCount(8);
    // Logistic regression on TF-IDF: the top-weighted terms of each class.
    await expect(page.getByTestId('top-tokens').locator('dt')).toHaveCount(8);
  });

  test('the text CNN trains on WASM from the model choice, and a typed sentence gets class probabilities', async ({ page }) => {
    const studio = new StudioPage(page);
    const predict = new ExportPage(page);
    await studio.open();
    await studio.uploadCsv('packages.csv', head(EN, 600));
    await page.getByTestId('target-select').selectOption('section');
    await page.getByTestId('backend-select').selectOption('wasm');
    await page.getByTestId('model-choice').locator('input[type="radio"][value="textcnn"]').check();
    await expect(studio.section('model')).toContainText('Text CNN (embedding 64, conv128×5, global max pool, dropout 0.5)');
    await page.getByTestId('epochs').fill('8');
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('confusion-matrix')).toBeVisible({ timeout: 240_000 });
    await expect(page.getByTestId('text-mistakes')).toBeVisible();
    const field = predict.field('description');
    await field.fill('multiplayer strategy game with a puzzle mode');
    await expect(page.getByTestId('form-probabilities').getByTestId('probability')).toHaveCount(8, { timeout: 30_000 });
    const probabilities = await predict.formProbabilities();
    expect([...probabilities.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });
});
