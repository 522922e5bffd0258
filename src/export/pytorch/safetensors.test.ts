import { describe, expect, it } from 'vitest';
import { float32Bytes, readSafetensors, tensorFloat32, writeSafetensors } from './safetensors';
import { fromTorchLayout, readTopology, toTorchLayout, type WeightMapping } from './topology';

describe('safetensors writer', () => {
  it('writes the u64 LE header length, a space-padded JSON header and raw LE tensors at their offsets', () => {
    const bytes = writeSafetensors([
      { name: 'a.weight', dtype: 'F32', shape: [2, 3], data: float32Bytes(Float32Array.from([1, 2, 3, 4, 5, 6])) },
      { name: 'a.bias', dtype: 'F32', shape: [2], data: float32Bytes(Float32Array.from([-1.5, 0.25])) },
    ]);
    const view = new DataView(bytes.buffer);
    const n = Number(view.getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header).toEqual({
      'a.weight': { dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] },
      'a.bias': { dtype: 'F32', shape: [2], data_offsets: [24, 32] },
    });
    expect(bytes.byteLength).toBe(8 + n + 32);
    expect(view.getFloat32(8 + n + 4 * 5, true)).toBe(6);
    expect(view.getFloat32(8 + n + 24, true)).toBe(-1.5);
    // Little-endian on the wire: 1.0f is 00 00 80 3f.
    expect([...bytes.subarray(8 + n, 8 + n + 4)]).toEqual([0x00, 0x00, 0x80, 0x3f]);
  });

  it('reads back what it wrote, metadata included; "__proto__" stays an ordinary tensor name', () => {
    const bytes = writeSafetensors([{ name: '__proto__', dtype: 'F32', shape: [1], data: float32Bytes(Float32Array.from([7])) }], { format: 'pt' });
    const { tensors, metadata } = readSafetensors(bytes);
    expect(metadata).toEqual({ format: 'pt' });
    expect([...tensorFloat32(tensors.get('__proto__')!)]).toEqual([7]);
  });

  it('rejects truncated files, lying headers and wrong sizes before allocating', () => {
    const good = writeSafetensors([{ name: 'w', dtype: 'F32', shape: [4], data: float32Bytes(new Float32Array(4)) }]);
    expect(() => readSafetensors(good.subarray(0, good.byteLength - 1))).toThrow(/truncated/);
    expect(() => readSafetensors(new Uint8Array(4))).toThrow(/too short/);
    const huge = good.slice();
    new DataView(huge.buffer).setBigUint64(0, 2n ** 60n, true);
    expect(() => readSafetensors(huge)).toThrow(/header says/);
    const header = JSON.stringify({ w: { dtype: 'F32', shape: [1000000, 1000000], data_offsets: [0, 16] } });
    const lying = new Uint8Array(8 + header.length + 16);
    new DataView(lying.buffer).setBigUint64(0, BigInt(header.length), true);
    lying.set(new TextEncoder().encode(header), 8);
    expect(() => readSafetensors(lying)).toThrow(/shape needs/);
    expect(() => writeSafetensors([{ name: 'w', dtype: 'F32', shape: [3], data: new Uint8Array(8) }])).toThrow(/needs 12/);
  });
});

