import { expect, test } from '@playwright/test';
import { StudioPage } from '../fixtures/studio-page';

// Issue 19: dense table nets train through the fused WASM SIMD trainer (src/runtime/fused-dense), chosen
// by "auto" without a calibration run; the charts that moved out of the initial JavaScript still appear.
test.describe('fused dense trainer and lazy panels', () => {
  test('auto trains an MLP through the fused WASM trainer, and the lazy charts render', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.loadSample('penguins');
    // Column profiles (recharts, lazy-loaded) still show after loading.
    await expect(page.getByTestId('column-profiles')).toBeVisible();
    await studio.trainTiny({ model: 'mlp', epochs: 40 });
    await expect(page.getByTestId('backend-reason')).toContainText('fused WASM SIMD trainer');
    // Chromium ships relaxed SIMD: the kernels are the FMA module (feature-detected by validating it).
    await expect(page.getByTestId('backend-reason')).toContainText('relaxed-SIMD fused multiply-add');
    expect(Number(await page.getByTestId('metric-accuracy').innerText())).toBeGreaterThan(0.9);
    expect(await studio.confusionTotal()).toBe(69);
    await expect(page.getByTestId('chart-loss')).toBeVisible();
  });

  test('the same seed gives the same model twice on WASM (dropout masks are seeded)', async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.loadSample('iris');
    // window.tauStudio is a lazy chunk (not in the initial JavaScript): wait for it like the runner does.
    await page.waitForFunction(() => Boolean(window.tauStudio));
    const train = () =>
      page.evaluate(async () => {
        const result = await window.tauStudio!.train({ target: 'species', model: 'mlp', epochs: 20, backend: 'wasm' });
        if (!result.ok) throw new Error(result.error.message);
        return { losses: result.value.training.history.map((h) => h.loss), timings: result.value.timings };
      });
    const { losses: first } = await train();
    // The second run reuses the first one's preparation (same table and settings): same splits, same model.
    const { losses: second, timings } = await train();
    expect(first).toHaveLength(20);
    expect(second).toEqual(first);
    expect(first[19]).toBeLessThan(first[0]);
    // The runner's timings name every step from the Train call to the rendered result (values are never asserted).
    expect(Object.keys(timings?.phases ?? {})).toEqual([
      'options→call',
      'call→worker-received',
      'worker-received→runtime-loaded',
      'runtime-loaded→backend-ready',
      'backend-ready→prepared',
      'prepared→first-batch-start',
      'first-batch-start→first-batch',
      'first-batch→trained',
      'trained→evaluated',
      'evaluated→received',
      'received→result',
      'result→rendered',
    ]);
    expect(timings?.untilFirstBatchSeconds).toBeGreaterThan(0);
    // Target 5's mark: the first batch starts after the call and before it finishes.
    expect(timings?.untilFirstBatchStartSeconds).toBeGreaterThan(0);
    expect(timings?.untilFirstBatchStartSeconds).toBeLessThanOrEqual(timings?.untilFirstBatchSeconds ?? 0);
  });
});
