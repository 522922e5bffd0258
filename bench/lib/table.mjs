// Renders the bench report as Markdown tables (printed, and pasted into bench/README.md).
const n = (v, digits = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const x = (v) => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');
const note = (v) => (v?.skipped ? `skipped: ${v.skipped}` : v?.error ? `error: ${v.error}` : '');

export function renderTable(report) {
  const lines = [];
  const m = report.machine;
  lines.push(`Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GiB, ${m.platform}, Node ${m.node}. ${report.date}${report.quick ? ' (quick run)' : ''}; bench took ${n(report.seconds)} s.`, '');
  const w = report.workloads;
  if (w.ingest) {
    const i = w.ingest;
    lines.push(`### CSV ingest (${n(i.megabytes, 1)} MB, ${n(i.rows)} rows, file → typed columns)`, '', '| | MB/s | peak memory Δ (MB) | studio ratio |', '|---|---:|---:|---:|');
    lines.push(`| Tau Studio (worker parse) | ${n(i.studio.mbPerSecond, 1)} | ${n(i.studio.memory?.deltaMB)} | — |`);
    lines.push(`| Tau Studio incl. column profiles | ${n(i.studio.loadToReadyMbPerSecond, 1)} | | |`);
    lines.push(`| papaparse, dynamicTyping (same browser) | ${n(i.papaparseTyped.mbPerSecond, 1)} | ${n(i.papaparseTyped.memory?.deltaMB)} | ${x(i.ratios.vsPapaparseTyped)} ${note(i.papaparseTyped)} |`);
    lines.push(`| papaparse, strings (same browser) | ${n(i.papaparseRaw.mbPerSecond, 1)} | ${n(i.papaparseRaw.memory?.deltaMB)} | ${x(i.ratios.vsPapaparseRaw)} ${note(i.papaparseRaw)} |`);
    lines.push(`| pandas read_csv + categories | ${n(i.pandas.mbPerSecond, 1)} | ${n(i.pandas.peakMemoryMB)} | ${x(i.ratios.vsPandas)} ${note(i.pandas)} |`, '');
  }
  for (const key of ['tabular', 'image']) {
    const t = w[key];
    if (!t) continue;
    lines.push(`### ${key === 'tabular' ? 'Tabular' : 'Image'} training: ${t.model} (samples/s, steady state after the first epoch)`, '', '| backend | samples/s | vs PyTorch CPU |', '|---|---:|---:|');
    for (const [backend, v] of Object.entries(t.studio)) {
      if (backend === 'skipped') continue;
      const sized = key === 'image' && v.images ? `, ${v.images} images` : '';
      lines.push(`| Tau Studio ${backend}${v.adapter ? ` (${v.adapter})` : ''}${sized} | ${n(v.samplesPerSecond)} | ${x(t.ratios[backend])} ${note(v)} |`);
    }
    if (t.studio.skipped) lines.push(`| Tau Studio | — | ${t.studio.skipped} |`);
    lines.push(`| PyTorch CPU (${t.pytorch.threads ?? '?'} threads) | ${n(t.pytorch.samplesPerSecond)} | 1.00× ${note(t.pytorch)} |`, '');
  }
  if (w.accuracy) {
    lines.push('### Time to accuracy on the bundled public data sets (same split for both)', '', '| data set | studio accuracy (model, backend) | studio training s / wall s | sklearn LogisticRegression accuracy / fit s | gap |', '|---|---|---:|---:|---:|');
    for (const [name, r] of Object.entries(w.accuracy)) {
      if (r.error) {
        lines.push(`| ${name} | error: ${r.error} | | | |`);
        continue;
      }
      lines.push(`| ${name} | ${n(r.studio.accuracy, 3)} (${r.studio.model}, ${r.studio.backend}) | ${n(r.studio.trainingSeconds, 1)} / ${n(r.studio.wallSeconds, 1)} | ${n(r.reference.sklearnLogReg?.accuracy, 3)} / ${n(r.reference.sklearnLogReg?.seconds, 3)} ${note(r.reference)} | ${n(r.accuracyGap, 3)} |`);
    }
    lines.push('');
  }
  if (w.app) {
    const a = w.app;
    lines.push('### App', '', '| measure | value | goal |', '|---|---:|---|');
    lines.push(`| initial JavaScript (gzip) | ${n(a.initialJavaScript.gzipBytes / 1024, 1)} KiB (${a.initialJavaScript.files.length} files) | TF.js not in it |`);
    lines.push(`| cold start to interactive | ${n(a.interactiveMs)} ms | |`);
    lines.push(`| longest main-thread task while training | ${a.longTasksDuringTraining ? `${n(a.longestTaskMs)} ms (${a.longTasksDuringTraining} long tasks)` : 'none ≥ 50 ms'} | < 50 ms |`, '');
  }
  return lines.join('\n');
}