describe('TF.js → PyTorch weight layouts', () => {
  const roundTrip = (values: Float32Array, mapping: WeightMapping) => fromTorchLayout(toTorchLayout(values, mapping), mapping);
  const seq = (n: number) => Float32Array.from({ length: n }, (_, i) => i);

  it('transposes a Dense kernel [in, out] into a Linear weight [out, in]', () => {
    const m: WeightMapping = { tfjs: 'd/kernel', torch: 'd.weight', tfjsShape: [2, 3], torchShape: [3, 2], transform: 'transpose2d' };
    // [[0,1,2],[3,4,5]] → [[0,3],[1,4],[2,5]]
    expect([...toTorchLayout(seq(6), m)]).toEqual([0, 3, 1, 4, 2, 5]);
    expect([...roundTrip(seq(6), m)]).toEqual([...seq(6)]);
  });

  it('moves a Conv2D kernel HWIO into OIHW and a Conv1D kernel WIO into OIW', () => {
    const conv: WeightMapping = { tfjs: 'c/kernel', torch: 'c.weight', tfjsShape: [2, 2, 3, 4], torchShape: [4, 3, 2, 2], transform: 'hwio_oihw' };
    const out = toTorchLayout(seq(48), conv);
    // torch[o][i][y][x] = tf[y][x][i][o]
    for (const [o, i, y, x] of [
      [3, 2, 1, 0],
      [0, 1, 0, 1],
      [2, 0, 1, 1],
    ])
      expect(out[((o * 3 + i) * 2 + y) * 2 + x]).toBe(((y * 2 + x) * 3 + i) * 4 + o);
    expect([...roundTrip(seq(48), conv)]).toEqual([...seq(48)]);
    const c1: WeightMapping = { tfjs: 'c/kernel', torch: 'c.weight', tfjsShape: [3, 2, 5], torchShape: [5, 2, 3], transform: 'wio_oiw' };
    expect(toTorchLayout(seq(30), c1)[(4 * 2 + 1) * 3 + 2]).toBe((2 * 2 + 1) * 5 + 4);
    expect([...roundTrip(seq(30), c1)]).toEqual([...seq(30)]);
  });

  it('maps batch-norm gamma/beta/moving statistics and converts Keras momentum into PyTorch momentum', () => {
    const topology = {
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'Conv2D', config: { name: 'c1', filters: 4, kernel_size: [3, 3], strides: [1, 1], padding: 'same', activation: 'relu', batch_input_shape: [null, 6, 6, 2] } },
          { class_name: 'BatchNormalization', config: { name: 'bn', axis: -1, momentum: 0.9, epsilon: 0.001 } },
          { class_name: 'MaxPooling2D', config: { name: 'p', pool_size: [2, 2], strides: [2, 2], padding: 'valid' } },
          { class_name: 'Flatten', config: { name: 'f' } },
          { class_name: 'Dense', config: { name: 'd', units: 3, activation: 'softmax' } },
        ],
      },
    };
    const t = readTopology(topology, [6, 6, 2]);
    expect(t.weights.map((w) => `${w.tfjs}→${w.torch}`)).toEqual([
      'c1/kernel→conv2d_1.weight',
      'c1/bias→conv2d_1.bias',
      'bn/gamma→batchnorm_1.weight',
      'bn/beta→batchnorm_1.bias',
      'bn/moving_mean→batchnorm_1.running_mean',
      'bn/moving_variance→batchnorm_1.running_var',
      'd/kernel→dense_1.weight',
      'd/bias→dense_1.bias',
    ]);
    expect(t.weights[6].tfjsShape).toEqual([36, 3]);
    expect(t.layers[1]).toMatchObject({ kind: 'batchnorm', epsilon: 0.001, momentum: 0.9, rank: 3 });
    expect(t.outputActivation).toBe('softmax');
  });

  it('follows Embedding → Conv1D → GlobalMaxPooling1D shapes (text models)', () => {
    const topology = {
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'Embedding', config: { name: 'e', input_dim: 100, output_dim: 8, batch_input_shape: [null, 20] } },
          { class_name: 'Conv1D', config: { name: 'c', filters: 6, kernel_size: [3], strides: [1], padding: 'valid', activation: 'relu' } },
          { class_name: 'GlobalMaxPooling1D', config: { name: 'g' } },
          { class_name: 'Dense', config: { name: 'd', units: 2, activation: 'softmax' } },
        ],
      },
    };
    const t = readTopology(topology, [20]);
    expect(t.integerInput).toBe(true);
    expect(t.weights.find((w) => w.tfjs === 'c/kernel')).toMatchObject({ tfjsShape: [3, 8, 6], torchShape: [6, 8, 3] });
    expect(t.weights.find((w) => w.tfjs === 'd/kernel')).toMatchObject({ tfjsShape: [6, 2] });
  });
});
