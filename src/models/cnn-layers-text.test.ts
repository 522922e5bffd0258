import { describe, expect, it } from 'vitest';
import { formatCnnLayers, parseCnnLayers } from './cnn-layers-text';
import { DEFAULT_CNN } from './spec';
import { CNN_PRESETS } from '../train/image-presets';

describe('parseCnnLayers', () => {
  it('reads the bench model with default kernel 3, ReLU and pool size 2', () => {
    const parsed = parseCnnLayers('conv32, pool, conv64, pool, fc128');
    expect(parsed).toEqual({
      ok: true,
      layers: [
        { type: 'conv', filters: 32, kernel: 3, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'conv', filters: 64, kernel: 3, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'dense', units: 128, activation: 'relu' },
      ],
    });
  });

  it('reads kernels, activations, pool sizes, batch norm and dropout', () => {
    const parsed = parseCnnLayers('conv8x5:tanh,bn,pool3,dropout0.25,fc16:elu');
    expect(parsed.ok && parsed.layers).toEqual([
      { type: 'conv', filters: 8, kernel: 5, activation: 'tanh' },
      { type: 'batchnorm' },
      { type: 'maxpool', size: 3 },
      { type: 'dropout', rate: 0.25 },
      { type: 'dense', units: 16, activation: 'elu' },
    ]);
  });

  it('round-trips every preset through its text form', () => {
    for (const spec of [DEFAULT_CNN, ...Object.values(CNN_PRESETS).map((p) => p.spec)]) {
      expect(parseCnnLayers(formatCnnLayers(spec.layers))).toEqual({ ok: true, layers: spec.layers });
    }
    expect(formatCnnLayers(DEFAULT_CNN.layers)).toBe('conv16,bn,pool,conv32,bn,pool,dropout0.25,fc128,dropout0.3');
  });

  it('names the wrong token and what layers exist', () => {
    const unknown = parseCnnLayers('conv32,pooling,fc10');
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.message).toMatch(/"pooling" is not a layer.*conv<filters>/);
    const activation = parseCnnLayers('conv32:softplus');
    expect(!activation.ok && activation.message).toMatch(/"conv32:softplus".*relu, tanh, elu, sigmoid/);
    const poolActivation = parseCnnLayers('pool:relu');
    expect(!poolActivation.ok && poolActivation.message).toMatch(/only conv and fc/);
    expect(parseCnnLayers(' , ').ok).toBe(false);
  });

  it('applies the same limits as the layer editor', () => {
    const tooWide = parseCnnLayers('conv5000');
    expect(!tooWide.ok && tooWide.message).toMatch(/1–4096 filters/);
    const dropout = parseCnnLayers('dropout1.5');
    expect(!dropout.ok && dropout.message).toMatch(/Dropout/);
    expect(parseCnnLayers('pool9').ok).toBe(false);
  });
});
