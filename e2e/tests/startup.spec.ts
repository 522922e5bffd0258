import { expect, test } from '@playwright/test';

/**
 * Cold start (issue 19, 4b): index.html paints a static shell before any JavaScript; the first render
 * draws the cells up to the first section with working controls and sets `tau:interactive`; the other
 * sections render after start-up, behind a frame with their heading, and then all are there.
 */
test.describe('start-up', () => {
  test('without JavaScript the page still paints the shell and says what it needs', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto('./');
      await expect(page.locator('.boot-shell .brand-name')).toHaveText('Tau Studio');
      await expect(page.locator('.boot-shell .brand-name')).toBeVisible();
      await expect(page.locator('noscript')).toHaveCount(1);
    } finally {
      await context.close();
    }
  });

  test('interactive after the first render, every section after start-up', async ({ page }) => {
    await page.goto('./');
    await page.waitForFunction(() => performance.getEntriesByName('tau:interactive').length > 0);
    // The shell is gone and the first section's controls take input as soon as the mark is set.
    await expect(page.locator('.boot-shell')).toHaveCount(0);
    const title = page.getByTestId('notebook-title');
    await title.fill('typed at start');
    await expect(title).toHaveValue('typed at start');
    await expect(page.getByTestId('section-dataset')).toBeVisible();
    // Then every section of the notebook renders (no placeholder frame left), in order.
    for (const id of ['prepare', 'model', 'train', 'evaluate', 'predict', 'revenue']) await expect(page.getByTestId(`section-${id}`)).toBeAttached();
    await expect(page.locator('.section-pending')).toHaveCount(0);
    const order = await page.locator('section.section').evaluateAll((sections) => sections.map((s) => s.id));
    expect(order).toEqual(['dataset', 'prepare', 'model', 'train', 'evaluate', 'predict', 'revenue']);
    // The title typed at start survived the deferred render.
    await expect(title).toHaveValue('typed at start');
  });

  test('a section placeholder shows its heading in the first render', async ({ page }) => {
    // The render as committed at tau:interactive: read before any idle moment can pass.
    await page.addInitScript(() => {
      const observer = new PerformanceObserver((list) => {
        if (list.getEntries().some((entry) => entry.name === 'tau:interactive')) {
          const pending = [...document.querySelectorAll('.section-pending .section-pending-title')].map((e) => e.textContent);
          (window as unknown as { __pendingAtMark: string[] }).__pendingAtMark = pending;
        }
      });
      observer.observe({ type: 'mark', buffered: false });
    });
    await page.goto('./');
    await page.waitForFunction(() => (window as unknown as { __pendingAtMark?: string[] }).__pendingAtMark !== undefined);
    const pending = await page.evaluate(() => (window as unknown as { __pendingAtMark: string[] }).__pendingAtMark);
    // The six sections after Data wait for start-up; each shows its step number and title meanwhile.
    expect(pending).toHaveLength(6);
    for (const text of pending) expect(text).toMatch(/^\d(Prepare|Model|Train|Evaluate|Predict & monitor|Revenue projection)$/);
  });
});
