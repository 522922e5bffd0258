import { unwrap } from '../app.mjs';

const RUNNER_FLAGS = new Set(['no-webgpu', 'verbose', 'timeout', 'out']);

/** The revenue flags as argv for the page's revenueReport (it validates them and explains mistakes). */
function revenueArgv(flags) {
  return Object.entries(flags)
    .filter(([name]) => !RUNNER_FLAGS.has(name))
    .flatMap(([name, value]) => (value === true ? [`--${name}`] : [`--${name}`, String(value)]));
}

export const revenue = {
  usage: `revenue  --customers N --price P --periods T [--growth g] [--growth-mode percent|absolute] [--churn c]
           [--price-change p] [--cost k] [--currency EUR] [--unit month] [--locale en-US]`,
  validate() {},
  // No WebGPU needed: this is arithmetic, but it still runs in the app so it is the UI's code path.
  appOptions: () => ({ webgpu: false }),
  async run(page, flags) {
    return unwrap(await page.evaluate((argv) => window.tauStudio.revenue(argv), revenueArgv(flags)));
  },
};
