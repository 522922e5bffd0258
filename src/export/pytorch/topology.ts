/**
 * The exported model's layers, read from the TensorFlow.js topology (model.json's `modelTopology`) and
 * described the way PyTorch needs them: module names, input sizes, and which TF.js weight becomes which
 * PyTorch parameter in which layout. The code generator and the weight converter both work from this list,
 * so adding a layer type means adding one case here and one in the generator.
 */
export type TorchActivation = 'linear' | 'relu' | 'tanh' | 'elu' | 'sigmoid' | 'softmax';

export type TorchLayer =
  | { kind: 'dense'; module: string; tfName: string; inFeatures: number; units: number; activation: TorchActivation }
  | { kind: 'conv2d'; module: string; tfName: string; inChannels: number; filters: number; kernel: [number, number]; strides: [number, number]; padding: 'same' | 'valid'; activation: TorchActivation }
  | { kind: 'conv1d'; module: string; tfName: string; inChannels: number; filters: number; kernel: number; strides: number; padding: 'same' | 'valid'; activation: TorchActivation }
  | { kind: 'batchnorm'; module: string; tfName: string; features: number; rank: number; epsilon: number; momentum: number }
  | { kind: 'maxpool2d'; pool: [number, number]; strides: [number, number] }
  | { kind: 'dropout'; rate: number }
  | { kind: 'flatten' }
  | { kind: 'embedding'; module: string; tfName: string; inputDim: number; outputDim: number }
  | { kind: 'globalmaxpool1d' }
  | { kind: 'globalavgpool1d' }
  | { kind: 'activation'; activation: TorchActivation };

/** How one TF.js weight maps onto one PyTorch parameter or buffer. */
export interface WeightMapping {
  /** TF.js weight name in model.json's manifest, e.g. "dense_Dense1/kernel". */
  tfjs: string;
  /** PyTorch state_dict key, e.g. "dense_1.weight". */
  torch: string;
  tfjsShape: number[];
  torchShape: number[];
  /**
   * 'copy': same layout; 'transpose2d': Dense kernel [in, out] → Linear weight [out, in];
   * 'hwio_oihw': Conv2D kernel [h, w, in, out] → [out, in, h, w]; 'wio_oiw': Conv1D kernel [w, in, out] → [out, in, w].
   */
  transform: 'copy' | 'transpose2d' | 'hwio_oihw' | 'wio_oiw';
}

export interface TorchTopology {
  /** Shape of one example as the studio feeds it (channels last), e.g. [4] or [28, 28, 1]. */
  inputShape: number[];
  /** Integer token ids (an Embedding first) rather than floats. */
  integerInput: boolean;
  layers: TorchLayer[];
  weights: WeightMapping[];
  outputSize: number;
  /** Activation of the last layer: 'softmax' for classifiers, 'linear' for regression. */
  outputActivation: TorchActivation;
}

