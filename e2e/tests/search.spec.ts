import { expect, test } from '@playwright/test';
import { StudioPage } from '../fixtures/studio-page';
import { IMAGE_FIXTURES, ImagesPage } from '../fixtures/images/images-page';

test.describe('model search, leaderboard and runs', () => {
  test('a small search fills a sortable leaderboard; a retrained trial and the search compare as runs', async ({ page }) => {
    test.setTimeout(480_000);
    const studio = new StudioPage(page);
    await studio.open();
    await studio.loadSample('iris');
    await page.getByTestId('backend-select').selectOption('wasm');
    await page.getByTestId('search-budget').selectOption('4trials');
    await page.getByTestId('search-folds').selectOption('3');
    await page.getByTestId('search-button').click();
    await expect(page.getByTestId('search-progress')).toContainText('Trials done', { timeout: 60_000 });

    // The leaderboard: the exact logistic regression's 13 C values (scored first, outside the budget) and the
    // four budgeted trials, validation scores only, and the note that the test split was used once.
    const rows = page.getByTestId('leaderboard-row');
    await expect(rows).toHaveCount(13 + 4, { timeout: 150_000 });
    await expect(rows.filter({ hasText: 'logreg L-BFGS C 0.001' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'logreg L-BFGS C 1000' })).toHaveCount(1);
    await expect(page.getByTestId('confusion-matrix')).toBeVisible();
    await expect(page.getByTestId('leaderboard-note')).toContainText('No trial saw the test split');
    await expect(page.getByTestId('leaderboard-note')).toContainText('3-fold cross-validation');
    await expect(page.getByTestId('leaderboard-chart')).toBeVisible();
    // Sorted by validation accuracy (best first) by default; sorting by trial orders the ids.
    const scores = await page.getByTestId('trial-score').evaluateAll((cells) => cells.map((c) => Number.parseFloat(c.textContent ?? '')));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await page.getByTestId('sort-id').click();
    await expect(rows.first()).toHaveAttribute('data-trial', '1');
    await page.getByTestId('sort-id').click();
    await expect(rows.first()).toHaveAttribute('data-trial', '17');
    await page.getByTestId('sort-id').click();
    await expect(rows.first()).toHaveAttribute('data-trial', '1');

    // Retrain the first trial (the exact logistic regression, C 0.001) on all training rows: a second run.
    await expect(page.getByTestId('run-row')).toHaveCount(1);
    await rows.first().getByTestId('retrain-trial').click();
    await expect(page.getByTestId('run-row')).toHaveCount(2, { timeout: 120_000 });
    expect(await studio.confusionTotal()).toBe(30);

    // Compare the two runs: overlaid curves, metric deltas, the settings that differ.
    const compare = page.getByTestId('run-compare');
    await compare.nth(0).check();
    await compare.nth(1).check();
    const view = page.getByTestId('run-compare-view');
    await expect(view).toBeVisible();
    await expect(view.getByTestId('compare-chart-loss')).toBeVisible();
    await expect(view.getByTestId('compare-chart-accuracy')).toBeVisible();
    await expect(view.getByTestId('run-deltas')).toContainText('accuracy');
    await expect(view.getByTestId('run-settings-diff')).toBeVisible();

    // Runs live in the notebook (they survive as part of the document) and can be deleted.
    const kept = await page.evaluate(() => window.tauStudio?.runs().map((r) => r.kind));
    expect(kept).toEqual(['search', 'retrain']);
    await page.getByTestId('run-delete').first().click();
    await expect(page.getByTestId('run-row')).toHaveCount(1);
    await expect(view).toHaveCount(0);
  });
  test('on an image set the search tries CNN presets and widths, and the final CNN is evaluated once on the test images', async ({ page }) => {
    test.setTimeout(480_000);
    const studio = new StudioPage(page);
    const images = new ImagesPage(page);
    await studio.open();
    await images.setImageSize(16);
    await images.chooseFolder(IMAGE_FIXTURES.folder);
    await images.waitForImages('shapes: 36 images');
    await page.getByTestId('backend-select').selectOption('wasm');
    await page.getByTestId('search-budget').selectOption('4trials');
    await page.getByTestId('search-folds').selectOption('3');
    await page.getByTestId('search-button').click();
    const rows = page.getByTestId('leaderboard-row');
    await expect(rows).toHaveCount(4, { timeout: 300_000 });
    await expect(page.getByTestId('leaderboard-note')).toContainText('No trial saw the test split');
    for (const text of await rows.allTextContents()) expect(text).toMatch(/CNN (small|medium)/);
    await expect(page.getByTestId('confusion-matrix')).toBeVisible();
    const run = await page.evaluate(() => window.tauStudio?.runs().at(-1));
    expect(run?.kind).toBe('search');
    expect(run?.model.kind).toBe('cnn');
    expect(run?.search?.trials.every((t) => t.settings.family === 'cnn' && t.settings.cnn !== undefined)).toBe(true);
  });
});
