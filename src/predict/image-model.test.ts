import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../models/build-model';
import { toArtifacts, fromArtifacts } from '../train/model-io';
import { bundleFiles } from '../export/write-bundle';
import { assembleBundle } from '../export/validate-bundle';
import { metricsFile } from '../export/metrics-file';
import { loadBundle, predict } from '../export/snippet/predict-with-bundle.mjs';
import { imageToInput } from './image-input';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A 16×16 RGBA image: left half black, right half white, half-transparent bottom-right corner. */
function testImage(): Uint8Array {
  const rgba = new Uint8Array(16 * 16 * 4);
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const v = x < 8 ? 0 : 255;
      rgba.set([v, v, v, x >= 12 && y >= 12 ? 0 : 255], (y * 16 + x) * 4);
    }
  }
  return rgba;
}

describe('image models', () => {
  it('prepares a decoded image as training does: gray, composited over white, area-resized, / 255', () => {
    const input = imageToInput(testImage(), 16, 16, { width: 8, height: 8, channels: 1 });
    expect(input).toHaveLength(64);
    expect(input[0]).toBe(0); // black, left
    expect(input[7]).toBeCloseTo(1, 6); // white, right
    expect(input[63]).toBeCloseTo(1, 6); // transparent over white
    const rgb = imageToInput(testImage(), 16, 16, { width: 4, height: 4, channels: 3 });
    expect(rgb).toHaveLength(48);
  });

  it('a tiny CNN round-trips through the bundle, and the snippet predicts what the app predicts', async () => {
    const model = buildModel(
      {
        kind: 'cnn',
        l2: 0,
        layers: [
          { type: 'conv', filters: 2, kernel: 3, activation: 'relu' },
          { type: 'maxpool', size: 2 },
        ],
      },
      [8, 8, 1],
      3,
      5,
    );
    const image = { width: 8, height: 8, channels: 1 as const };
    const artifacts = await toArtifacts({ model, preprocessing: null, exampleShape: [8, 8, 1], classes: ['cat', 'dog', '__proto__'], image });
    const files = bundleFiles({ artifacts, metrics: metricsFile(null), reference: null, generatedBy: 'test', title: 'Tiny CNN' });
    expect(new TextDecoder().decode(files.get('README.md'))).toContain('images of 8×8 pixels, grayscale');
    const bundle = assembleBundle(files, 'test');
    expect(bundle.preprocessing.kind).toBe('image');
    expect(bundle.artifacts.exampleShape).toEqual([8, 8, 1]);
    const restored = await fromArtifacts(bundle.artifacts);
    const x = imageToInput(testImage(), 16, 16, image);
    const app = (restored.model.predict(tf.tensor(x, [1, 8, 8, 1])) as tf.Tensor).dataSync();

    const snippet = await loadBundle(async (name) => files.get(name) as Uint8Array);
    const pixels = Uint8Array.from(x, (v) => Math.round(v * 255));
    const [p] = predict(snippet, [pixels]);
    ['cat', 'dog', '__proto__'].forEach((c, k) => expect(Math.abs(p.probabilities[c] - app[k])).toBeLessThan(1e-6));
    expect(Object.hasOwn(p.probabilities, '__proto__')).toBe(true);
    model.dispose();
    restored.model.dispose();
    snippet.model.dispose();
  });

  it('refuses an image bundle whose size does not match the model', () => {
    const files = new Map<string, Uint8Array>();
    const model = buildModel({ kind: 'cnn', l2: 0, layers: [{ type: 'maxpool', size: 2 }] }, [8, 8, 1], 2, 5);
    return toArtifacts({ model, preprocessing: null, exampleShape: [8, 8, 1], classes: ['a', 'b'], image: { width: 8, height: 8, channels: 1 } }).then((artifacts) => {
      for (const [k, v] of bundleFiles({ artifacts: { ...artifacts, image: { width: 10, height: 8, channels: 1 } }, metrics: metricsFile(null), reference: null, generatedBy: 'test', title: 't' }))
        files.set(k, v);
      expect(() => assembleBundle(files, 'test')).toThrow(/The model expects images of shape \[8, 8, 1\] but preprocessing\.json says \[8, 10, 1\]/);
      model.dispose();
    });
  });
});
