import { expect, test } from '@playwright/test';
import { StudioPage } from '../fixtures/studio-page';

test.describe('revenue projection', () => {
  test('enters N, P, T in the real UI and reads the total, the formula and the chart', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    const revenue = studio.section('revenue');
    await revenue.getByLabel('Customers (N)', { exact: true }).fill('1000');
    await revenue.getByLabel('Price per customer per month (P)', { exact: true }).fill('100');
    await revenue.getByLabel('Number of months (T)', { exact: true }).fill('12');
    await revenue.getByLabel('Currency (ISO code)').fill('EUR');
    await revenue.getByLabel('Number format (e.g. en-US, de-DE)').fill('en-US');
    await expect(revenue.getByTestId('revenue-total')).toHaveText('€1,200,000.00');
    await expect(revenue.getByTestId('revenue-formula')).toContainText('1,000 × 100 × 12 = 1,200,000');
    const chart = revenue.getByTestId('revenue-chart');
    await expect(chart).toBeVisible();
    // The chart draws its three series (plain SVG) and a tooltip per period.
    await expect(chart.locator('path.revenue-line')).toHaveCount(3);
    await expect(chart.locator('path.revenue-line').first()).toBeVisible();
    await expect(chart.locator('.revenue-hover title')).toHaveCount(12);
    await expect(revenue.getByRole('table', { name: /Revenue, cost and profit per month/ })).toContainText('€1,200,000.00');

    // The bank example: 50 customers × 10,000 per month for one month.
    await revenue.getByLabel('Customers (N)', { exact: true }).fill('50');
    await revenue.getByLabel('Price per customer per month (P)', { exact: true }).fill('10000');
    await revenue.getByLabel('Number of months (T)', { exact: true }).fill('1');
    await expect(revenue.getByTestId('revenue-total')).toHaveText('€500,000.00');
  });

  test('invalid input gets an inline message, never NaN, and keeps what was typed', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    const revenue = studio.section('revenue');
    const customers = revenue.getByLabel('Customers (N)', { exact: true });
    await customers.fill('-3');
    await expect(customers).toHaveAttribute('aria-invalid', 'true');
    await expect(revenue).toContainText("can't be negative");
    await expect(customers).toHaveValue('-3');
    await customers.fill('abc');
    await expect(revenue).not.toContainText('NaN');
    await expect(revenue).not.toContainText('Infinity');
  });
});
