import { describe, expect, it } from 'vitest';
import { savedArtifacts, type SavedModelRecord } from './saved-models';

const record: SavedModelRecord = {
  id: 'tau-1',
  name: 'Penguins',
  savedAt: '2026-01-01T00:00:00.000Z',
  classes: ['a', 'b'],
  exampleShape: [3],
  parameters: 8,
  preprocessing: null,
  image: null,
  reference: null,
  metrics: null,
};

describe('savedArtifacts', () => {
  it('joins weight shards in order and copies the record fields', () => {
    const artifacts = savedArtifacts(record, {
      modelTopology: { class_name: 'Sequential' },
      weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }],
      weightData: [Float32Array.from([1]).buffer, Float32Array.from([2]).buffer],
    });
    expect(Array.from(new Float32Array(artifacts.weightData))).toEqual([1, 2]);
    expect(artifacts).toMatchObject({ format: 'tau-model', classes: ['a', 'b'], exampleShape: [3], preprocessing: null });
    expect('image' in artifacts).toBe(false);
  });

  it('refuses incomplete copies and unknown weight types, naming the model', () => {
    expect(() => savedArtifacts(record, { modelTopology: {}, weightSpecs: [] })).toThrow(/stored copy of "Penguins" is incomplete/);
    expect(() => savedArtifacts(record, { modelTopology: {}, weightSpecs: [{ name: 'w', shape: [1], dtype: 'float64' }], weightData: new ArrayBuffer(8) })).toThrow(/unknown type \(w: float64\)/);
  });
});
