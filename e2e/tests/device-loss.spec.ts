import { expect, test } from '@playwright/test';
import { StudioPage } from '../fixtures/studio-page';

interface TrainCall {
  ok: boolean;
  value?: {
    backend: string;
    backendReason: string;
    warnings: string[];
    training: { epochs: number; history: { epoch: number; loss: number }[] };
    recovery?: { from: string; to: string; failedEpoch: number; resumedFrom: number; message: string }[];
  };
  error?: { code: string; message: string };
}

/**
 * Device loss, for real: the driver-only hook (window.tauStudio.train's injectDeviceLossAfterEpoch)
 * calls destroy() on the worker's real WebGPU device (SwiftShader here) after epoch 2. The run must
 * finish on another backend, resumed from epoch 2, and say so in the result and the page.
 */
test('a WebGPU device lost mid-training falls back to WASM and resumes from the last completed epoch', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.loadSample('penguins');
  const call = (await page.evaluate(async () => {
    const tau = window.tauStudio;
    if (!tau) throw new Error('no automation handle');
    return tau.train({ target: 'Species', model: 'mlp', hidden: [16], backend: 'webgpu', epochs: 6, injectDeviceLossAfterEpoch: 2 });
  })) as TrainCall;
  expect(call.error).toBeUndefined();
  expect(call.ok).toBe(true);
  const result = call.value;
  if (!result) throw new Error('no result');
  expect(result.backend).toBe('wasm');
  expect(result.recovery).toHaveLength(1);
  expect(result.recovery?.[0]).toMatchObject({ from: 'webgpu', to: 'wasm', failedEpoch: 3, resumedFrom: 2 });
  expect(result.recovery?.[0].message).toMatch(/^WebGPU device was lost( \(destroyed\))? during epoch 3; resumed on WASM from epoch 2/);
  expect(result.training.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
  expect(result.training.history.every((h) => Number.isFinite(h.loss))).toBe(true);
  expect(result.warnings[0]).toBe(result.recovery?.[0].message);
  // The page says so: the evaluation's notice, the backend badge and its reason.
  await expect(studio.section('evaluate').getByText(/WebGPU device was lost.*resumed on WASM from epoch 2/)).toBeVisible();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('backend-reason')).toContainText('resumed on WASM from epoch 2');

  // The lost device is replaced, not reused: the next WebGPU run gets a fresh one and finishes there.
  const again = (await page.evaluate(async () => window.tauStudio?.train({ target: 'Species', model: 'mlp', hidden: [16], backend: 'webgpu', epochs: 2 }))) as TrainCall;
  expect(again.ok).toBe(true);
  expect(again.value?.backend).toBe('webgpu');
  expect(again.value?.recovery).toBeUndefined();
  expect(errors).toEqual([]);
});
