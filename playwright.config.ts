import { defineConfig } from '@playwright/test';
// Plain JS helpers shared with the runner; typed loosely on purpose (they are .mjs).
// @ts-expect-error no type declarations for the .mjs helper
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

const executablePath: string | undefined = process.env.TAU_CHROMIUM ?? (findChromium() as string | null) ?? undefined;
const port = Number(process.env.TAU_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e/tests',
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // A stray test.only must not shrink the suite in CI (.ci/run sets CI=true).
  forbidOnly: Boolean(process.env.CI),
  // SwiftShader (software GPU) is CPU-heavy; two cores run one browser at a time best.
  workers: 1,
  // CI retries a failed test once; the list reporter marks such a test "flaky", so it stays visible
  // in the log (and the closing note) instead of silently passing or sinking a whole submission.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: process.env.TAU_E2E_OUTPUT ?? 'test-results',
  use: {
    baseURL: `http://localhost:${port}/`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 900 },
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${port}`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /fallback\//,
      use: { launchOptions: { executablePath, args: chromiumArgs({ webgpu: true }) } },
    },
    {
      name: 'no-webgpu',
      testMatch: /fallback\/.*\.spec\.ts/,
      use: { launchOptions: { executablePath, args: chromiumArgs({ webgpu: false }) } },
    },
  ],
});
