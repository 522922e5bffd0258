import { withApp, loadData, unwrap } from './tau/app.mjs';
process.env.TAU_DIST_DIR = 'dist-lead';
await withApp({ webgpu: false }, async (page) => {
  await page.evaluate(() => {
    window.__loaf = [];
    new PerformanceObserver((list) => window.__loaf.push(...list.getEntries().map((e) => ({ start: Math.round(e.startTime), d: Math.round(e.duration), block: Math.round(e.blockingDuration), scripts: e.scripts.map((s) => `${s.invoker} ${s.sourceFunctionName} ${Math.round(s.duration)}ms`).slice(0, 4) })))).observe({ type: 'long-animation-frame', buffered: false });
  });
  await loadData(page, { sample: 'penguins' });
  await page.evaluate(() => (window.__loaf = []));
  const t0 = await page.evaluate(() => performance.now());
  unwrap(await page.evaluate(() => window.tauStudio.train({ target: 'Species', model: 'mlp', epochs: 60, backend: 'wasm', validationSize: 0.1 })));
  const t1 = await page.evaluate(() => performance.now());
  console.log('t1 (train returned)', Math.round(t1));
  await page.waitForTimeout(1500);
  const loaf = await page.evaluate(() => window.__loaf);
  console.log('t0', Math.round(t0));
  for (const l of loaf.filter((l) => l.block > 0)) console.log(JSON.stringify(l));
});
