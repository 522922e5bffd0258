import { expect, test } from '@playwright/test';
import { StudioPage } from '../fixtures/studio-page';

/**
 * Issue 19, the CSV hand-over: a file chosen while the page is still starting loads first (the worker's
 * start-up calls wait for it), the table's first rows and the backend probe follow, and the column cards
 * come in a deferred render. What a person sees must be complete and exact; timings are not asserted.
 */
function csv(rows: number, names: [string, string, string]): string {
  const lines = [names.join(',')];
  for (let i = 0; i < rows; i++) lines.push(`${i},${(i % 97) / 4},${['red', 'green', 'blue'][i % 3]}`);
  return `${lines.join('\n')}\n`;
}

test.describe('CSV hand-over', () => {
  test('a file chosen at start-up: exact summary, first rows, cards, probes; a second file replaces the cards', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    // At once, while the page's after-start-up work (backend probe, saved-model list) may still be running.
    await studio.uploadCsv('first.csv', csv(120_000, ['id', 'x', 'colour']));
    await expect(page.getByTestId('dataset-summary')).toContainText('120,000 rows × 3 columns');
    const cards = page.getByTestId('column-profile');
    await expect(cards).toHaveCount(3);
    await expect(cards.nth(2)).toContainText('colour');
    await expect(cards.nth(2)).toContainText('red (40000)');
    // The table's first rows come from the worker (answered before its backend warm-up).
    await expect(page.getByTestId('data-table')).toContainText('0.25');
    // The backend probe the page asked for at start-up is answered once the load is done.
    await expect(page.getByTestId('backend-probes')).toContainText('WASM', { timeout: 60_000 });

    // A histogram's table is drawn when its disclosure opens, with the exact counts.
    const colour = cards.nth(2);
    await expect(colour.locator('table')).toHaveCount(0);
    await colour.getByText('Histogram as a table').click();
    const table = colour.locator('table');
    await expect(table).toBeVisible();
    const counts = (await table.locator('tbody tr td:nth-child(2)').allInnerTexts()).map(Number);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(120_000);

    // A second file: the deferred cards follow the new table, never keep the old one's.
    await studio.uploadCsv('second.csv', csv(500, ['key', 'value', 'shade']));
    await expect(page.getByTestId('dataset-summary')).toContainText('500 rows × 3 columns');
    await expect(cards).toHaveCount(3);
    await expect(cards.nth(0)).toContainText('key');
    await expect(cards.nth(2)).toContainText('shade');
    await expect(page.getByTestId('column-profiles')).not.toContainText('colour');
  });
});
