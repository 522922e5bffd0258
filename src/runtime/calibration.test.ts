import { describe, expect, it } from 'vitest';
import { calibrationCandidates, decideFromCalibration, decideWithoutCalibration } from './calibration';
import type { BackendProbe } from './backends';

const swiftshader: BackendProbe[] = [
  { name: 'webgpu', available: true, adapter: 'google swiftshader', software: true },
  { name: 'webgl', available: true, adapter: 'ANGLE (SwiftShader)', software: true },
  { name: 'wasm', available: true, threads: true },
  { name: 'cpu', available: true },
];

describe('backend choice', () => {
  it('takes a hardware GPU without calibrating', () => {
    const probes: BackendProbe[] = [{ ...swiftshader[0], software: false, adapter: 'nvidia ampere' }, ...swiftshader.slice(1)];
    expect(decideWithoutCalibration(probes)?.backend).toBe('webgpu');
  });

  it('does not let a software adapter win without measuring', () => {
    expect(decideWithoutCalibration(swiftshader)).toBeNull();
    expect(calibrationCandidates(swiftshader)).toEqual(['webgpu', 'webgl', 'wasm']);
  });

  it('calibrates WASM for images too (the studio adds the convolution gradients it lacks), the CPU backend only as a last resort', () => {
    expect(calibrationCandidates(swiftshader)).toEqual(['webgpu', 'webgl', 'wasm']);
    const cpuOnly: BackendProbe[] = [
      { name: 'webgpu', available: false, reason: 'no adapter' },
      { name: 'webgl', available: false, reason: 'no webgl' },
      { name: 'wasm', available: false, reason: 'WebAssembly is disabled' },
      { name: 'cpu', available: true },
    ];
    expect(calibrationCandidates(cpuOnly)).toEqual(['cpu']);
  });

  it('picks the fastest measured backend and says why with the figures', () => {
    const decision = decideFromCalibration({ workload: 'tabular', samplesPerSecond: { webgpu: 3000, webgl: 2000, wasm: 25000 }, failures: {}, measuredAt: '' }, swiftshader, true);
    expect(decision.backend).toBe('wasm');
    expect(decision.reason).toContain('WASM was fastest');
    expect(decision.reason).toContain('WebGPU (software GPU) 3,000');
    expect(decision.reason).toContain('cached');
  });
});
