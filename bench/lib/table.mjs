// Renders the bench report as Markdown tables (printed, and pasted into bench/README.md).
const n = (v, digits = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const x = (v) => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');
/** "median (min–max)" of a summarize() result. */
const mr = (s, digits = 0) => (s ? (s.n > 1 ? `${n(s.median, digits)} (${n(s.min, digits)}–${n(s.max, digits)})` : n(s.median, digits)) : '—');
const met = (t) => (t ? (t.met ? 'met' : '**not met**') : '—');
const note = (v) => (v?.skipped ? `skipped: ${v.skipped}` : v?.error ? `error: ${v.error}` : '');

const ratio2 = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null);

export function renderTable(report) {
  const lines = [];
  const m = report.machine;
  lines.push(`Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GiB, ${m.platform}, Node ${m.node}. ${report.date}${report.quick ? ' (quick run)' : ''}; bench took ${n(report.seconds)} s.`, '');
  if (report.load) {
    const l = report.load;
    lines.push(
      `Load average at start ${l.atStart.map((v) => v.toFixed(1)).join(' / ')}${l.atEnd ? `, at end ${l.atEnd.map((v) => v.toFixed(1)).join(' / ')}` : ''} (1 / 5 / 15 min) on ${m.cpus} cores.${l.busy ? ' **Busy machine: absolute figures are depressed and noisy; read the same-run ratios.**' : ''} Each studio/reference pair ran ${report.repeats ?? 1}× interleaved; cells give the median (min–max).`,
      '',
    );
  }
  const w = report.workloads;
  if (w.ingest) {
    const i = w.ingest;
    lines.push(`### CSV ingest (${n(i.megabytes, 1)} MB, ${n(i.rows)} rows, file → typed columns)`, '', '| | MB/s | peak memory Δ (MB) | studio ratio |', '|---|---:|---:|---:|');
    lines.push(
      `| Tau Studio (worker parse) | ${i.studio.parse ? mr(i.studio.parse, 1) : n(i.studio.mbPerSecond, 1)} | ${i.studio.peakMemoryMB ? mr(i.studio.peakMemoryMB) : n(i.studio.memory?.deltaMB)} | ${x(i.ratios.vsPandas)} of pandas |`,
    );
    lines.push(
      `| Tau Studio, file → ready table incl. column profiles | ${i.studio.ready ? mr(i.studio.ready, 1) : n(i.studio.loadToReadyMbPerSecond, 1)} | | ${x(i.ratios.readyVsPandas)} of pandas (target ≥ 0.5×) |`,
    );
    lines.push(
      `| papaparse, dynamicTyping (same browser) | ${n(i.papaparseTyped.mbPerSecond, 1)} | ${n(i.papaparseTyped.memory?.deltaMB)} | ${x(i.ratios.vsPapaparseTyped)} ${note(i.papaparseTyped)} |`,
    );
    lines.push(`| papaparse, strings (same browser) | ${n(i.papaparseRaw.mbPerSecond, 1)} | ${n(i.papaparseRaw.memory?.deltaMB)} | ${x(i.ratios.vsPapaparseRaw)} ${note(i.papaparseRaw)} |`);
    if (i.studio.wait)
      lines.push(
        `| Tau Studio, file input → table in the page (as a person waits) | ${mr(i.studio.wait, 1)} | | ${x(i.pandas.mbPerSecond ? i.studio.wait.median / i.pandas.mbPerSecond : null)} of pandas |`,
      );
    if (i.baseline) {
      const b = i.baseline;
      const vsPandas = (rate) => x(rate && i.pandas.mbPerSecond ? rate.median / i.pandas.mbPerSecond : null);
      lines.push(`| baseline build (worker parse) | ${mr(b.parse, 1)} | ${mr(b.peakMemoryMB)} | ${vsPandas(b.parse)} of pandas |`);
      lines.push(`| baseline build, file → ready table incl. column profiles | ${mr(b.ready, 1)} | | ${vsPandas(b.ready)} of pandas |`);
    }
    const memoryRatio = i.studio.peakMemoryMB && i.pandas.peakMemoryMB ? i.studio.peakMemoryMB.median / i.pandas.peakMemoryMB : null;
    lines.push(`| pandas read_csv + categories | ${i.pandas.rate ? mr(i.pandas.rate, 1) : n(i.pandas.mbPerSecond, 1)} | ${n(i.pandas.peakMemoryMB)} | 1.00× ${note(i.pandas)} |`, '');
    if (memoryRatio !== null) lines.push(`Peak memory Δ, studio / pandas: ${x(memoryRatio)} (target ≤ 1.2×).`, '');
    const b = i.studio.breakdown;
    if (b && b.parseSeconds !== null) {
      lines.push(
        `Studio seconds (medians): read ${n(b.readSeconds, 2)}, decode ${n(b.decodeSeconds, 2)}, scan + build columns ${n(b.scanSeconds, 2)}, final arrays ${n(b.finishSeconds, 2)} ` +
          `(parse ${n(b.parseSeconds, 2)}), profiles ${n(b.profileSeconds, 2)}, file input → page ${n(b.wallSeconds, 2)}.`,
        '',
      );
    }
  }
  for (const key of ['tabular', 'image']) {
    const t = w[key];
    if (!t) continue;
    lines.push(
      `### ${key === 'tabular' ? 'Tabular' : 'Image'} training: ${t.model} (samples/s, steady state after the first epoch)`,
      '',
      '| backend | samples/s | vs PyTorch CPU |',
      '|---|---:|---:|',
    );
    for (const [backend, v] of Object.entries(t.studio)) {
      if (backend === 'skipped') continue;
      const sized = `${v.threads ? `, ${v.threads} thread${v.threads === 1 ? '' : 's'}` : ''}${key === 'image' && v.images ? `, ${v.images} images` : ''}`;
      const pairs = backend === 'wasm' ? t.targets?.steady?.pairs : null;
      lines.push(
        `| Tau Studio ${backend}${v.adapter ? ` (${v.adapter})` : ''}${sized} | ${v.steady ? mr(v.steady) : n(v.samplesPerSecond)} | ${x(t.ratios[backend])}${pairs && pairs.n > 1 ? ` (pairs ${x(pairs.min)}–${x(pairs.max)})` : ''} ${note(v)} |`,
      );
    }
    if (t.baseline)
      lines.push(
        `| baseline build on wasm (${t.baseline.dist}) | ${mr(t.baseline.steady)} | ${x(t.targets?.baselineSteady?.ratio ?? (t.baseline.steady && t.pytorch.samplesPerSecond ? t.baseline.steady.median / t.pytorch.samplesPerSecond : null))} |`,
      );
    if (t.studio.skipped) lines.push(`| Tau Studio | — | ${t.studio.skipped} |`);
    lines.push(
      `| PyTorch CPU (${t.pytorch.byThreads ? `best of ${Object.keys(t.pytorch.byThreads).join(' and ')} threads` : `${t.pytorch.threads ?? '?'} threads`}${t.pytorch.dropout ? `, dropout ${t.pytorch.dropout}, L2 ${t.pytorch.l2}` : ''}) | ${t.pytorch.steady ? mr(t.pytorch.steady) : n(t.pytorch.samplesPerSecond)} | 1.00× ${note(t.pytorch)} |`,
      '',
    );
    if (key === 'tabular' && t.targets) {
      const s = t.studio.wasm ?? {};
      lines.push('| whole 5-epoch run (first epoch included) | samples/s | vs PyTorch whole run | target |', '|---|---:|---:|---|');
      lines.push(
        `| Tau Studio wasm, from the Train call to the result (warm page) | ${mr(s.fromTrain)} | ${x(t.targets.fromTrain.ratio)}${t.targets.fromTrain.pairs?.n > 1 ? ` (pairs ${x(t.targets.fromTrain.pairs.min)}–${x(t.targets.fromTrain.pairs.max)})` : ''} | ≥ 0.5×: ${met(t.targets.fromTrain)} |`,
      );
      lines.push(`| Tau Studio wasm, from the Train call, cold worker (TF.js loads) | ${mr(s.fromTrainCold)} | ${x(ratio2(s.fromTrainCold?.median, t.pytorch.run?.median))} | |`);
      lines.push(`| Tau Studio wasm, training only | ${mr(s.run)} | ${x(ratio2(s.run?.median, t.pytorch.run?.median))} | |`);
      if (t.baseline) lines.push(`| baseline build, from the Train call | ${mr(t.baseline.fromTrain)} | ${x(t.targets.baselineFromTrain?.ratio)} | |`);
      lines.push(`| PyTorch CPU, 5 epochs | ${mr(t.pytorch.run)} | 1.00× | |`, '');
      lines.push(
        `Steady state ≥ 1.0× PyTorch: ${met(t.targets.steady)} (median ratio ${x(t.targets.steady.ratio)}). Wall time outside training (preparation, backend, evaluation; an upper bound on the wait before the first epoch): warm page ${mr(s.fixedSeconds, 2)} s, cold worker ${mr(s.fixedColdSeconds, 2)} s (target 5: first epoch within 0.3 s of Train on a warm page).${s.untilFirstBatchStartSeconds?.median != null ? ` From the run's marks (warm page): the Train call to the first batch's start ${mr(s.untilFirstBatchStartSeconds, 3)} s, to its end ${mr(s.untilFirstBatchSeconds, 3)} s (target 5 ${s.untilFirstBatchStartSeconds.median <= 0.3 ? 'met' : 'not met'}); Train call to the headline on screen, in the page ${mr(s.callToRenderedSeconds, 3)} s.` : ''}${t.baseline?.untilFirstBatchSeconds?.median != null ? ` Baseline build: Train call to the first batch's end ${mr(t.baseline.untilFirstBatchSeconds, 3)} s.` : ''}`,
        '',
      );
    }
    if (key === 'image' && t.targets) lines.push(`CNN on WASM ≥ 0.5× PyTorch: ${met(t.targets.steady)} (median ratio ${x(t.targets.steady.ratio)}).`, '');
  }
  if (w.accuracy) {
    lines.push(
      '### Time to accuracy on the bundled public data sets (same split for both)',
      '',
      '| data set | studio accuracy (model, backend) | studio training s / wall s | sklearn LogisticRegression accuracy / fit s | gap |',
      '|---|---|---:|---:|---:|',
    );
    for (const [name, r] of Object.entries(w.accuracy)) {
      if (r.error) {
        lines.push(`| ${name} | error: ${r.error} | | | |`);
        continue;
      }
      lines.push(
        `| ${name} | ${n(r.studio.accuracy, 3)} (${r.studio.model}, ${r.studio.backend}) | ${n(r.studio.trainingSeconds, 1)} / ${n(r.studio.wallSeconds, 1)} | ${n(r.reference.sklearnLogReg?.accuracy, 3)} / ${n(r.reference.sklearnLogReg?.seconds, 3)} ${note(r.reference)} | ${n(r.accuracyGap, 3)} |`,
      );
    }
    lines.push('');
  }
  if (w.app) {
    const a = w.app;
    lines.push('### App', '', '| measure | value | goal |', '|---|---:|---|');
    lines.push(`| initial JavaScript (gzip) | ${n(a.initialJavaScript.gzipBytes / 1024, 1)} KiB (${a.initialJavaScript.files.length} files) | TF.js not in it |`);
    lines.push(`| cold start to interactive | ${a.interactive ? mr(a.interactive) : n(a.interactiveMs)} ms | ≤ 400 ms |`);
    if (a.blankPage) lines.push(`| floor: a blank page's first paint, same browser | ${mr(a.blankPage)} ms | |`);
    if (a.reactFloor) lines.push(`| floor: React alone (one button, the same interactive mark), same browser | ${mr(a.reactFloor)} ms | |`);
    lines.push(
      `| longest main-thread task while training | ${a.longestTask ? `${mr(a.longestTask)} ms` : a.longTasksDuringTraining ? `${n(a.longestTaskMs)} ms (${a.longTasksDuringTraining} long tasks)` : 'none ≥ 50 ms'} | < 50 ms |`,
    );
    if (a.longTaskTotal) lines.push(`| main-thread time in tasks ≥ 50 ms, training + result | ${mr(a.longTaskTotal)} ms | |`);
    if (a.baseline) {
      const b = a.baseline;
      if (b.interactive) lines.push(`| baseline build (${b.dist}): cold start to interactive | ${mr(b.interactive)} ms | |`);
      if (b.longestTask) lines.push(`| baseline build: longest main-thread task while training | ${mr(b.longestTask)} ms | |`);
      if (b.longTaskTotal) lines.push(`| baseline build: main-thread time in tasks ≥ 50 ms | ${mr(b.longTaskTotal)} ms | |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
