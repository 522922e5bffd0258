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

test.describe('offline, in Chinese, in dark mode', () => {
  test('the choices survive an offline reload: Chinese headings and buttons, zh-CN dates, dark colours; a sample trains and autosaves', async ({ page }) => {
    const studio = new StudioPage(page);
    await page.goto('/');
    await expect(page.getByTestId('section-dataset')).toBeVisible();
    await page.getByTestId('language-select').selectOption('zh-CN');
    await page.getByTestId('theme-select').selectOption('dark');
    await expect(page.locator('#dataset-heading')).toContainText('数据');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
    await page.context().setOffline(true);
    await page.reload();

    // Remembered: language and theme come back without the network.
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.section')!).backgroundColor)).toBe('rgb(29, 33, 40)');
    await expect(page.locator('#dataset-heading')).toContainText('数据');
    await expect(page.getByTestId('train-button')).toHaveText('训练');
    await expect(page.getByTestId('copy-link')).toHaveText('复制链接');

    await studio.loadSample('iris');
    await expect(page.getByTestId('dataset-summary')).toHaveText('iris.csv：150 行 × 5 列');
    await studio.trainTiny({ backend: 'wasm', epochs: 3 });
    await expect(page.locator('#evaluate-heading')).toContainText('评估');
    await expect(page.getByTestId('accuracy-summary')).toContainText('测试准确率');
    await expect(page.getByTestId('train-button')).toHaveText('重新训练');
    expect(await studio.confusionTotal()).toBe(30);

    await page.getByTestId('notebook-title').fill('离线 iris');
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
    await expect(page.getByTestId('save-status')).toHaveText('已保存 · 已校验');
    // Dates through Intl in zh-CN: "2026年11月30日 06:15", not "30 Nov 2026, 06:15".
    await page.getByTestId('notebooks-button').click();
    await expect(page.getByTestId('notebook-item').first()).toContainText(/\d{4}年\d{1,2}月\d{1,2}日/);
    await expect(page.getByTestId('notebook-item').first()).toContainText('编辑于');
  });
});
