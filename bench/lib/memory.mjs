// Peak resident memory of a process tree (Linux /proc), sampled while a measurement runs.
import { readdirSync, readFileSync } from 'node:fs';

function children() {
  const byParent = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!byParent.has(ppid)) byParent.set(ppid, []);
      byParent.get(ppid).push(Number(entry));
    } catch {
      // The process exited between listing and reading: it uses no memory now.
    }
  }
  return byParent;
}

export function treeRssMb(rootPid) {
  const byParent = children();
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      if (match) total += Number(match[1]) / 1024;
    } catch {
      // Exited while sampling; nothing to add.
    }
    for (const child of byParent.get(pid) ?? []) stack.push(child);
  }
  return total;
}

/** Samples the tree every `intervalMs` until `stop()`; returns the peak above the starting value. */
export function samplePeak(rootPid, intervalMs = 50) {
  const supported = process.platform === 'linux';
  const baseline = supported ? treeRssMb(rootPid) : 0;
  let peak = baseline;
  const timer = supported ? setInterval(() => (peak = Math.max(peak, treeRssMb(rootPid))), intervalMs) : null;
  return {
    stop() {
      if (timer) clearInterval(timer);
      return supported ? { peakMB: peak, baselineMB: baseline, deltaMB: peak - baseline } : null;
    },
  };
}
