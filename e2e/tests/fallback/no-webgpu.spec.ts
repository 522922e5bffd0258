import { expect, test } from '@playwright/test';
import { StudioPage } from '../../fixtures/studio-page';

test.describe('without WebGPU (no --enable-unsafe-webgpu)', () => {
  test('tells the user WebGPU is unavailable and trains on a fallback backend', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    const notice = page.getByTestId('webgpu-fallback-notice');
    await expect(notice).toContainText('WebGPU is unavailable');
    await expect(notice).toContainText('no WebGPU adapter');
    await studio.loadSample('iris');
    await studio.trainTiny({ epochs: 2 });
    const badge = page.getByTestId('backend-badge');
    const backend = await badge.getAttribute('data-backend');
    expect(['webgl', 'wasm', 'cpu']).toContain(backend);
    await expect(notice).toContainText('Training falls back to');
    expect(await studio.confusionTotal()).toBe(30);
  });

  test('WebGPU cannot be chosen in the backend list when the browser has no adapter', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.loadSample('iris');
    await expect(page.getByTestId('backend-select').locator('option[value="webgpu"]')).toBeDisabled();
  });
});