export class UnsupportedLayerError extends Error {
  readonly code = 'pytorch_unsupported_layer';
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedLayerError';
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const ACTIVATIONS: readonly TorchActivation[] = ['linear', 'relu', 'tanh', 'elu', 'sigmoid', 'softmax'];

function activationOf(config: Json, layer: string): TorchActivation {
  const a = config.activation ?? 'linear';
  if (typeof a !== 'string' || !ACTIVATIONS.includes(a as TorchActivation))
    throw new UnsupportedLayerError(`Layer ${layer} uses activation "${String(a)}", which the PyTorch export does not write yet.`);
  return a as TorchActivation;
}

const pair = (v: unknown, fallback: number): [number, number] => (Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : typeof v === 'number' ? [v, v] : [fallback, fallback]);
const single = (v: unknown, fallback: number): number => (Array.isArray(v) ? Number(v[0]) : typeof v === 'number' ? v : fallback);

function paddingOf(config: Json, layer: string): 'same' | 'valid' {
  const p = config.padding ?? 'valid';
  if (p !== 'same' && p !== 'valid') throw new UnsupportedLayerError(`Layer ${layer} has padding "${String(p)}"; only "same" and "valid" are exported.`);
  return p;
}

/** Output length of a convolution or pooling window along one axis, as Keras computes it. */
function outLength(size: number, window: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

/**
 * Reads a Sequential topology (as the studio builds them) into PyTorch terms, following the tensor shape
 * from `inputShape` through every layer so each module knows its input size.
 */
export function readTopology(modelTopology: object, inputShape: number[]): TorchTopology {
  const root = modelTopology as Json;
  const config = isObject(root.config) ? root.config : null;
  const layersJson = Array.isArray(config?.layers) ? config.layers : Array.isArray(root.config) ? (root.config as unknown[]) : null;
  if (root.class_name !== 'Sequential' || !layersJson) throw new UnsupportedLayerError('The PyTorch export handles Sequential models (the kind the studio builds); this model is not one.');
  const layers: TorchLayer[] = [];
  const weights: WeightMapping[] = [];
  const counters = new Map<string, number>();
  const moduleName = (kind: string) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return `${kind}_${n}`;
  };
  let shape = [...inputShape];
  let integerInput = false;
  let lastActivation: TorchActivation = 'linear';
  let outputSize = shape[shape.length - 1] ?? 0;
  layersJson.forEach((entry, index) => {
    if (!isObject(entry) || !isObject(entry.config)) throw new UnsupportedLayerError(`Layer ${index} of the topology is malformed.`);
    const cls = String(entry.class_name);
    const c = entry.config;
    const tfName = String(c.name ?? `layer${index}`);
    const last = shape[shape.length - 1];
    switch (cls) {
      case 'Dense': {
        const units = Number(c.units);
        const module = moduleName('dense');
        const activation = activationOf(c, tfName);
        layers.push({ kind: 'dense', module, tfName, inFeatures: last, units, activation });
        weights.push({ tfjs: `${tfName}/kernel`, torch: `${module}.weight`, tfjsShape: [last, units], torchShape: [units, last], transform: 'transpose2d' });
        if (c.use_bias !== false) weights.push({ tfjs: `${tfName}/bias`, torch: `${module}.bias`, tfjsShape: [units], torchShape: [units], transform: 'copy' });
        shape = [...shape.slice(0, -1), units];
        lastActivation = activation;
        break;
      }
      case 'Conv2D': {
        if (shape.length !== 3) throw new UnsupportedLayerError(`Conv2D layer ${tfName} needs images (height × width × channels) as input.`);
        if (c.data_format && c.data_format !== 'channels_last') throw new UnsupportedLayerError(`Conv2D layer ${tfName} is not channels_last.`);
        const dilation = pair(c.dilation_rate, 1);
        if (dilation[0] !== 1 || dilation[1] !== 1) throw new UnsupportedLayerError(`Conv2D layer ${tfName} is dilated; not exported yet.`);
        const filters = Number(c.filters);
        const kernel = pair(c.kernel_size, 1);
        const strides = pair(c.strides, 1);
        const padding = paddingOf(c, tfName);
        if (padding === 'same' && (strides[0] !== 1 || strides[1] !== 1)) throw new UnsupportedLayerError(`Conv2D layer ${tfName} combines "same" padding with strides; not exported yet.`);
        const module = moduleName('conv2d');
        const activation = activationOf(c, tfName);
        layers.push({ kind: 'conv2d', module, tfName, inChannels: last, filters, kernel, strides, padding, activation });
        weights.push({
          tfjs: `${tfName}/kernel`,
          torch: `${module}.weight`,
          tfjsShape: [kernel[0], kernel[1], last, filters],
          torchShape: [filters, last, kernel[0], kernel[1]],
          transform: 'hwio_oihw',
        });
        if (c.use_bias !== false) weights.push({ tfjs: `${tfName}/bias`, torch: `${module}.bias`, tfjsShape: [filters], torchShape: [filters], transform: 'copy' });
        shape = [outLength(shape[0], kernel[0], strides[0], padding), outLength(shape[1], kernel[1], strides[1], padding), filters];
        lastActivation = activation;
        break;
      }
      case 'Conv1D': {
        if (shape.length !== 2) throw new UnsupportedLayerError(`Conv1D layer ${tfName} needs sequences (length × channels) as input.`);
        const filters = Number(c.filters);
        const kernel = single(c.kernel_size, 1);
        const strides = single(c.strides, 1);
        const padding = paddingOf(c, tfName);
        if (single(c.dilation_rate, 1) !== 1) throw new UnsupportedLayerError(`Conv1D layer ${tfName} is dilated; not exported yet.`);
        if (padding === 'same' && strides !== 1) throw new UnsupportedLayerError(`Conv1D layer ${tfName} combines "same" padding with strides; not exported yet.`);
        const module = moduleName('conv1d');
        const activation = activationOf(c, tfName);
        layers.push({ kind: 'conv1d', module, tfName, inChannels: last, filters, kernel, strides, padding, activation });
        weights.push({ tfjs: `${tfName}/kernel`, torch: `${module}.weight`, tfjsShape: [kernel, last, filters], torchShape: [filters, last, kernel], transform: 'wio_oiw' });
        if (c.use_bias !== false) weights.push({ tfjs: `${tfName}/bias`, torch: `${module}.bias`, tfjsShape: [filters], torchShape: [filters], transform: 'copy' });
        shape = [outLength(shape[0], kernel, strides, padding), filters];
        lastActivation = activation;
        break;
      }
      case 'BatchNormalization': {
        const axis = Array.isArray(c.axis) ? c.axis[0] : (c.axis ?? -1);
        if (axis !== -1 && axis !== shape.length) throw new UnsupportedLayerError(`BatchNormalization layer ${tfName} normalizes axis ${String(axis)}; only the last (channel) axis is exported.`);
        if (c.center === false || c.scale === false) throw new UnsupportedLayerError(`BatchNormalization layer ${tfName} has no ${c.center === false ? 'beta' : 'gamma'}; not exported yet.`);
        const module = moduleName('batchnorm');
        layers.push({ kind: 'batchnorm', module, tfName, features: last, rank: shape.length, epsilon: Number(c.epsilon ?? 1e-3), momentum: Number(c.momentum ?? 0.99) });
        weights.push(
          { tfjs: `${tfName}/gamma`, torch: `${module}.weight`, tfjsShape: [last], torchShape: [last], transform: 'copy' },
          { tfjs: `${tfName}/beta`, torch: `${module}.bias`, tfjsShape: [last], torchShape: [last], transform: 'copy' },
          { tfjs: `${tfName}/moving_mean`, torch: `${module}.running_mean`, tfjsShape: [last], torchShape: [last], transform: 'copy' },
          { tfjs: `${tfName}/moving_variance`, torch: `${module}.running_var`, tfjsShape: [last], torchShape: [last], transform: 'copy' },
        );
        break;
      }
      case 'MaxPooling2D': {
        if (shape.length !== 3) throw new UnsupportedLayerError(`MaxPooling2D layer ${tfName} needs images as input.`);
        const pool = pair(c.pool_size, 2);
        const strides = pair(c.strides ?? c.pool_size, pool[0]);
        if (paddingOf(c, tfName) !== 'valid') throw new UnsupportedLayerError(`MaxPooling2D layer ${tfName} uses "same" padding; not exported yet.`);
        layers.push({ kind: 'maxpool2d', pool, strides });
        shape = [outLength(shape[0], pool[0], strides[0], 'valid'), outLength(shape[1], pool[1], strides[1], 'valid'), last];
        break;
      }
      case 'Dropout':
        layers.push({ kind: 'dropout', rate: Number(c.rate ?? 0) });
        break;
      case 'Flatten':
        layers.push({ kind: 'flatten' });
        shape = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'Activation': {
        const activation = activationOf(c, tfName);
        layers.push({ kind: 'activation', activation });
        lastActivation = activation;
        break;
      }
      case 'Embedding': {
        if (layers.length > 0) throw new UnsupportedLayerError(`Embedding layer ${tfName} must be the first layer.`);
        if (c.mask_zero === true) throw new UnsupportedLayerError(`Embedding layer ${tfName} masks zeros; not exported yet.`);
        const inputDim = Number(c.input_dim);
        const outputDim = Number(c.output_dim);
        const module = moduleName('embedding');
        integerInput = true;
        layers.push({ kind: 'embedding', module, tfName, inputDim, outputDim });
        weights.push({ tfjs: `${tfName}/embeddings`, torch: `${module}.weight`, tfjsShape: [inputDim, outputDim], torchShape: [inputDim, outputDim], transform: 'copy' });
        shape = [...shape, outputDim];
        break;
      }
      case 'GlobalMaxPooling1D':
      case 'GlobalAveragePooling1D':
        if (shape.length !== 2) throw new UnsupportedLayerError(`${cls} layer ${tfName} needs sequences as input.`);
        layers.push({ kind: cls === 'GlobalMaxPooling1D' ? 'globalmaxpool1d' : 'globalavgpool1d' });
        shape = [last];
        break;
      default:
        throw new UnsupportedLayerError(`The PyTorch export does not know layer type ${cls} (${tfName}) yet.`);
    }
    outputSize = shape[shape.length - 1];
  });
  if (shape.length !== 1) throw new UnsupportedLayerError(`The model's output has shape [${shape.join(', ')}]; the PyTorch export expects one vector per example.`);
  return { inputShape: [...inputShape], integerInput, layers, weights, outputSize, outputActivation: lastActivation };
}

/** Converts one TF.js weight (row-major float32) into the PyTorch layout of `mapping`. */
export function toTorchLayout(values: Float32Array, mapping: WeightMapping): Float32Array {
  const out = new Float32Array(values.length);
  const s = mapping.tfjsShape;
  switch (mapping.transform) {
    case 'copy':
      out.set(values);
      return out;
    case 'transpose2d': {
      const [rows, cols] = s; // [in, out] → [out, in]
      for (let i = 0; i < rows; i++) for (let o = 0; o < cols; o++) out[o * rows + i] = values[i * cols + o];
      return out;
    }
    case 'hwio_oihw': {
      const [h, w, ci, co] = s;
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) out[((o * ci + i) * h + y) * w + x] = values[((y * w + x) * ci + i) * co + o];
      return out;
    }
    case 'wio_oiw': {
      const [w, ci, co] = s;
      for (let x = 0; x < w; x++) for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) out[(o * ci + i) * w + x] = values[(x * ci + i) * co + o];
      return out;
    }
  }
}

/** The inverse of toTorchLayout: a PyTorch parameter back into the TF.js layout. */
export function fromTorchLayout(values: Float32Array, mapping: WeightMapping): Float32Array {
  const out = new Float32Array(values.length);
  const s = mapping.tfjsShape;
  switch (mapping.transform) {
    case 'copy':
      out.set(values);
      return out;
    case 'transpose2d': {
      const [rows, cols] = s;
      for (let i = 0; i < rows; i++) for (let o = 0; o < cols; o++) out[i * cols + o] = values[o * rows + i];
      return out;
    }
    case 'hwio_oihw': {
      const [h, w, ci, co] = s;
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) out[((y * w + x) * ci + i) * co + o] = values[((o * ci + i) * h + y) * w + x];
      return out;
    }
    case 'wio_oiw': {
      const [w, ci, co] = s;
      for (let x = 0; x < w; x++) for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) out[(x * ci + i) * co + o] = values[(o * ci + i) * w + x];
      return out;
    }
  }
}
