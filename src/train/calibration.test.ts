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
    expect(decideWithoutCalibration(probes, 'tabular')?.backend).toBe('webgpu');
  });

  it('does not let a software adapter win without measuring', () => {
    expect(decideWithoutCalibration(swiftshader, 'tabular')).toBeNull();
    expect(calibrationCandidates(swiftshader, 'tabular')).toEqual(['webgpu', 'webgl', 'wasm']);
  });

  it('never calibrates WASM for images (it cannot train CNNs)', () => {
    expect(calibrationCandidates(swiftshader, 'image')).toEqual(['webgpu', 'webgl']);
    const onlyWasm: BackendProbe[] = [
      { name: 'webgpu', available: false, reason: 'no adapter' },
      { name: 'webgl', available: false, reason: 'no webgl' },
      { name: 'wasm', available: true },
      { name: 'cpu', available: true },
    ];
    expect(calibrationCandidates(onlyWasm, 'image')).toEqual(['cpu']);
  });

  it('picks the fastest measured backend and says why with the figures', () => {
    const decision = decideFromCalibration(
      { workload: 'tabular', samplesPerSecond: { webgpu: 3000, webgl: 2000, wasm: 25000 }, failures: {}, measuredAt: '' },
      swiftshader,
      true,
    );
    expect(decision.backend).toBe('wasm');
    expect(decision.reason).toContain('WASM was fastest');
    expect(decision.reason).toContain('WebGPU (software GPU) 3,000');
    expect(decision.reason).toContain('cached');
  });
});
