import { expect, test } from '@playwright/test';
import { StudioPage } from '../fixtures/studio-page';

declare global {
  interface Window {
    __atHeadline?: { confusion: boolean; perClass: boolean; roc: boolean; recharts: number; trainingFacts: boolean } | null;
  }
}

// Issue 19 (4b): a result arriving must not turn into one long main-thread task again. The evaluation
// renders in stages (the headline commits first, tables and charts in later tasks), and the result
// charts are plain SVG: recharts mounts only when the user points at a chart. Nothing here is timed.
test.describe('a training result renders incrementally', () => {
  test('the headline commits before the tables, and no chart library mounts until asked', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.loadSample('breast-cancer');
    // What the page held when the accuracy first appeared: a MutationObserver callback runs right after
    // the DOM change that caused it, before any later task (where the next stages commit).
    await page.evaluate(() => {
      window.__atHeadline = null;
      new MutationObserver(() => {
        if (window.__atHeadline || !document.querySelector('[data-testid="metric-accuracy"]')) return;
        window.__atHeadline = {
          confusion: Boolean(document.querySelector('[data-testid="confusion-matrix"]')),
          perClass: Boolean(document.querySelector('[data-testid="per-class-table"]')),
          roc: Boolean(document.querySelector('[data-testid="roc-chart"]')),
          // The data section's column profiles use recharts (loaded before training); the result panels must not.
          recharts: document.querySelectorAll('#train .recharts-wrapper, #evaluate .recharts-wrapper').length,
          // The run's end (training facts, the Train button back) commits in the task after the results.
          trainingFacts: Boolean(document.querySelector('[data-testid="training-facts"]')),
        };
      }).observe(document.body, { childList: true, subtree: true });
    });
    await studio.trainTiny({ model: 'mlp', epochs: 5, backend: 'wasm' });
    const atHeadline = await page.evaluate(() => window.__atHeadline);
    // The headline came alone; the tables and the ROC curve followed in later commits.
    expect(atHeadline).toEqual({ confusion: false, perClass: false, roc: false, recharts: 0, trainingFacts: false });
    await expect(page.getByTestId('training-facts')).toBeVisible();
    await expect(page.getByTestId('per-class-table')).toBeVisible();
    await expect(page.getByTestId('roc-chart')).toBeVisible();
    await expect(page.getByTestId('roc-curve')).toHaveAttribute('d', /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+$/);
    await expect(page.getByTestId('chart-loss')).toBeVisible();
    // The result's charts are plain SVG; recharts (tooltips) mounts once the pointer enters the history charts.
    const evaluateAndTrain = page.locator('[data-testid="section-evaluate"] .recharts-wrapper, [data-testid="section-train"] .recharts-wrapper');
    await expect(page.getByTestId('history-charts')).toHaveAttribute('data-interactive', 'false');
    expect(await evaluateAndTrain.count()).toBe(0);
    await page.getByTestId('history-charts').hover();
    await expect(page.getByTestId('history-charts')).toHaveAttribute('data-interactive', 'true');
    await expect(page.locator('[data-testid="section-train"] .recharts-wrapper').first()).toBeVisible();
  });
});
