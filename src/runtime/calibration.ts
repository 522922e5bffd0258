import type { BackendName } from '../train/settings';
import { BACKEND_LABELS } from '../train/settings';
import type { BackendProbe } from './backends';

export type Workload = 'tabular' | 'image';

export interface CalibrationResult {
  workload: Workload;
  /** Training samples per second on the calibration model, per backend tried. */
  samplesPerSecond: Partial<Record<BackendName, number>>;
  /** Backends that failed while calibrating, with the error. */
  failures: Partial<Record<BackendName, string>>;
  measuredAt: string;
}

export interface BackendDecision {
  backend: BackendName;
  /** A sentence for the badge tooltip and the results: why this backend. */
  reason: string;
  calibration?: CalibrationResult;
}

/** A hardware GPU needs no calibration; software ones (SwiftShader) must prove themselves. */
export function decideWithoutCalibration(probes: BackendProbe[]): BackendDecision | null {
  for (const name of ['webgpu', 'webgl'] as const) {
    const probe = probes.find((p) => p.name === name);
    if (probe?.available && !probe.software) {
      return { backend: name, reason: `${BACKEND_LABELS[name]} on a hardware GPU (${probe.adapter ?? 'adapter unknown'}) is the first choice.` };
    }
  }
  return null;
}

/** Backends worth calibrating: the available ones; the (slow) CPU backend only if nothing else works. */
export function calibrationCandidates(probes: BackendProbe[]): BackendName[] {
  const usable = probes.filter((p) => p.available).map((p) => p.name);
  const fast = usable.filter((n) => n !== 'cpu');
  return fast.length > 0 ? fast : ['cpu'];
}

export function decideFromCalibration(result: CalibrationResult, probes: BackendProbe[], cached: boolean): BackendDecision {
  const ranked = (Object.entries(result.samplesPerSecond) as [BackendName, number][]).sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) {
    return { backend: 'cpu', reason: 'No faster backend worked on this device, so the CPU backend is used.', calibration: result };
  }
  const [winner] = ranked[0];
  const label = (name: BackendName) => {
    const probe = probes.find((p) => p.name === name);
    return `${BACKEND_LABELS[name]}${probe?.software ? ' (software GPU)' : ''}`;
  };
  const figures = ranked.map(([name, sps]) => `${label(name)} ${Math.round(sps).toLocaleString('en-US')}`).join(', ');
  const failed = Object.entries(result.failures).map(([name, error]) => `${BACKEND_LABELS[name as BackendName]} failed: ${error}`);
  return {
    backend: winner,
    reason:
      `${label(winner)} was fastest in a short ${result.workload} training calibration on this device (samples/s: ${figures})` +
      `${failed.length ? `; ${failed.join('; ')}` : ''}${cached ? '; measured earlier and cached for this browser' : ''}.`,
    calibration: result,
  };
}

export function calibrationCacheKey(workload: Workload, probes: BackendProbe[]): string {
  const parts = probes.map((p) => `${p.name}:${p.available ? 1 : 0}:${p.adapter ?? ''}:${p.threads ? 't' : ''}`);
  const nav = globalThis.navigator as Navigator | undefined;
  // v2: WASM convolutions run on every core since round 8 (src/runtime/wasm-threads.ts); v1 timings were single-threaded.
  return ['v2', workload, nav?.userAgent ?? '', nav?.hardwareConcurrency ?? 0, ...parts].join('|');
}
